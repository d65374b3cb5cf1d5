extension Tensor {
    /// A number computed from this tensor by a fused kernel that also worked
    /// out its gradient: the result holds `value`, and `backward()` passes
    /// `seed · gradient` to this tensor.
    ///
    /// Losses use it to record one node instead of the handful of
    /// elementwise operations (each a pass over memory and an allocation)
    /// they are made of. Only first derivatives are right: the gradient is a
    /// constant to the graph, so `gradients(…, createGraph: true)` through
    /// it throws `TensorError.higherOrderUnsupported` naming `operation`.
    ///
    /// - Parameters:
    ///   - gradient: ∂value/∂self, one number per element.
    ///   - operation: the name errors give the operation (a loss's name).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func scalar(_ value: Scalar, withGradient gradient: [Scalar], operation: String = "fused loss") throws -> Tensor {
        guard gradient.count == count else {
            throw TensorError.invalidArgument(
                operation: "scalar(withGradient:)", reason: "\(gradient.count) gradient values for a tensor of shape \(Shape.describe(shape))")
        }
        return .result(shape: [], scalars: [value], parents: [self], operation: operation, isDifferentiableTwice: false) { [shape] g in
            let seed = g.scalars[0]
            let slopes = seed == 1 ? gradient : Broadcasting.map(gradient) { seed * $0 }
            return [Tensor(uncheckedShape: shape, scalars: slopes)]
        }
    }
}
