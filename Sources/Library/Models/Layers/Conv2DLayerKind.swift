import NeuralNet
import TensorCore

/// `conv2d C, kernel: K, stride: 1, pad: 0, dilation: 1, activation, init: …, bias: false`:
/// a 2-D convolution of samples (channels, height, width) into C channels.
struct Conv2DLayerKind: LayerKind {
    let keyword = "conv2d"

    func declare<Scalar: TensorScalar>(_ line: LayerLine<Scalar>) throws -> DeclaredLayer<Scalar> {
        try line.rejectNamed(allowed: ["kernel", "stride", "pad", "dilation", "init", "bias"])
        guard let channels = line.positional.first, let kernelSize = line.named("kernel") else {
            throw line.error("'conv2d' needs its output channels and a kernel size, as in 'conv2d 6, kernel: 3, pad: 1, relu'")
        }
        let window = try line.window()
        let outputs = try line.positiveInteger(channels, "conv2d"), kernel = try line.positiveInteger(kernelSize, "kernel")
        let activation = try line.optionalActivation(after: 1)
        let useBias = try line.flag("bias")
        let text = "conv2d \(outputs), kernel: \(kernel)" + window.text + (useBias ? "" : ", no bias") + (activation.map { ", \($0.name)" } ?? "")
        return DeclaredLayer(text, initializer: line.initializer) { shape in
            guard shape.count == 3 else {
                throw LayerError(layer: text, problem:
                    "needs samples of shape (channels, height, width), got \(Shape.describe(shape)); declare them with input")
            }
            return try Conv2D(shape[0], outputs, kernel: kernel, stride: window.stride, padding: window.pad, dilation: window.dilation,
                              activation: activation, useBias: useBias)
        }
    }
}
