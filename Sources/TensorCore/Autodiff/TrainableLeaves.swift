extension Tensor {
    /// The trainable tensors (parameters, `param(…)` tensors) this one was
    /// computed from: exactly those a `backward()` from it gives a gradient,
    /// so an optimiser can update what a loss reached without being told.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func trainableLeaves() -> [Tensor] {
        topologicalOrder().filter(\.isTrainable)
    }
}
