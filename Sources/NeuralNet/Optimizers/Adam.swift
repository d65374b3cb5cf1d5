import Foundation
import TensorCore

/// Adam (Kingma & Ba): m ← β1·m + (1 − β1)·g, v ← β2·v + (1 − β2)·g²,
/// p ← p − η·m̂ / (√v̂ + ε) with m̂ = m / (1 − β1ᵗ), v̂ = v / (1 − β2ᵗ),
/// t counted per parameter.
public final class Adam<Scalar: TensorScalar>: Optimizer {
    public var learningRate: Scalar
    public let beta1: Scalar
    public let beta2: Scalar
    public let epsilon: Scalar
    var state = ParameterState<Scalar>()

    /// Adam with the usual defaults (η = 0.001, β1 = 0.9, β2 = 0.999, ε = 1e-8).
    public init(learningRate: Scalar = 0.001, beta1: Scalar = 0.9, beta2: Scalar = 0.999, epsilon: Scalar = 1e-8) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    public var description: String {
        "adam(lr: \(learningRate), beta1: \(beta1), beta2: \(beta2), eps: \(epsilon))"
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func step(_ parameters: [Tensor<Scalar>]) {
        let (rate, b1, b2, eps) = (learningRate, beta1, beta2, epsilon)
        for parameter in parameters {
            guard let gradient = parameter.gradient?.scalars, gradient.count == parameter.count else { continue }
            state.withState(of: parameter, buffers: 2) { buffers, steps in
                steps += 1
                let correction1 = 1 - Scalar(Foundation.pow(Double(b1), Double(steps)))
                let correction2 = 1 - Scalar(Foundation.pow(Double(b2), Double(steps)))
                var (first, second) = (buffers[0], buffers[1])
                buffers = []  // hand the moments over uniquely, so they update in place
                parameter.update { values in
                    values.withUnsafeMutableBufferPointer { p in
                        first.withUnsafeMutableBufferPointer { moment in
                            second.withUnsafeMutableBufferPointer { square in
                                gradient.withUnsafeBufferPointer { grad in
                                    for i in 0..<p.count {
                                        let g = grad[i]
                                        moment[i] = b1 * moment[i] + (1 - b1) * g
                                        square[i] = b2 * square[i] + (1 - b2) * g * g
                                        p[i] -= rate * (moment[i] / correction1) / ((square[i] / correction2).squareRoot() + eps)
                                    }
                                }
                            }
                        }
                    }
                }
                buffers = [first, second]
            }
            parameter.zeroGradient()
        }
    }

    public func reset() { state.removeAll() }
}
