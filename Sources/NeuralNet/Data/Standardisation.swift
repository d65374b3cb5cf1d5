import TensorCore

/// Per-feature means and standard deviations measured on one data set (the
/// training set) and applied to others (the test set), so that every feature
/// has mean 0 and deviation 1 on the data it was measured on.
///
///     let scaling = try Standardisation(measuring: train)
///     let (train, test) = (try scaling.apply(to: train), try scaling.apply(to: test))
public struct Standardisation<Scalar: TensorScalar>: Equatable, Sendable {
    /// The mean of each feature (each input position after axis 0).
    public let mean: [Scalar]
    /// The population standard deviation of each feature; features that
    /// never change get 1, so they are only centred.
    public let deviation: [Scalar]

    /// Measures the features of a data set's inputs.
    public init(measuring dataset: Dataset<Scalar>) throws {
        try self.init(measuring: dataset.inputs)
    }

    /// Measures the features of inputs [N, …] (statistics in double precision).
    public init(measuring inputs: Tensor<Scalar>) throws {
        guard inputs.rank >= 1, inputs.shape[0] >= 1 else {
            throw DataError.invalidArgument(operation: "standardise", reason: "needs at least one sample, got shape \(Shape.describe(inputs.shape))")
        }
        let rows = inputs.shape[0], width = inputs.count / rows
        var sums = [Double](repeating: 0, count: width), squares = sums
        for (index, value) in inputs.scalars.enumerated() { sums[index % width] += Double(value) }
        let means = sums.map { $0 / Double(rows) }
        for (index, value) in inputs.scalars.enumerated() {
            let d = Double(value) - means[index % width]
            squares[index % width] += d * d
        }
        mean = means.map { Scalar($0) }
        deviation = squares.map { s in
            let d = (s / Double(rows)).squareRoot()
            return d > 0 && d.isFinite ? Scalar(d) : 1
        }
    }

    /// Inputs [N, …] with the same features, standardised.
    public func apply(to inputs: Tensor<Scalar>) throws -> Tensor<Scalar> {
        guard inputs.rank >= 1, inputs.count == inputs.shape[0] * mean.count else {
            throw DataError.invalidArgument(operation: "standardise", reason: "inputs of shape \(Shape.describe(inputs.shape)) do not have the \(mean.count) features measured")
        }
        let width = mean.count
        let scalars = inputs.scalars.enumerated().map { index, value in (value - mean[index % width]) / deviation[index % width] }
        return try Tensor(shape: inputs.shape, scalars: scalars)
    }

    /// A data set with standardised inputs and the same targets.
    public func apply(to dataset: Dataset<Scalar>) throws -> Dataset<Scalar> {
        try Dataset(inputs: apply(to: dataset.inputs), targets: dataset.targets, classNames: dataset.classNames)
    }
}

extension Dataset {
    /// The data set with every feature standardised by its own statistics,
    /// and those statistics (apply them to the test set).
    public func standardised() throws -> (dataset: Dataset, statistics: Standardisation<Scalar>) {
        let statistics = try Standardisation(measuring: self)
        return (try statistics.apply(to: self), statistics)
    }
}
