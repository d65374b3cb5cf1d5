import TensorCore

/// Changes parameters in place from their accumulated gradients.
///
/// `step(_:)` reads each parameter's `gradient`, updates the values with
/// `Tensor.update` (outside any recorded graph) and zeroes the gradient.
/// Parameters without a gradient are left alone. State (momentum, moments)
/// is kept per parameter tensor, so pass the same tensors every step.
public protocol Optimizer: AnyObject, CustomStringConvertible {
    /// The step size.
    var learningRate: Float { get set }
    /// One update of `parameters` from their gradients, which it then zeroes.
    func step(_ parameters: [Tensor<Float>])
    /// Forgets all state (momentum, moments, step counts).
    func reset()
}

/// Per-parameter state keyed by tensor identity; holds the tensors so that
/// an identity is never reused while its state lives.
struct ParameterState {
    private var entries: [ObjectIdentifier: (tensor: Tensor<Float>, buffers: [[Float]], steps: Int)] = [:]

    /// The state of `tensor`, created with `count` zeroed buffers.
    mutating func withState<R>(of tensor: Tensor<Float>, buffers count: Int, _ body: (inout [[Float]], inout Int) -> R) -> R {
        let key = ObjectIdentifier(tensor)
        var entry = entries.removeValue(forKey: key)
            ?? (tensor, Array(repeating: [Float](repeating: 0, count: tensor.count), count: count), 0)
        defer { entries[key] = entry }
        return body(&entry.buffers, &entry.steps)
    }

    mutating func removeAll() { entries.removeAll() }
}

/// The inner loops of parameter updates, over raw buffers: indexing
/// nested arrays element by element costs a uniqueness check per element.
enum ParameterUpdate {
    /// p ← p − η·g.
    static func descend(_ values: inout [Float], _ gradient: [Float], rate: Float) {
        values.withUnsafeMutableBufferPointer { p in
            gradient.withUnsafeBufferPointer { g in
                for i in 0..<Swift.min(p.count, g.count) { p[i] -= rate * g[i] }
            }
        }
    }
}

/// Full-batch (or plain stochastic) gradient descent: p ← p − η·g.
public final class GradientDescent: Optimizer {
    public var learningRate: Float

    /// Gradient descent with step size `learningRate`.
    public init(learningRate: Float) {
        self.learningRate = learningRate
    }

    public var description: String { "gd(lr: \(learningRate))" }

    public func step(_ parameters: [Tensor<Float>]) {
        let rate = learningRate
        for parameter in parameters {
            guard let gradient = parameter.gradient?.scalars, gradient.count == parameter.count else { continue }
            parameter.update { values in ParameterUpdate.descend(&values, gradient, rate: rate) }
            parameter.zeroGradient()
        }
    }

    public func reset() {}
}

extension Optimizer {
    /// Back-propagates `loss` and takes one step on `parameters` (the
    /// hand-written training loop's `step(opt, loss)`).
    public func minimize(_ loss: Tensor<Float>, over parameters: [Tensor<Float>]) throws {
        try loss.backward()
        step(parameters)
    }
}
