import Testing
@testable import TensorCore

/// Shapes and arguments no convolution can take: each throws a TensorError
/// naming the operation and the shapes, never traps.
@Suite("Convolution, pooling and upsampling on hostile shapes")
struct ConvolutionHostileTests {
    func message(_ body: () throws -> Any) -> String {
        do { _ = try body(); return "no error" } catch { return "\(error)" }
    }

    @Test func conv1dRefusalsNameTheOperationAndShapes() throws {
        let x = try T64.zeros([2, 3, 4]), w = try T64.zeros([5, 3, 6])
        #expect(message { try x.convolved1D(with: w) }
            == "conv1d: a window of 6 does not fit the input 4 padded by 0 (input (2, 3, 4), filters (5, 3, 6))")
        #expect(message { try x.convolved1D(with: T64.zeros([5, 3, 3]), dilation: 2) }
            == "conv1d: a window of 3 dilated by 2 does not fit the input 4 padded by 0 (input (2, 3, 4), filters (5, 3, 3))")
        #expect(message { try x.convolved1D(with: T64.zeros([5, 3, 2]), stride: 0) }
            == "conv1d: stride must be ≥ 1, got 0 (input (2, 3, 4), filters (5, 3, 2))")
        #expect(message { try x.convolved1D(with: T64.zeros([5, 3, 2]), dilation: -1) }
            == "conv1d: dilation must be ≥ 1, got -1 (input (2, 3, 4), filters (5, 3, 2))")
        #expect(message { try x.convolved1D(with: T64.zeros([5, 3, 2]), padding: -1) }
            == "conv1d: pad must be ≥ 0, got -1 (input (2, 3, 4), filters (5, 3, 2))")
        #expect(message { try x.convolved1D(with: T64.zeros([5, 2, 2])) } == "conv1d: shapes (2, 3, 4) and (5, 2, 2) do not match")
        #expect(message { try x.convolved1D(with: T64.zeros([5, 3, 2, 2])) }.hasPrefix("conv1d: the input must have shape (batch, channels, length)"))
        #expect(message { try x.convolved1D(with: T64.zeros([5, 3, 0])) }.hasPrefix("conv1d: kernel must be ≥ 1, got 0"))
    }

    @Test func absurdSizesThrowInsteadOfOverflowing() throws {
        let x = try T64.zeros([1, 1, 4]), w = try T64.zeros([1, 1, 2])
        for huge in [Int.max, Int.max / 2, 1 << 40] {
            #expect(message { try x.convolved1D(with: w, padding: huge) }.hasPrefix("conv1d: "))
            #expect(message { try x.convolved1D(with: w, dilation: huge) }.hasPrefix("conv1d: "))
            #expect(message { try x.averagePooled1D(size: huge) }.hasPrefix("avgpool: "))
            #expect(message { try x.averagePooled1D(size: 2, padding: huge) }.hasPrefix("avgpool: "))
            #expect(message { try x.upsampled1D(scale: huge, mode: .linear) }.hasPrefix("upsample: "))
            let image = try T64.zeros([1, 1, 2, 2])
            #expect(message { try image.maxPooled2D(size: SpatialPair(huge, huge), padding: SpatialPair(huge / 2, huge / 2)) }.hasPrefix("maxpool: "))
            #expect(message { try image.convolved2D(with: T64.zeros([1, 1, 1, 1]), padding: SpatialPair(0, huge)) }.hasPrefix("conv2d: "))
            #expect(message { try image.upsampled2D(scale: SpatialPair(1, huge), mode: .nearest) }.hasPrefix("upsample: "))
        }
        // A huge stride leaves one output position: allowed.
        #expect(try x.convolved1D(with: w, stride: Int.max).shape == [1, 1, 1])
    }

    @Test func poolingAndUpsamplingRefusals() throws {
        let x = try T64.zeros([1, 2, 3, 3])
        #expect(message { try x.averagePooled2D(size: 4) }
            == "avgpool: a window of 4×4 does not fit the input 3×3 padded by 0×0 (input (1, 2, 3, 3))")
        #expect(message { try x.averagePooled2D(size: 2, padding: 2) }
            == "avgpool: pad must be at most half the window, got pad 2 for a window of 2 (input (1, 2, 3, 3))")
        #expect(message { try x.averagePooled2D(size: 2, stride: SpatialPair(1, 0)) }
            == "avgpool: stride must be ≥ 1, got 1×0 (input (1, 2, 3, 3))")
        #expect(message { try x.averagePooled1D(size: 2) } == "avgpool: 1-D pooling takes (batch, channels, length), got (1, 2, 3, 3)")
        #expect(message { try x.upsampled2D(scale: 0, mode: .nearest) } == "upsample: scale must be a whole number ≥ 1, got 0 (input (1, 2, 3, 3))")
        #expect(message { try x.upsampled1D(scale: 2, mode: .nearest) } == "upsample: 1-D upsampling takes (batch, channels, length), got (1, 2, 3, 3)")
        #expect(message { try T64.zeros([2, 2]).upsampled2D(scale: 2, mode: .linear) }.hasPrefix("upsample: 2-D upsampling takes"))
    }

    @Test func emptyAndDegenerateInputsDoNotTrap() throws {
        for shape in [[0, 1, 3, 3], [1, 0, 3, 3], [1, 1, 0, 3], [1, 1, 3, 0], [0, 0, 0, 0]] {
            let x = try T64.zeros(shape)
            for attempt in [
                { try x.averagePooled2D(size: 1) }, { try x.maxPooled2D(size: 2, padding: 1) },
                { try x.upsampled2D(scale: 2, mode: .linear) }, { try x.upsampled2D(scale: 3, mode: .nearest) },
                { try x.convolved2D(with: T64.zeros([2, shape[1], 1, 1]), padding: 1, dilation: 2) },
            ] as [() throws -> T64] {
                _ = message(attempt)
            }
        }
    }
}
