import Glibc

/// How a tensor was computed: its inputs, and the function that turns the
/// gradient of the result into gradients of the inputs (nil where an input
/// gets none).
struct GradientRecord<Scalar: TensorScalar> {
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

    /// Whether operations are being recorded on this thread.
    public static var isEnabled: Bool { isRecording }
}

extension Tensor {
    /// The result of an operation on `parents`: records how to differentiate
    /// it when recording is on and some parent requires a gradient.
    static func result(
        shape: [Int], scalars: [Scalar], parents: [Tensor],
        backward: @escaping (Tensor) throws -> [Tensor?]
    ) -> Tensor {
        let tensor = Tensor(uncheckedShape: shape, scalars: scalars)
        if GradientMode.isRecording, parents.contains(where: { $0.requiresGradient }) {
            tensor.requiresGradient = true
            tensor.record = GradientRecord(parents: parents, backward: backward)
        }
        return tensor
    }
}
