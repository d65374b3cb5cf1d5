import Testing
@testable import TensorCore

@Suite("Gradients match finite differences")
struct GradientTests {
    @Test func arithmeticWithBroadcasting() throws {
        let shapes: [([Int], [Int])] = [([2, 3], [2, 3]), ([2, 3], [3]), ([4, 1], [1, 5]), ([2, 3], []), ([3, 1, 2], [4, 1])]
        for (a, b) in shapes {
            let x = try sample(a, seed: 1), y = try sample(b, seed: 2, low: 0.5, high: 2)
            try checkGradients([x, y]) { try $0[0].adding($0[1]) }
            try checkGradients([x, y]) { try $0[0].subtracting($0[1]) }
            try checkGradients([x, y]) { try $0[0].multiplying($0[1]) }
            try checkGradients([x, y]) { try $0[0].dividing(by: $0[1]) }
        }
    }

    @Test func powerInBothOperands() throws {
        let base = try sample([2, 3], seed: 3, low: 0.5, high: 2)
        let exponent = try sample([3], seed: 4, low: -2, high: 3)
        try checkGradients([base, exponent]) { try $0[0].raised(to: $0[1]) }
        try checkGradients([base]) { try $0[0].raised(to: T64(2)) }
        let negative = try sample([4], seed: 5, low: -2, high: -0.5)
        try checkGradients([negative]) { try $0[0].raised(to: T64(3)) }
    }

    @Test func elementaryFunctions() throws {
        let x = try sample([3, 4], seed: 5, low: -2, high: 2)
        let positive = try sample([3, 4], seed: 6, low: 0.2, high: 3)
        try checkGradients([x]) { try $0[0].negated() }
        try checkGradients([x]) { try $0[0].exp() }
        try checkGradients([positive]) { try $0[0].log() }
        try checkGradients([positive]) { try $0[0].sqrt() }
        try checkGradients([x]) { try $0[0].abs() }
        try checkGradients([x]) { try $0[0].sin() }
        try checkGradients([x]) { try $0[0].cos() }
        try checkGradients([x]) { try $0[0].tanh() }
        try checkGradients([x]) { try $0[0].sigmoid() }
        try checkGradients([x]) { try $0[0].relu() }
        try checkGradients([x]) { try $0[0].softplus() }
        try checkGradients([x]) { try $0[0].leakyRelu(slope: 0.1) }
        try checkGradients([x]) { try $0[0].step() }
        try checkGradients([x]) { try $0[0].clamped(lower: -0.5, upper: 0.5) }
    }

    @Test func selectAndComparisons() throws {
        let condition = try T64(shape: [2, 3], scalars: [1, 0, 1, 0, 0, 1])
        let a = try sample([2, 3], seed: 7), b = try sample([3], seed: 8)
        try checkGradients([a, b]) { try T64.select(condition, $0[0], $0[1]) }
    }

    @Test func reductions() throws {
        let x = try sample([3, 4, 2], seed: 9)
        try checkGradients([x]) { $0[0].sum() }
        try checkGradients([x]) { try $0[0].mean() }
        try checkGradients([x]) { try $0[0].max() }
        try checkGradients([x]) { try $0[0].min() }
        for axis in [0, 1, 2, -1] {
            for keep in [false, true] {
                try checkGradients([x]) { try $0[0].sum(alongAxis: axis, keepingDimension: keep) }
                try checkGradients([x]) { try $0[0].mean(alongAxis: axis, keepingDimension: keep) }
                try checkGradients([x]) { try $0[0].max(alongAxis: axis, keepingDimension: keep) }
                try checkGradients([x]) { try $0[0].min(alongAxis: axis, keepingDimension: keep) }
            }
        }
    }

    @Test func softmaxFamily() throws {
        let x = try sample([3, 5], seed: 10, low: -3, high: 3)
        for axis in [0, 1] {
            try checkGradients([x]) { try $0[0].logSumExp(alongAxis: axis) }
            try checkGradients([x]) { try $0[0].logSumExp(alongAxis: axis, keepingDimension: true) }
            try checkGradients([x]) { try $0[0].softmax(alongAxis: axis) }
            try checkGradients([x]) { try $0[0].logSoftmax(alongAxis: axis) }
        }
    }

    @Test func matrixProducts() throws {
        let cases: [([Int], [Int])] = [([3, 4], [4, 2]), ([4], [4, 2]), ([3, 4], [4]), ([4], [4]), ([2, 3, 4], [4, 5]), ([2, 1, 3, 4], [3, 4, 2])]
        for (a, b) in cases {
            try checkGradients([try sample(a, seed: 11), try sample(b, seed: 12)]) { try $0[0].matmul($0[1]) }
        }
    }

    @Test func shapeOperations() throws {
        let x = try sample([2, 3, 4], seed: 13)
        try checkGradients([x]) { try $0[0].reshaped(to: [6, -1]) }
        try checkGradients([x]) { try $0[0].transposed() }
        try checkGradients([x]) { try $0[0].permuted([2, 0, 1]) }
        try checkGradients([x]) { try $0[0].slice([.at(1), .range(nil, nil, -1), .range(1, 3, nil)]) }
        try checkGradients([x]) { try $0[0].slice([.all, .at(-1)]) }
        try checkGradients([x]) { try $0[0].gathering(rows: [1, 0, 1]) }
        let y = try sample([2, 2, 4], seed: 14)
        try checkGradients([x, y]) { try T64.concatenate([$0[0], $0[1]], alongAxis: 1) }
        try checkGradients([x, x.detached()]) { try T64.stack([$0[0], $0[1]], alongAxis: 3) }
        let patch = try sample([2], seed: 15)
        try checkGradients([x, patch]) { try $0[0].replacing([.at(0), .range(0, 2, nil), .at(1)], with: $0[1]) }
    }

