import Testing
@testable import TensorCore

/// The batched patch matrix (`PatchMatrix`), the bias added inside the
/// convolution and the direct max-pooling loop: windows reaching into the
/// padding on both sides, odd sizes, batch 1, strides, dilations.
@Suite("Convolution paths")
struct ConvolutionPathTests {
    /// (input, filters, stride, padding, dilation): odd shapes, windows wider
    /// than the input, padding on one axis only, batch 1.
    static let cases2D: [([Int], [Int], SpatialPair, SpatialPair, SpatialPair)] = [
        ([1, 1, 1, 1], [2, 1, 1, 1], 1, 0, 1),
        ([1, 3, 7, 5], [4, 3, 2, 3], SpatialPair(2, 1), SpatialPair(2, 0), 1),
        ([3, 2, 2, 3], [2, 2, 5, 5], 1, 2, 1),
        ([2, 1, 5, 8], [3, 1, 3, 3], 1, 1, 1),
        ([1, 2, 6, 7], [3, 2, 3, 2], SpatialPair(3, 2), SpatialPair(1, 3), SpatialPair(2, 3)),
        ([2, 1, 2, 2], [1, 1, 1, 2], 2, 3, 1),
        ([2, 3, 1, 11], [2, 3, 1, 3], SpatialPair(1, 2), 0, SpatialPair(1, 2)),
    ]

    @Test(arguments: cases2D)
    func conv2dWithBiasGradients(_ shapes: ([Int], [Int], SpatialPair, SpatialPair, SpatialPair)) throws {
        let (inputShape, filterShape, stride, padding, dilation) = shapes
        let x = try sample(inputShape, seed: 41), w = try sample(filterShape, seed: 42), b = try sample([filterShape[0]], seed: 43)
        try checkGradients([x, w, b]) {
            try $0[0].convolved2D(with: $0[1], bias: $0[2], stride: stride, padding: padding, dilation: dilation)
        }
    }

    static let cases1D: [([Int], [Int], Int, Int, Int)] = [
        ([1, 1, 40], [15, 1, 3], 2, 0, 1), ([2, 15, 19], [15, 15, 3], 2, 0, 1), ([1, 2, 3], [3, 2, 7], 1, 3, 1),
        ([2, 3, 11], [2, 3, 3], 3, 2, 2), ([1, 1, 1], [1, 1, 1], 1, 0, 1),
    ]

    @Test(arguments: cases1D)
    func conv1dWithBiasGradients(_ shapes: ([Int], [Int], Int, Int, Int)) throws {
        let (inputShape, filterShape, stride, padding, dilation) = shapes
        let x = try sample(inputShape, seed: 44), w = try sample(filterShape, seed: 45), b = try sample([filterShape[0]], seed: 46)
        try checkGradients([x, w, b]) {
            try $0[0].convolved1D(with: $0[1], bias: $0[2], stride: stride, padding: padding, dilation: dilation)
        }
    }

    /// The bias inside the convolution gives the bits of adding it afterwards.
    @Test(arguments: cases2D)
    func biasInsideIsTheSumAfterwards(_ shapes: ([Int], [Int], SpatialPair, SpatialPair, SpatialPair)) throws {
        let (inputShape, filterShape, stride, padding, dilation) = shapes
        let x = try sample(inputShape, seed: 47), w = try sample(filterShape, seed: 48), b = try sample([filterShape[0]], seed: 49)
        let inside = try x.convolved2D(with: w, bias: b, stride: stride, padding: padding, dilation: dilation)
        let after = try x.convolved2D(with: w, stride: stride, padding: padding, dilation: dilation)
            .adding(b.reshaped(to: [1, filterShape[0], 1, 1]))
        #expect(inside.shape == after.shape)
        #expect(inside.scalars == after.scalars)
    }

