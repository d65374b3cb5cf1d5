import TensorCore

/// Samples for supervised learning: inputs with one sample per row of axis 0,
/// and targets with the same number of rows — class labels as whole numbers
/// (shape [N]) or regression targets (shape [N] or [N, k]).
public struct Dataset<Scalar: TensorScalar> {
    /// One sample per entry of axis 0: [N, features] or [N, channels, height, width].
    public var inputs: Tensor<Scalar>
    /// One target per entry of axis 0.
    public var targets: Tensor<Scalar>
    /// The names of the classes when targets are labels (index = label).
    public var classNames: [String]?

    /// A data set whose inputs and targets have the same number of samples.
    public init(inputs: Tensor<Scalar>, targets: Tensor<Scalar>, classNames: [String]? = nil) throws {
        guard inputs.rank >= 1, targets.rank >= 1, inputs.shape[0] == targets.shape[0] else {
            throw TensorError.shapeMismatch(operation: "data set (inputs and targets need the same number of samples)", inputs.shape, targets.shape)
        }
        self.inputs = inputs
        self.targets = targets
        self.classNames = classNames
    }

    /// The number of samples.
    public var count: Int { inputs.shape[0] }

    /// The samples at `positions`, in that order.
    public func subset(_ positions: [Int]) throws -> Dataset {
        try Dataset(inputs: inputs.gathering(rows: positions), targets: targets.gathering(rows: positions), classNames: classNames)
    }
}
