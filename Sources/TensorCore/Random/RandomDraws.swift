extension Tensor {
    /// Whole numbers drawn uniformly from `low..<high` in row-major order, as
    /// NumPy's `RandomState.randint(low, high, size)` draws them (masked
    /// rejection on 32-bit outputs when the range fits in 32 bits, else 64).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func integers(_ shape: [Int], low: Int, high: Int, generator: inout RandomGenerator) throws -> Tensor {
        let (span, overflow) = high.subtractingReportingOverflow(low)
        guard span > 0, !overflow else {
            throw TensorError.invalidArgument(operation: "integers", reason: "low (\(low)) must be below high (\(high))")
        }
        let count = try resultCount(shape, for: "random numbers")
        return Tensor(uncheckedShape: shape, scalars: (0..<count).map { _ in Scalar(Double(low + generator.integer(upTo: span - 1))) })
    }
}

extension Tensor {
    /// The rows (sub-tensors along axis 0) in a random order, as NumPy's
    /// `RandomState.permutation(x)` orders an array; gradients flow back to them.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func shuffledRows(generator: inout RandomGenerator) throws -> Tensor {
        guard rank >= 1 else { throw TensorError.invalidArgument(operation: "permutation", reason: "a tensor of rank 0 has no rows to order") }
        try Self.requireRoom(elements: shape[0], for: "permutation")
        return try indexed([.positions(generator.permutation(shape[0]), shape: [shape[0]])])
    }
}

extension RandomGenerator {
    /// `count` positions in `0..<population`, as NumPy's
    /// `RandomState.choice(population, count, replace)` draws them: with
    /// replacement one `randint(0, population)` each; without, the first
    /// `count` of `permutation(population)`.
    public mutating func choice(from population: Int, count: Int, replacing: Bool) throws -> [Int] {
        guard count > 0 else { return [] }
        guard population > 0 else {
            throw TensorError.invalidArgument(operation: "choice", reason: "a population of \(population) has nothing to draw")
        }
        if replacing {
            try Tensor<Double>.requireRoom(elements: count, for: "choice")
            return (0..<count).map { _ in integer(below: population) }
        }
        guard count <= population else {
            throw TensorError.invalidArgument(operation: "choice", reason: "cannot draw \(count) without replacement from a population of \(population)")
        }
        try Tensor<Double>.requireRoom(elements: population, for: "choice")
        return Array(permutation(population).prefix(count))
    }
}
