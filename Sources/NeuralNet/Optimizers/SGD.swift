import TensorCore

/// Stochastic gradient descent with momentum, in PyTorch's form:
/// v ← μ·v + g, then p ← p − η·v, or with Nesterov momentum
/// p ← p − η·(g + μ·v). With μ = 0 it is plain gradient descent.
public final class SGD<Scalar: TensorScalar>: Optimizer {
    public var learningRate: Scalar
    /// μ in [0, 1).
    public let momentum: Scalar
    /// Whether to look ahead along the velocity.
    public let nesterov: Bool
    var state = ParameterState<Scalar>()

    /// SGD with step size `learningRate` and optional (Nesterov) momentum.
    public init(learningRate: Scalar, momentum: Scalar = 0, nesterov: Bool = false) {
        self.learningRate = learningRate
        self.momentum = momentum
        self.nesterov = nesterov
    }

    public var description: String {
        var text = "sgd(lr: \(learningRate)"
        if momentum != 0 { text += ", momentum: \(momentum)" }
        if nesterov { text += ", nesterov: true" }
        return text + ")"
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func step(_ parameters: [Tensor<Scalar>]) {
        let (rate, mu, nesterov) = (learningRate, momentum, nesterov)
        for parameter in parameters {
            guard let gradient = parameter.gradient?.scalars, gradient.count == parameter.count else { continue }
            if mu == 0 {
                parameter.update { values in ParameterUpdate.descend(&values, gradient, rate: rate) }
            } else {
                state.withState(of: parameter, buffers: 1) { buffers, _ in
                    parameter.update { values in
                        values.withUnsafeMutableBufferPointer { p in
                            buffers[0].withUnsafeMutableBufferPointer { v in
                                gradient.withUnsafeBufferPointer { g in
                                    for i in 0..<p.count {
                                        let velocity = mu * v[i] + g[i]
                                        v[i] = velocity
                                        p[i] -= rate * (nesterov ? g[i] + mu * velocity : velocity)
                                    }
                                }
                            }
                        }
                    }
                }
            }
            parameter.zeroGradient()
        }
    }

    public func reset() { state.removeAll() }
}
