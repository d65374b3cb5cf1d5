import NeuralNet
import TensorCore

/// `dense N, activation, init: …, bias: false`: a fully connected layer of N outputs.
struct DenseLayerKind: LayerKind {
    let keyword = "dense"

    func declare<Scalar: TensorScalar>(_ line: LayerLine<Scalar>) throws -> DeclaredLayer<Scalar> {
        try line.rejectNamed(allowed: ["init", "bias"])
        guard let size = line.positional.first else { throw line.error("'dense' needs its number of outputs, as in 'dense 3, relu'") }
        let activation = try line.optionalActivation(after: 1)
        let outputs = try line.positiveInteger(size, "dense")
        let useBias = try line.flag("bias")
        let text = "dense \(outputs)" + (useBias ? "" : ", no bias") + (activation.map { ", \($0.name)" } ?? "")
        return DeclaredLayer(text, initializer: line.initializer) { shape in
            guard shape.count == 1 else {
                throw LayerError(layer: text, problem:
                    "needs samples that are vectors, got samples of shape \(Shape.describe(shape)); add a flatten layer before it")
            }
            return try Dense(shape[0], outputs, activation: activation, useBias: useBias)
        }
    }
}
