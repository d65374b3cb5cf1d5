/// Arrays of scalars that kernels fill through a pointer.
enum ScalarBuffer {
    /// A new array of `count` values, all written by `body` (which is not
    /// called when `count` is 0), after checking that the run's memory
    /// budget has room for it.
    @inline(__always)
    static func filled<Scalar: TensorScalar>(count: Int, _ body: (UnsafeMutablePointer<Scalar>) throws -> Void) throws -> [Scalar] {
        try Tensor<Scalar>.requireRoom(elements: count, for: "a result of \(count) elements")
        var buffer: [Scalar] = []
        try overwrite(&buffer, count: count) { pointer in
            if let pointer { try body(pointer) }
        }
        return buffer
    }

    /// `filled` without the budget check, for buffers no larger than an
    /// input that exists already (a copy for LAPACK, a mask, a gradient whose
    /// room the backward pass checked), made where nothing can throw.
    @inline(__always)
    static func filledLikeInput<Scalar: TensorScalar>(count: Int, _ body: (UnsafeMutablePointer<Scalar>) throws -> Void) rethrows -> [Scalar] {
        var buffer: [Scalar] = []
        try overwrite(&buffer, count: count) { pointer in
            if let pointer { try body(pointer) }
        }
        return buffer
    }

    /// Lets `body` overwrite `count` values of `buffer`: in place when the
    /// buffer already holds `count` elements (a step reusing last step's
    /// memory), in a new array otherwise. A buffer someone else still holds
    /// is copied first, as for any array, so they never see the new values.
    /// `body` gets nil when `count` is 0: there is nothing to write.
    @inline(__always)
    static func overwrite<Scalar: TensorScalar>(
        _ buffer: inout [Scalar], count: Int, _ body: (UnsafeMutablePointer<Scalar>?) throws -> Void
    ) rethrows {
        if buffer.count != count {
            // The element types are trivial: no initialisation pass is
            // needed before the kernel overwrites every value.
            buffer = [Scalar](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
        }
        try buffer.withUnsafeMutableBufferPointer { pointer in
            try body(count == 0 ? nil : pointer.baseAddress)
        }
    }
}
