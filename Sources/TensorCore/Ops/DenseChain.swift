/// One layer of a dense chain: y = x @ weight + bias, clamped at 0 when
/// `relu` is set.
public struct DenseStage<Scalar: TensorScalar> {
    public let weight: Tensor<Scalar>
    public let bias: Tensor<Scalar>
    public let relu: Bool

    public init(weight: Tensor<Scalar>, bias: Tensor<Scalar>, relu: Bool) {
        self.weight = weight
        self.bias = bias
        self.relu = relu
    }
}

extension Tensor {
    /// A batch x [N, in] through dense layers one after another, recorded
    /// as one operation.
    ///
    /// The arithmetic is that of `affine` and `affineReLU` layer by layer,
    /// in the same order, so the values are the same; what goes is the
    /// bookkeeping in between: no tensor, record or gradient tensor for the
    /// hidden activations. For the lecture's small networks that bookkeeping
    /// costs more than the arithmetic.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func denseChain(_ stages: [DenseStage<Scalar>]) throws -> Tensor {
        var sizes: [(m: Int, k: Int, n: Int)] = []
        var inputShape = shape
        var outputs: [[Scalar]] = []
        for stage in stages {
            let size = try Self.affineSizes(inputShape, stage.weight, stage.bias)
            let values = try Self.affineValues(
                outputs.last ?? scalars, stage.weight.scalars, stage.bias.scalars,
                m: size.m, k: size.k, n: size.n, relu: stage.relu)
            sizes.append(size)
            outputs.append(values)
            inputShape = [size.m, size.n]
        }
        guard let last = outputs.last, let size = sizes.last else { return self }
        let parents = [self] + stages.flatMap { [$0.weight, $0.bias] }
        return .result(shape: [size.m, size.n], scalars: last, parents: parents) { [self] g in
            try denseChainGradients(g.scalars, stages, sizes, outputs)
        }
    }

    /// The gradients for x, then each stage's weight and bias, from the
    /// gradient g of the chain's output.
    private func denseChainGradients(
        _ g: [Scalar], _ stages: [DenseStage<Scalar>], _ sizes: [(m: Int, k: Int, n: Int)], _ outputs: [[Scalar]]
    ) throws -> [Tensor?] {
        var gradients = [Tensor?](repeating: nil, count: 1 + 2 * stages.count)
        var slope = g
        for index in stages.indices.reversed() {
            let (stage, (m, k, n)) = (stages[index], sizes[index])
            if stage.relu { slope = try Self.reluMask(outputs[index], slope, m: m, n: n) }
            let needsInput = index > 0 || requiresGradient
            let (dx, dw) = try Self.productGradients(
                x: index > 0 ? outputs[index - 1] : scalars, stage.weight.scalars, slope, m: m, k: k, n: n,
                input: needsInput, weight: stage.weight.requiresGradient)
            gradients[1 + 2 * index] = dw.map { Tensor(uncheckedShape: [k, n], scalars: $0) }
            if stage.bias.requiresGradient {
                gradients[2 + 2 * index] = Tensor(uncheckedShape: [n], scalars: try Self.columnSums(slope, rows: m, columns: n))
            }
            guard let dx else { break }
            slope = dx
        }
        if requiresGradient, let m = sizes.first?.m, let k = sizes.first?.k {
            gradients[0] = Tensor(uncheckedShape: [m, k], scalars: slope)
        }
        return gradients
    }
}
