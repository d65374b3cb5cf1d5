import NeuralNet
import TensorCore

/// `maxpool S, stride: S`: max pooling over windows of S×S.
struct MaxPoolLayerKind: LayerKind {
    let keyword = "maxpool"

    func declare<Scalar: TensorScalar>(_ line: LayerLine<Scalar>) throws -> DeclaredLayer<Scalar> {
        try line.rejectNamed(allowed: ["stride"])
        guard let window = line.positional.first, line.positional.count == 1 else {
            throw line.error("'maxpool' needs one window size, as in 'maxpool 2'")
        }
        let stride = try line.named("stride").map { try line.positiveInteger($0, "stride") }
        let size = try line.positiveInteger(window, "maxpool")
        let text = "maxpool \(size)" + (stride.map { $0 == size ? "" : ", stride: \($0)" } ?? "")
        return DeclaredLayer(text) { _ in try MaxPool2D<Scalar>(size, stride: stride) }
    }
}
