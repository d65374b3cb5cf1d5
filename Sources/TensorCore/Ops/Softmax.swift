extension Tensor {
    /// log Σ exp(x) along an axis, computed as m + log Σ exp(x − m) with m the
    /// maximum so that it neither overflows nor underflows.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func logSumExp(alongAxis axis: Int, keepingDimension: Bool = false) throws -> Tensor {
        let axis = try Shape.normalize(axis: axis, rank: rank)
        guard shape[axis] > 0 else { throw TensorError.invalidArgument(operation: "logsumexp", reason: "axis \(axis) is empty") }
        let layout = AxisLayout(shape: shape, axis: axis)
        let shifts = try GradientMode.withoutGradients { try max(alongAxis: axis, keepingDimension: true) }
        var values = [Scalar](repeating: 0, count: layout.outer * layout.inner)
        for o in 0..<layout.outer {
            for i in 0..<layout.inner {
                let lane = o * layout.inner + i
                let m = shifts.scalars[lane].isFinite ? shifts.scalars[lane] : 0
                var total: Scalar = 0
                for k in 0..<layout.size { total += Scalar.exp(scalars[layout.offset(o, k, i)] - m) }
                values[lane] = m + Scalar.log(total)
            }
        }
        let keptShape = reducedShape(axis: axis, keepingDimension: true)
        let outShape = reducedShape(axis: axis, keepingDimension: keepingDimension)
        return .result(shape: outShape, scalars: values, parents: [self], operation: "logsumexp", isDifferentiableTwice: true) {
            [self] g in
            // d/dx logsumexp = softmax(x).
            if GradientMode.isRecording {
                // logsumexp recomputed as a recorded operation: as a
                // constant, the softmax's own derivative would be wrong.
                let recordedSum = try self.logSumExp(alongAxis: axis, keepingDimension: true)
                return [try self.subtracting(recordedSum).exp().multiplying(g.reshaped(to: keptShape))]
            }
            let lse = Tensor(uncheckedShape: keptShape, scalars: values)
            let probabilities = try self.subtracting(lse).exp()
            return [try probabilities.multiplying(g.reshaped(to: keptShape))]
        }
    }

    /// log softmax along an axis: x − logsumexp(x).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func logSoftmax(alongAxis axis: Int = -1) throws -> Tensor {
        try subtracting(logSumExp(alongAxis: axis, keepingDimension: true))
    }

    /// softmax along an axis: exp(x − logsumexp(x)), each lane summing to 1.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func softmax(alongAxis axis: Int = -1) throws -> Tensor {
        try logSoftmax(alongAxis: axis).exp()
    }
}
