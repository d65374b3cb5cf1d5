import Foundation
import TensorCore

/// Adam (Kingma & Ba): m ← β1·m + (1 − β1)·g, v ← β2·v + (1 − β2)·g²,
/// p ← p − η·m̂ / (√v̂ + ε) with m̂ = m / (1 − β1ᵗ), v̂ = v / (1 − β2ᵗ),
/// t counted per parameter.
public final class Adam: Optimizer {
    public var learningRate: Float
    public let beta1: Float
    public let beta2: Float
    public let epsilon: Float
    private var state = ParameterState()

    /// Adam with the usual defaults (η = 0.001, β1 = 0.9, β2 = 0.999, ε = 1e-8).
    public init(learningRate: Float = 0.001, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    public var description: String {
        "adam(lr: \(learningRate), beta1: \(beta1), beta2: \(beta2), eps: \(epsilon))"
    }

    public func step(_ parameters: [Tensor<Float>]) {
        let (rate, b1, b2, eps) = (learningRate, beta1, beta2, epsilon)
        for parameter in parameters {
            guard let gradient = parameter.gradient?.scalars, gradient.count == parameter.count else { continue }
            state.withState(of: parameter, buffers: 2) { buffers, steps in
                steps += 1
                let correction1 = 1 - Float(Foundation.pow(Double(b1), Double(steps)))
                let correction2 = 1 - Float(Foundation.pow(Double(b2), Double(steps)))
                parameter.update { values in
                    for i in values.indices {
                        let g = gradient[i]
                        let m = b1 * buffers[0][i] + (1 - b1) * g
                        let v = b2 * buffers[1][i] + (1 - b2) * g * g
                        buffers[0][i] = m
                        buffers[1][i] = v
                        values[i] -= rate * (m / correction1) / ((v / correction2).squareRoot() + eps)
                    }
                }
            }
            parameter.zeroGradient()
        }
    }

    public func reset() { state.removeAll() }
}
