/// How a tensor was computed: its inputs, and the function that turns the
/// gradient of the result into gradients of the inputs (nil where an input
/// gets none).
struct GradientRecord<Scalar: TensorScalar> {
    let parents: [Tensor<Scalar>]
    let backward: (Tensor<Scalar>) throws -> [Tensor<Scalar>?]
}

/// Whether operations are recorded for `backward()`: on by default, off
/// inside `withoutGradients` (inference, optimiser updates).
public enum GradientMode {
    @TaskLocal static var isRecording = true

    /// Runs `body` without recording any operation.
    public static func withoutGradients<R>(_ body: () throws -> R) rethrows -> R {
        try $isRecording.withValue(false, operation: body)
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
