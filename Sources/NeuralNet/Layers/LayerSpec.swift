import TensorCore

/// A layer as a notebook declares it, before its input size is known
/// (`dense 3, relu` after an input of 1 feature becomes `dense 1 → 3, relu`).
public enum LayerSpec<Scalar: TensorScalar>: CustomStringConvertible {
    /// A dense layer with this many outputs.
    case dense(outputs: Int, activation: ActivationFunction<Scalar>? = nil, useBias: Bool = true)
    /// A convolution with this many output channels.
    case conv2d(outChannels: Int, kernel: Int, stride: Int = 1, padding: Int = 0,
                activation: ActivationFunction<Scalar>? = nil, useBias: Bool = true)
    /// Max pooling.
    case maxPool(size: Int, stride: Int? = nil)
    /// Flattening each sample to a vector.
    case flatten
    /// An activation on its own.
    case activation(ActivationFunction<Scalar>)

    public var description: String {
        switch self {
        case let .dense(outputs, activation, useBias):
            return "dense \(outputs)" + (useBias ? "" : ", no bias") + (activation.map { ", \($0.name)" } ?? "")
        case let .conv2d(outChannels, kernel, stride, padding, activation, useBias):
            return "conv2d \(outChannels), kernel: \(kernel)" + (stride == 1 ? "" : ", stride: \(stride)")
                + (padding == 0 ? "" : ", pad: \(padding)") + (useBias ? "" : ", no bias") + (activation.map { ", \($0.name)" } ?? "")
        case let .maxPool(size, stride):
            return "maxpool \(size)" + (stride.map { $0 == size ? "" : ", stride: \($0)" } ?? "")
        case .flatten:
            return "flatten"
        case let .activation(function):
            return function.name
        }
    }
}

extension Network {
    /// A network built from declarations, each layer sized from the output
    /// of the one before, starting from samples of `inputShape`. Parameters
    /// start at zero: call `initialize` before training.
    ///
    /// ```swift
    /// let net = try Network<Float>(name: "shallow", inputShape: [1], specs: [.dense(outputs: 3, activation: .relu), .dense(outputs: 1)])
    /// ```
    public convenience init(name: String? = nil, inputShape: [Int], specs: [LayerSpec<Scalar>]) throws {
        var shape = inputShape
        var layers: [any Layer<Scalar>] = []
        for (index, spec) in specs.enumerated() {
            let layer: any Layer<Scalar>
            do {
                layer = try Self.makeLayer(spec, input: shape)
                shape = try layer.outputShape(for: shape)
            } catch let error as LayerError {
                throw NetworkError.layer(position: index + 1, layer: spec.description, problem: error.problem)
            }
            layers.append(layer)
        }
        try self.init(name: name, inputShape: inputShape, layers: layers)
    }

    private static func makeLayer(_ spec: LayerSpec<Scalar>, input shape: [Int]) throws -> any Layer<Scalar> {
        switch spec {
        case let .dense(outputs, activation, useBias):
            guard shape.count == 1 else {
                throw LayerError(layer: spec.description, problem:
                    "needs samples that are vectors, got samples of shape \(Shape.describe(shape)); add a flatten layer before it")
            }
            return try Dense(shape[0], outputs, activation: activation, useBias: useBias)
        case let .conv2d(outChannels, kernel, stride, padding, activation, useBias):
            guard shape.count == 3 else {
                throw LayerError(layer: spec.description, problem:
                    "needs samples of shape (channels, height, width), got \(Shape.describe(shape)); declare them with input")
            }
            return try Conv2D(shape[0], outChannels, kernel: kernel, stride: stride, padding: padding, activation: activation, useBias: useBias)
        case let .maxPool(size, stride):
            return try MaxPool2D(size, stride: stride)
        case .flatten:
            return Flatten()
        case let .activation(function):
            return Activation(function)
        }
    }
}
