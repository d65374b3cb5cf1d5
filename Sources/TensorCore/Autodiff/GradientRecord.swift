import Glibc

/// How a tensor was computed: its inputs, and the function that turns the
/// gradient of the result into gradients of the inputs (nil where an input
/// gets none).
struct GradientRecord<Scalar: TensorScalar> {
    /// The operation's name, for errors (`"matmul"`, `"dense chain"`).
    let operation: String
    /// Whether `backward`, run while recording, records its result as a
    /// function of the gradient and the inputs — so that the gradient can
    /// be differentiated again. False for fused kernels that compute the
    /// gradient from raw numbers: to the graph it would be a constant, and
    /// a second derivative through it silently wrong.
    let isDifferentiableTwice: Bool
    let parents: [Tensor<Scalar>]
    let backward: (Tensor<Scalar>) throws -> [Tensor<Scalar>?]
}

/// Whether operations are recorded for `backward()`: on by default, off
/// inside `withoutGradients` (inference, optimiser updates, the backward
/// pass itself), per thread.
///
/// The flag is a thread-specific value rather than a `@TaskLocal`: binding
/// a task-local allocates twice, and the backward pass binds it every step.
public enum GradientMode {
    /// Non-nil while recording is off on the calling thread.
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// Any non-nil value: "off".
    private static let off = UnsafeRawPointer(bitPattern: 1)

    static var isRecording: Bool { pthread_getspecific(key) == nil }

    /// Runs `body` without recording any operation.
    public static func withoutGradients<R>(_ body: () throws -> R) rethrows -> R {
        let previous = pthread_getspecific(key)
        pthread_setspecific(key, off)
        defer { pthread_setspecific(key, previous) }
        return try body()
    }

    /// Runs `body` recording operations, whatever the mode around it: the
    /// backward pass of `gradients(…, createGraph: true)`.
    static func withRecording<R>(_ body: () throws -> R) rethrows -> R {
        let previous = pthread_getspecific(key)
        pthread_setspecific(key, nil)
        defer { pthread_setspecific(key, previous) }
        return try body()
    }

    /// Whether operations are being recorded on this thread.
    public static var isEnabled: Bool { isRecording }
}

extension Tensor {
    /// The result of an operation on `parents`: records how to differentiate
    /// it when recording is on and some parent requires a gradient.
    ///
    /// Every operation states whether its `backward` is twice
    /// differentiable (see `GradientRecord`); there is no default, so that
    /// a new operation cannot claim it by omission.
    static func result(
        shape: [Int], scalars: [Scalar], parents: [Tensor],
        operation: String, isDifferentiableTwice: Bool,
        backward: @escaping (Tensor) throws -> [Tensor?]
    ) -> Tensor {
        let tensor = Tensor(uncheckedShape: shape, scalars: scalars)
        if GradientMode.isRecording, parents.contains(where: { $0.requiresGradient }) {
            tensor.requiresGradient = true
            tensor.record = GradientRecord(
                operation: operation, isDifferentiableTwice: isDifferentiableTwice, parents: parents, backward: backward)
        }
        return tensor
    }
}
