import TensorCore

/// Changes parameters in place from their accumulated gradients.
///
/// `step(_:)` reads each parameter's `gradient`, updates the values with
/// `Tensor.update` (outside any recorded graph) and zeroes the gradient.
/// Parameters without a gradient are left alone. State (momentum, moments)
/// is kept per parameter tensor, so pass the same tensors every step.
public protocol Optimizer<Scalar>: AnyObject, CustomStringConvertible {
    associatedtype Scalar: TensorScalar
    /// The step size.
    var learningRate: Scalar { get set }
    /// One update of `parameters` from their gradients, which it then zeroes.
    func step(_ parameters: [Tensor<Scalar>])
    /// Forgets all state (momentum, moments, step counts).
    func reset()
}

/// Per-parameter state keyed by tensor identity; holds the tensors so that
/// an identity is never reused while its state lives.
struct ParameterState<Scalar: TensorScalar> {
    var entries: [ObjectIdentifier: (tensor: Tensor<Scalar>, buffers: [[Scalar]], steps: Int)] = [:]

    /// The state of `tensor`, created with `count` zeroed buffers.
    mutating func withState<R>(of tensor: Tensor<Scalar>, buffers count: Int, _ body: (inout [[Scalar]], inout Int) -> R) -> R {
        let key = ObjectIdentifier(tensor)
        var entry = entries.removeValue(forKey: key)
            ?? (tensor, Array(repeating: [Scalar](repeating: 0, count: tensor.count), count: count), 0)
        defer { entries[key] = entry }
        return body(&entry.buffers, &entry.steps)
    }

    mutating func removeAll() { entries.removeAll() }
}

/// The inner loops of parameter updates, over raw buffers: indexing
/// nested arrays element by element costs a uniqueness check per element.
enum ParameterUpdate {
    /// p ← p − η·g.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func descend<Scalar: TensorScalar>(_ values: inout [Scalar], _ gradient: [Scalar], rate: Scalar) {
        values.withUnsafeMutableBufferPointer { p in
            gradient.withUnsafeBufferPointer { g in
                for i in 0..<Swift.min(p.count, g.count) { p[i] -= rate * g[i] }
            }
        }
    }
}

/// Full-batch (or plain stochastic) gradient descent: p ← p − η·g.
public final class GradientDescent<Scalar: TensorScalar>: Optimizer {
    public var learningRate: Scalar

    /// Gradient descent with step size `learningRate`.
    public init(learningRate: Scalar) {
        self.learningRate = learningRate
    }

    public var description: String { "gd(lr: \(learningRate))" }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func step(_ parameters: [Tensor<Scalar>]) {
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
    public func minimize(_ loss: Tensor<Scalar>, over parameters: [Tensor<Scalar>]) throws {
        try loss.backward()
        step(parameters)
    }
}
