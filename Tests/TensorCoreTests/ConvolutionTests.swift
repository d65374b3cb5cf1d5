import Testing
@testable import TensorCore

/// Hand-computed values, finite-difference gradients for every combination
/// of stride, padding and dilation, and hostile shapes.
@Suite("Convolution, pooling and upsampling")
struct ConvolutionTests {
    @Test func conv1dByHand() throws {
        let x = try T64(shape: [1, 1, 5], scalars: [1, 2, 4, 7, 11])
        let difference = try T64(shape: [1, 1, 2], scalars: [-1, 1])
        #expect(try x.convolved1D(with: difference).scalars == [1, 2, 3, 4])
        // Dilation 2 reads x[i] and x[i + 2]; padding 1 adds a zero at each end.
        #expect(try x.convolved1D(with: difference, dilation: 2).scalars == [3, 5, 7])
        #expect(try x.convolved1D(with: difference, stride: 2, padding: 1).scalars == [1, 2, 4])
        // Two input channels summed into each of two output channels.
        let pair = try T64(shape: [1, 2, 3], scalars: [1, 2, 3, 10, 20, 30])
        let sums = try T64(shape: [2, 2, 1], scalars: [1, 1, 1, -1])
        #expect(try pair.convolved1D(with: sums).scalars == [11, 22, 33, -9, -18, -27])
    }

    @Test func conv2dDilationAndPerAxisPaddingByHand() throws {
        let image = try T64(shape: [1, 1, 3, 3], scalars: [1, 2, 3, 4, 5, 6, 7, 8, 9])
        let corners = try T64(shape: [1, 1, 2, 2], scalars: [1, 1, 1, 1])
        // Dilation 2: the four corners of the 3×3 image.
        #expect(try image.convolved2D(with: corners, dilation: 2).scalars == [20])
        // Padding only along the width: rows 0–1 and 1–2, columns −1…3.
        let padded = try image.convolved2D(with: corners, padding: SpatialPair(0, 1))
        #expect(padded.shape == [1, 1, 2, 4])
        #expect(padded.scalars == [5, 12, 16, 9, 11, 24, 28, 15])
        #expect(try image.convolved2D(with: corners, stride: SpatialPair(1, 2)).scalars == [12, 24])
    }

    @Test func poolingAndUpsamplingByHand() throws {
        let row = try T64(shape: [1, 1, 4], scalars: [1, 2, 3, 5])
        #expect(try row.averagePooled1D(size: 2).scalars == [1.5, 4])
        // The padding's zeros count: (0 + 1 + 2) / 3, (2 + 3 + 5) / 3.
        #expect(try row.averagePooled1D(size: 3, stride: 2, padding: 1).scalars == [1, 10.0 / 3])
        let square = try T64(shape: [1, 1, 2, 2], scalars: [1, 2, 3, 4])
        #expect(try square.averagePooled2D(size: 2).scalars == [2.5])
        #expect(try row.upsampled1D(scale: 2, mode: .nearest).scalars == [1, 1, 2, 2, 3, 3, 5, 5])
        // Output i samples the input at (i + ½)/2 − ½: 0 (clamped), 0.25, 0.75, 1.25, …, 3 (clamped).
        #expect(try row.upsampled1D(scale: 2, mode: .linear).scalars == [1, 1.25, 1.75, 2.25, 2.75, 3.5, 4.5, 5])
        #expect(try square.upsampled2D(scale: 2, mode: .nearest).scalars == [1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4])
        #expect(try square.upsampled2D(scale: SpatialPair(1, 2), mode: .linear).scalars == [1, 1.25, 1.75, 2, 3, 3.25, 3.75, 4])
    }

    static let windows1D: [(stride: Int, padding: Int, dilation: Int)] = [(1, 0, 1), (2, 1, 1), (1, 2, 2), (3, 1, 2), (2, 0, 3)]

    @Test(arguments: windows1D)
    func conv1dGradients(window: (stride: Int, padding: Int, dilation: Int)) throws {
        let x = try sample([2, 3, 9], seed: 21), w = try sample([2, 3, 3], seed: 22)
        try checkGradients([x, w]) {
            try $0[0].convolved1D(with: $0[1], stride: window.stride, padding: window.padding, dilation: window.dilation)
        }
    }