    @Test(arguments: [(1, 0), (1, 1), (2, 1), (2, 0)])
    func convolution(stride: Int, padding: Int) throws {
        let input = try sample([2, 2, 5, 5], seed: 16)
        let filters = try sample([3, 2, 3, 3], seed: 17)
        try checkGradients([input, filters]) { try $0[0].convolved2D(with: $0[1], stride: .both(stride), padding: .both(padding)) }
    }

    @Test func maxPooling() throws {
        let input = try sample([2, 2, 4, 5], seed: 18)
        try checkGradients([input]) { try $0[0].maxPooled2D(size: 2) }
        try checkGradients([input]) { try $0[0].maxPooled2D(size: 3, stride: 1, padding: 1) }
    }

    @Test func gradientsAccumulateAcrossBackwardCalls() throws {
        let w = T64([1, 2, 3])
        w.requiresGradient = true
        try w.multiplying(w).sum().backward()
        try w.multiplying(w).sum().backward()
        #expect(w.gradient?.scalars == [4, 8, 12])
        w.zeroGradient()
        #expect(w.gradient == nil)
    }

    @Test func longGraphsNeedNoRecursion() throws {
        let w = T64(1)
        w.requiresGradient = true
        var x = w
        for _ in 0..<200_000 { x = try x.adding(w) }
        try x.backward()
        #expect(w.gradient?.scalars == [200_001])
    }

    @Test func nothingIsRecordedWithoutGradients() throws {
        let w = T64([1, 2])
        w.requiresGradient = true
        let y = try GradientMode.withoutGradients { try w.multiplying(w) }
        #expect(y.requiresGradient == false)
        #expect(throws: TensorError.self) { try T64([1, 2]).backward() }
    }
}

@Suite("Fused operations")
struct FusedOperationTests {
    @Test func affineMatchesProductPlusBias() throws {
        let x = try sample([5, 3], seed: 21), w = try sample([3, 4], seed: 22), b = try sample([4], seed: 23)
        let fused = try x.affine(w, b), plain = try x.matmul(w).adding(b)
        #expect(zip(fused.scalars, plain.scalars).allSatisfy { Swift.abs($0 - $1) < 1e-12 })
        try checkGradients([x, w, b]) { try $0[0].affine($0[1], $0[2]) }
        #expect(throws: TensorError.self) { try x.affine(w, sample([3], seed: 1)) }
    }

    /// Products above `SmallProduct.limit` go to BLAS, those below to plain
    /// loops: both paths, forward and the transposed backward products.
    @Test func productsAgreeOnBothSidesOfTheSmallProductLimit() throws {
        for (m, k, n) in [(2, 3, 4), (20, 15, 20), (17, 16, 16)] {
            let a = try sample([m, k], seed: 31), b = try sample([k, n], seed: 32), bias = try sample([n], seed: 33)
            let product = try a.matmul(b)
            for i in 0..<m {
                for j in 0..<n {
                    let expected = (0..<k).reduce(0.0) { $0 + a.scalars[i * k + $1] * b.scalars[$1 * n + j] }
                    #expect(Swift.abs(product.scalars[i * n + j] - expected) < 1e-12)
                }
            }
            try checkGradients([a, b]) { try $0[0].matmul($0[1]) }
            try checkGradients([a, b, bias]) { try $0[0].affine($0[1], $0[2]) }
        }
    }

    @Test func affineReLUMatchesAffineThenReLU() throws {
        let x = try sample([6, 3], seed: 25), w = try sample([3, 5], seed: 26), b = try sample([5], seed: 27)
        let fused = try x.affineReLU(w, b), plain = try x.affine(w, b).relu()
        #expect(zip(fused.scalars, plain.scalars).allSatisfy { Swift.abs($0 - $1) < 1e-12 })
        #expect(fused.scalars.contains(0) && fused.scalars.contains { $0 > 0 })
        try checkGradients([x, w, b]) { try $0[0].affineReLU($0[1], $0[2]) }
        // Above the small-product limit (BLAS).
        let x2 = try sample([40, 12], seed: 28), w2 = try sample([12, 20], seed: 29), b2 = try sample([20], seed: 30)
        try checkGradients([x2, w2, b2]) { try $0[0].affineReLU($0[1], $0[2]) }
        #expect(throws: TensorError.self) { try x.affineReLU(w, sample([3], seed: 1)) }
    }

    @Test func scalarWithPrecomputedGradient() throws {
        let x = try sample([3, 4], seed: 24)
        // Σ x² with its gradient 2x supplied.
        try checkGradients([x]) { xs in
            let v = xs[0]
            return try v.scalar(v.scalars.reduce(0) { $0 + $1 * $1 }, withGradient: v.scalars.map { 2 * $0 })
        }
        #expect(throws: TensorError.self) { try x.scalar(1, withGradient: [1]) }
    }
}
