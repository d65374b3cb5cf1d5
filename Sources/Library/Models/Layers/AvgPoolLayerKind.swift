import NeuralNet
import TensorCore

/// `avgpool S, stride: S, pad: 0`: average pooling over windows of S (S×S for
/// samples (channels, height, width), S for samples (channels, length)).
struct AvgPoolLayerKind: LayerKind {
    let keyword = "avgpool"

    func declare<Scalar: TensorScalar>(_ line: LayerLine<Scalar>) throws -> DeclaredLayer<Scalar> {
        try line.rejectNamed(allowed: ["stride", "pad"])
        guard let window = line.positional.first, line.positional.count == 1 else {
            throw line.error("'avgpool' needs one window size, as in 'avgpool 2'")
        }
        let stride = try line.named("stride").map { try line.positiveInteger($0, "stride") }
        let pad = try line.named("pad").map { try line.integer($0, "pad", minimum: 0) } ?? 0
        let size = try line.positiveInteger(window, "avgpool")
        let text = "avgpool \(size)" + (stride.map { $0 == size ? "" : ", stride: \($0)" } ?? "") + (pad == 0 ? "" : ", pad: \(pad)")
        return DeclaredLayer(text) { _ in try AveragePool<Scalar>(size, stride: stride, padding: pad) }
    }
}