    @Test func patchMatrixByHand() throws {
        // 1×1×2×3 input, 2×2 window, padding 1: a 3×4 output, 4 rows of 12 columns.
        let x = try T64(shape: [1, 1, 2, 3], scalars: [1, 2, 3, 4, 5, 6])
        let g = try WindowGeometry(input: x.shape, kernel: 2, stride: 1, padding: 1, operation: "test", operands: "")
        var columns = [Double](repeating: .nan, count: 4 * 12)
        columns.withUnsafeMutableBufferPointer { out in
            x.scalars.withUnsafeBufferPointer { PatchMatrix.build($0.baseAddress!, g, into: out.baseAddress!) }
        }
        #expect(columns == [
            0, 0, 0, 0, 0, 1, 2, 3, 0, 4, 5, 6,   // (ky, kx) = (0, 0)
            0, 0, 0, 0, 1, 2, 3, 0, 4, 5, 6, 0,   // (0, 1)
            0, 1, 2, 3, 0, 4, 5, 6, 0, 0, 0, 0,   // (1, 0)
            1, 2, 3, 0, 4, 5, 6, 0, 0, 0, 0, 0,   // (1, 1)
        ])
        // Folding a matrix of ones counts how many windows read each input element.
        var counts = [Double](repeating: 0, count: 6)
        let ones = [Double](repeating: 1, count: 48)
        counts.withUnsafeMutableBufferPointer { out in
            ones.withUnsafeBufferPointer { PatchMatrix.fold($0.baseAddress!, g, into: out.baseAddress!) }
        }
        #expect(counts == [4, 4, 4, 4, 4, 4])
    }

    /// The padded-plane path gives the bits of the span walk, both ways,
    /// on every geometry above (strides, dilations, padding on one side).
    @Test(arguments: cases2D)
    func paddedPlaneMatchesSpans(_ shapes: ([Int], [Int], SpatialPair, SpatialPair, SpatialPair)) throws {
        let (inputShape, filterShape, stride, padding, dilation) = shapes
        let g = try WindowGeometry(input: inputShape, kernel: SpatialPair(filterShape[2], filterShape[3]), stride: stride,
                                   padding: padding, dilation: dilation, operation: "test", operands: "")
        let plane = try #require(PaddedPlane(g))
        let x = try sample(inputShape, seed: 50).scalars
        let count = g.patchSize * g.batch * g.outputPixels
        var bySpans = [Double](repeating: .nan, count: count), padded = [Double](repeating: .nan, count: count)
        x.withUnsafeBufferPointer { x in
            bySpans.withUnsafeMutableBufferPointer { PatchMatrix.buildBySpans(x.baseAddress!, g, into: $0.baseAddress!) }
            padded.withUnsafeMutableBufferPointer { plane.build(x.baseAddress!, into: $0.baseAddress!) }
        }
        #expect(padded == bySpans)
        // Fold a matrix of varied values: the same sums in the same order.
        let columns = try sample([count], seed: 51).scalars
        var foldedBySpans = [Double](repeating: 0, count: x.count), foldedPadded = [Double](repeating: .nan, count: x.count)
        columns.withUnsafeBufferPointer { columns in
            foldedBySpans.withUnsafeMutableBufferPointer { PatchMatrix.foldBySpans(columns.baseAddress!, g, into: $0.baseAddress!) }
            foldedPadded.withUnsafeMutableBufferPointer { PatchMatrix.fold(columns.baseAddress!, g, into: $0.baseAddress!) }
        }
        #expect(foldedPadded == foldedBySpans)
    }

    /// A padding too large for scratch takes the span walk, with the same result shape and values.
    @Test func hugePaddingTakesTheSpans() throws {
        let g = try WindowGeometry(input: [1, 1, 2, 2], kernel: 1, stride: 1000, padding: 1000, operation: "test", operands: "")
        #expect(PaddedPlane(g) == nil)
        let x = try T64(shape: [1, 1, 2, 2], scalars: [1, 2, 3, 4])
        let y = try x.convolved2D(with: try T64(shape: [1, 1, 1, 1], scalars: [2]), stride: 1000, padding: 1000)
        #expect(y.shape == [1, 1, 3, 3])
        #expect(y.scalars == [0, 0, 0, 0, 2, 0, 0, 0, 0])
    }

    /// Max pooling without padding (every window wholly inside its plane):
    /// by hand with ties, and overlapping windows against a plain maximum.
    @Test func maxPoolingWithoutPaddingByHand() throws {
        let x = try T64(shape: [1, 1, 3, 5], scalars: [1, 3, 3, 2, 7, -1, 0, 5, 5, 7, 4, 4, -2, -3, 7])
        x.requiresGradient = true
        // 2×2 windows, stride 2: the last row and column lie outside every window; ties go to the first.
        let pooled = try x.maxPooled2D(size: 2)
        #expect(pooled.shape == [1, 1, 1, 2])
        #expect(pooled.scalars == [3, 5])
        try pooled.sum().backward()
        #expect(x.gradient?.scalars == [0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0])
        // Overlapping 2×3 windows, stride 1, batch 2 × 2 channels.
        let y = try sample([2, 2, 4, 5], seed: 52)
        let overlapping = try y.maxPooled2D(size: SpatialPair(2, 3), stride: 1)
        #expect(overlapping.shape == [2, 2, 3, 3])
        for plane in 0..<4 {
            for oy in 0..<3 {
                for ox in 0..<3 {
                    var best = -Double.infinity
                    for ky in 0..<2 { for kx in 0..<3 { best = max(best, y.scalars[plane * 20 + (oy + ky) * 5 + ox + kx]) } }
                    #expect(overlapping.scalars[plane * 9 + oy * 3 + ox] == best)
                }
            }
        }
        // The Float kernel: rounding keeps the order, so its maxima are the rounded ones.
        let narrow = try Tensor<Float>(shape: y.shape, scalars: y.scalars.map { Float($0) })
        let narrowPooled = try narrow.maxPooled2D(size: SpatialPair(2, 3), stride: 1)
        #expect(narrowPooled.scalars == overlapping.scalars.map { Float($0) })
    }

    @Test func maxPoolingWithPaddingAndTiesByHand() throws {
        let x = try T64(shape: [1, 1, 3, 4], scalars: [1, 3, 3, 2, -1, 0, 5, 5, 4, 4, -2, -3])
        x.requiresGradient = true
        // 2×2 windows, stride 2, padding 1: the padding never wins; ties go to the first.
        let pooled = try x.maxPooled2D(size: 2, stride: 2, padding: 1)
        #expect(pooled.shape == [1, 1, 2, 3])
        #expect(pooled.scalars == [1, 3, 2, 4, 5, 5])
        try pooled.sum().backward()
        #expect(x.gradient?.scalars == [1, 1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 0])
    }

    @Test func convolutionWithBiasOnAnyThreadCount() throws {
        try expectSameBitsOnAnyThreadCount { generator in
            let x = try Tensor<Float>.uniform([64, 16, 5, 8], generator: &generator) - 0.5
            let w = try Tensor<Float>.uniform([16, 16, 3, 3], generator: &generator) - 0.5
            let b = try Tensor<Float>.uniform([16], generator: &generator) - 0.5
            let signal = try Tensor<Float>.uniform([100, 15, 19], generator: &generator) - 0.5
            let w1 = try Tensor<Float>.uniform([15, 15, 3], generator: &generator) - 0.5
            let b1 = try Tensor<Float>.uniform([15], generator: &generator) - 0.5
            for tensor in [x, w, b, signal, w1, b1] { tensor.requiresGradient = true }
            let y = try x.convolved2D(with: w, bias: b, padding: 1).maxPooled2D(size: 2)
            let z = try signal.convolved1D(with: w1, bias: b1, stride: 2)
            try y.backward(seed: try Tensor<Float>.uniform(y.shape, generator: &generator))
            try z.backward(seed: try Tensor<Float>.uniform(z.shape, generator: &generator))
            return [widened(y.scalars), widened(z.scalars)] + [x, w, b, signal, w1, b1].map { widened($0.gradient?.scalars ?? []) }
        }
    }

    @Test func biasOfTheWrongShapeIsAnError() throws {
        let x = try sample([1, 2, 4, 4]), w = try sample([3, 2, 3, 3])
        #expect(throws: TensorError.self) { try x.convolved2D(with: w, bias: try sample([2])) }
        #expect(throws: TensorError.self) { try x.convolved2D(with: w, bias: try sample([1, 3])) }
    }
}