    static let windows2D: [(stride: SpatialPair, padding: SpatialPair, dilation: SpatialPair)] = [
        (1, 0, 1), (2, 1, 1), (1, 0, 2), (SpatialPair(2, 1), SpatialPair(1, 2), SpatialPair(1, 2)), (3, 2, 2),
    ]

    @Test(arguments: windows2D)
    func conv2dGradients(window: (stride: SpatialPair, padding: SpatialPair, dilation: SpatialPair)) throws {
        let x = try sample([2, 2, 6, 5], seed: 23), w = try sample([3, 2, 3, 2], seed: 24)
        try checkGradients([x, w]) {
            try $0[0].convolved2D(with: $0[1], stride: window.stride, padding: window.padding, dilation: window.dilation)
        }
    }

    @Test func poolingGradients() throws {
        let planes = try sample([2, 2, 5, 6], seed: 25), rows = try sample([2, 3, 8], seed: 26)
        for (size, stride, padding) in [(SpatialPair.both(2), nil, SpatialPair.both(0)), (SpatialPair(3, 2), SpatialPair(2, 1), SpatialPair(1, 1)), (3, 1, 1)] {
            try checkGradients([planes]) { try $0[0].averagePooled2D(size: size, stride: stride, padding: padding) }
            try checkGradients([planes]) { try $0[0].maxPooled2D(size: size, stride: stride, padding: padding) }
        }
        for (size, stride, padding) in [(2, nil, 0), (3, 2, 1), (4, 1, 2)] as [(Int, Int?, Int)] {
            try checkGradients([rows]) { try $0[0].averagePooled1D(size: size, stride: stride, padding: padding) }
            try checkGradients([rows]) { try $0[0].maxPooled1D(size: size, stride: stride, padding: padding) }
        }
    }

    @Test func upsamplingGradients() throws {
        let planes = try sample([2, 2, 3, 2], seed: 27), rows = try sample([2, 2, 3], seed: 28)
        for mode in UpsamplingMode.allCases {
            for scale in [SpatialPair.both(1), 2, SpatialPair(3, 2)] {
                try checkGradients([planes]) { try $0[0].upsampled2D(scale: scale, mode: mode) }
            }
            for scale in [1, 2, 3] { try checkGradients([rows]) { try $0[0].upsampled1D(scale: scale, mode: mode) } }
        }
    }

    @Test func poolingAndUpsamplingAreTwiceDifferentiable() throws {
        // Squared, so that the second derivative is not zero.
        try checkHigherOrder([try sample([1, 2, 4, 4], seed: 29)], order: 3) {
            try $0[0].multiplying($0[0]).averagePooled2D(size: 2, stride: 1, padding: 1).upsampled2D(scale: 2, mode: .linear)
        }
    }

    @Test func convolutionsAreFirstOrderOnly() throws {
        let x = try sample([1, 1, 5], seed: 30), w = try sample([1, 1, 2], seed: 31)
        x.requiresGradient = true
        #expect(throws: TensorError.higherOrderUnsupported(operation: "conv1d")) {
            try T64.gradients(of: x.convolved1D(with: w).sum(), withRespectTo: [x], createGraph: true)
        }
    }

    @Test func emptyBatchesGiveEmptyResultsAndZeroGradients() throws {
        let none = try T64.zeros([0, 2, 5]), filters = try sample([3, 2, 2], seed: 32)
        filters.requiresGradient = true
        let out = try none.convolved1D(with: filters, padding: 1)
        #expect(out.shape == [0, 3, 6])
        try out.sum().backward()
        #expect(filters.gradient?.scalars == [Double](repeating: 0, count: 12))
        #expect(try T64.zeros([0, 1, 4, 4]).averagePooled2D(size: 2).shape == [0, 1, 2, 2])
        #expect(try T64.zeros([0, 1, 4]).upsampled1D(scale: 2, mode: .linear).shape == [0, 1, 8])
    }
}
