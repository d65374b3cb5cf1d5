import TensorCore

extension Dataset {
    /// Splits the samples at random into a training part holding
    /// `floor(fraction · count)` of them and a test part with the rest
    /// (one `permutation(count)` of a generator seeded with `seed`).
    ///
    ///     let (train, test) = try digits.split(0.8, seed: 0)
    public func split(_ fraction: Double, seed: UInt32) throws -> (train: Dataset, test: Dataset) {
        guard fraction >= 0, fraction <= 1 else {
            throw DataError.invalidArgument(operation: "split", reason: "the training fraction must be in [0, 1], not \(fraction)")
        }
        var generator = RandomGenerator(seed: seed)
        let order = generator.permutation(count)
        // A tiny allowance so that 0.7 · 10 counts as 7 despite rounding.
        let trainCount = Swift.min(count, Int((fraction * Double(count) + 1e-9).rounded(.down)))
        return (try subset(Array(order[..<trainCount])), try subset(Array(order[trainCount...])))
    }

    /// The samples in a random order (`permutation(count)` seeded with `seed`).
    public func shuffled(seed: UInt32) throws -> Dataset {
        var generator = RandomGenerator(seed: seed)
        return try subset(generator.permutation(count))
    }

    /// Consecutive mini-batches of `size` samples (the last one may be
    /// smaller), after shuffling with `seed` when `shuffle` is true. Every
    /// sample is in exactly one batch.
    ///
    ///     for batch in try train.batches(of: 32, shuffle: true, seed: epoch) { … }
    public func batches(of size: Int, shuffle: Bool = false, seed: UInt32 = 0) throws -> [Dataset] {
        guard size >= 1 else {
            throw DataError.invalidArgument(operation: "batches", reason: "the batch size must be at least 1, not \(size)")
        }
        var generator = RandomGenerator(seed: seed)
        let order = shuffle ? generator.permutation(count) : Array(0..<count)
        return try stride(from: 0, to: count, by: size).map { start in
            try subset(Array(order[start..<Swift.min(start + size, count)]))
        }
    }

    /// The same inputs with other targets (`relabel`), such as shuffled
    /// labels for a memorisation experiment; `classNames` are kept unless given.
    public func relabelled(_ newTargets: Tensor<Scalar>, classNames newNames: [String]? = nil) throws -> Dataset {
        guard newTargets.rank >= 1, newTargets.shape[0] == count else {
            throw DataError.invalidArgument(operation: "relabel", reason: "the data set has \(count) samples but the new targets have shape \(Shape.describe(newTargets.shape))")
        }
        return try Dataset(inputs: inputs, targets: newTargets, classNames: newNames ?? classNames)
    }

    /// The targets as one-hot rows [N, classes] (the targets must be labels 0..<classes).
    public func oneHotTargets(classes: Int? = nil) throws -> Tensor<Scalar> {
        let largest = Double(targets.scalars.max() ?? -1)
        guard let count = classes ?? classNames?.count ?? (largest < 1_000_000 ? Int(Swift.max(largest, -1)) + 1 : nil) else {
            throw DataError.invalidArgument(operation: "one-hot", reason: "cannot tell the number of classes from a largest target of \(largest)")
        }
        return try DataTransforms.oneHot(targets, classes: count)
    }
}

/// Transforms of tensors used with data sets.
public enum DataTransforms {
    /// The rows of a tensor (entries along axis 0) in a random order seeded with `seed`.
    ///
    ///     let randomLabels = try DataTransforms.shuffle(mnist.train.targets, seed: 1)
    public static func shuffle<Scalar: TensorScalar>(_ tensor: Tensor<Scalar>, seed: UInt32) throws -> Tensor<Scalar> {
        guard tensor.rank >= 1 else { return tensor }
        var generator = RandomGenerator(seed: seed)
        return try tensor.gathering(rows: generator.permutation(tensor.shape[0])).detached()
    }

    /// One-hot rows [N, classes] for labels [N] that are whole numbers in 0..<classes.
    public static func oneHot<Scalar: TensorScalar>(_ labels: Tensor<Scalar>, classes: Int) throws -> Tensor<Scalar> {
        guard labels.rank == 1 else {
            throw DataError.invalidArgument(operation: "one-hot", reason: "labels must have shape (N,), not \(Shape.describe(labels.shape))")
        }
        guard classes >= 1 else {
            throw DataError.invalidArgument(operation: "one-hot", reason: "the number of classes must be at least 1, not \(classes)")
        }
        let count = try Shape.elementCount([labels.count, classes])
        var scalars = [Scalar](repeating: 0, count: count)
        for (row, label) in labels.scalars.enumerated() {
            guard label >= 0, label < Scalar(classes), label.rounded() == label else {
                throw DataError.invalidArgument(operation: "one-hot", reason: "label \(label) at position \(row) is not a class index in 0..<\(classes)")
            }
            scalars[row * classes + Int(label)] = 1
        }
        return try Tensor(shape: [labels.count, classes], scalars: scalars)
    }
}
