/// Arrays of scalars that kernels fill through a pointer.
enum ScalarBuffer {
    /// A new array of `count` elements whose values are undefined until a
    /// kernel overwrites them all (the element types are trivial, so no
    /// initialisation pass is needed first).
    @inline(__always)
    static func uninitialized<Scalar: TensorScalar>(count: Int) -> [Scalar] {
        [Scalar](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
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
        if buffer.count != count { buffer = uninitialized(count: count) }
        try buffer.withUnsafeMutableBufferPointer { pointer in
            try body(count == 0 ? nil : pointer.baseAddress)
        }
    }
}
