import NeuralNet
import TensorCore

/// `conv1d C, kernel: K, stride: 1, pad: 0, dilation: 1, activation, init: …, bias: false`:
/// a 1-D convolution of samples (channels, length) into C channels.
struct Conv1DLayerKind: LayerKind {
    let keyword = "conv1d"

    func declare<Scalar: TensorScalar>(_ line: LayerLine<Scalar>) throws -> DeclaredLayer<Scalar> {
        try line.rejectNamed(allowed: ["kernel", "stride", "pad", "dilation", "init", "bias"])
        guard let channels = line.positional.first, let kernelSize = line.named("kernel") else {
            throw line.error("'conv1d' needs its output channels and a kernel size, as in 'conv1d 8, kernel: 5, pad: 2, relu'")
        }
        let window = try line.window()
        let outputs = try line.positiveInteger(channels, "conv1d"), kernel = try line.positiveInteger(kernelSize, "kernel")
        let activation = try line.optionalActivation(after: 1)
        let useBias = try line.flag("bias")
        let text = "conv1d \(outputs), kernel: \(kernel)" + window.text + (useBias ? "" : ", no bias") + (activation.map { ", \($0.name)" } ?? "")
        return DeclaredLayer(text, initializer: line.initializer) { shape in
            guard shape.count == 2 else {
                throw LayerError(layer: text, problem:
                    "needs samples of shape (channels, length), got \(Shape.describe(shape)); declare them with input")
            }
            return try Conv1D(shape[0], outputs, kernel: kernel, stride: window.stride, padding: window.pad, dilation: window.dilation,
                              activation: activation, useBias: useBias)
        }
    }
}

/// A convolution line's `stride:`, `pad:` and `dilation:`, and how the line shows them.
struct ConvolutionWindow {
    let stride: Int, pad: Int, dilation: Int

    /// `, stride: 2, pad: 1` — only what differs from the defaults.
    var text: String {
        (stride == 1 ? "" : ", stride: \(stride)") + (pad == 0 ? "" : ", pad: \(pad)") + (dilation == 1 ? "" : ", dilation: \(dilation)")
    }
}

extension LayerLine {
    /// The line's `stride:` (≥ 1), `pad:` (≥ 0) and `dilation:` (≥ 1).
    func window() throws -> ConvolutionWindow {
        ConvolutionWindow(stride: try named("stride").map { try positiveInteger($0, "stride") } ?? 1,
                          pad: try named("pad").map { try integer($0, "pad", minimum: 0) } ?? 0,
                          dilation: try named("dilation").map { try positiveInteger($0, "dilation") } ?? 1)
    }
}
