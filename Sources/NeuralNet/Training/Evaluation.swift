import TensorCore

/// Measuring a network on a data set, without recording any graph.
public enum Evaluation {
    /// The network's outputs for every sample, computed `batchSize` samples
    /// at a time.
    public static func outputs<Scalar: TensorScalar>(
        of network: Network<Scalar>, on inputs: Tensor<Scalar>, batchSize: Int = 4096
    ) throws -> Tensor<Scalar> {
        try GradientMode.withoutGradients {
            let count = inputs.rank >= 1 ? inputs.shape[0] : 0
            guard count > batchSize, batchSize >= 1 else { return try network.forward(inputs) }
            let parts = try stride(from: 0, to: count, by: batchSize).map { start in
                try network.forward(inputs.gathering(rows: Array(start..<min(start + batchSize, count))))
            }
            return try Tensor.concatenate(parts, alongAxis: 0)
        }
    }

    /// The loss and the requested metrics of `network` on `data`, named with
    /// `prefix` (`test_loss`).
    public static func measure<Scalar: TensorScalar>(
        _ network: Network<Scalar>, on data: Dataset<Scalar>, loss: Loss<Scalar>, metrics: [Metric],
        prefix: String = "", batchSize: Int = 4096
    ) throws -> [String: Double] {
        let outputs = try self.outputs(of: network, on: data.inputs, batchSize: batchSize)
        var values: [String: Double] = [:]
        try GradientMode.withoutGradients {
            values[prefix + Metric.loss.rawValue] = Double(try loss(outputs, data.targets, network: network).scalarValue())
            if metrics.contains(.accuracy) {
                values[prefix + Metric.accuracy.rawValue] = try Metrics.accuracy(outputs, data.targets)
            }
        }
        return values
    }

    /// The fraction of `data` that `network` classifies correctly.
    public static func accuracy<Scalar: TensorScalar>(of network: Network<Scalar>, on data: Dataset<Scalar>, batchSize: Int = 4096) throws -> Double {
        try Metrics.accuracy(outputs(of: network, on: data.inputs, batchSize: batchSize), data.targets)
    }
}
