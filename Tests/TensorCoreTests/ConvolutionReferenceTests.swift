import RealModule
import Testing
@testable import TensorCore

/// Outputs and gradients compared with PyTorch 2.15 (CPU, float64). The
/// values were produced by this script and pasted in, rounded to 12 digits:
///
/// ```python
/// import torch, torch.nn.functional as F
/// torch.set_default_dtype(torch.float64)
/// def pattern(shape, a, b, c, d):   # element i is ((i·a) mod b − c) / d
///     n = math.prod(shape); return torch.tensor([((i * a) % b - c) / d for i in range(n)]).reshape(shape)
/// x = pattern(xshape, 7, 11, 5, 4).requires_grad_(); w = pattern(wshape, 5, 7, 3, 2).requires_grad_()
/// out = F.conv1d(x, w, stride=2, padding=2, dilation=2)      # and the other cases below
/// out.backward(pattern(out.shape, 3, 5, 2, 2)); print(out, x.grad, w.grad)
/// ```
@Suite("Convolution, pooling and upsampling against PyTorch")
struct ConvolutionReferenceTests {
    static func pattern(_ shape: [Int], _ a: Int, _ b: Int, _ c: Int, _ d: Double) -> T64 {
        let count = shape.reduce(1, *)
        return T64(uncheckedShape: shape, scalars: (0..<count).map { Double((($0 * a) % b) - c) / d })
    }
    static func input(_ shape: [Int]) -> T64 { pattern(shape, 7, 11, 5, 4) }
    static func filters(_ shape: [Int]) -> T64 { pattern(shape, 5, 7, 3, 2) }

    /// Runs `operation`, back-propagates PyTorch's output gradient and compares all three.
    func check(_ x: T64, _ w: T64? = nil, out expected: [Double], dx: [Double], dw: [Double] = [],
               sourceLocation: SourceLocation = #_sourceLocation, _ operation: (T64, T64?) throws -> T64) throws {
        x.requiresGradient = true
        w?.requiresGradient = true
        let out = try operation(x, w)
        let seed = Self.pattern(out.shape, 3, 5, 2, 2)
        try out.multiplying(seed).sum().backward()
        expectClose(out.scalars, expected, "output", sourceLocation)
        expectClose(x.gradient?.scalars ?? [], dx, "input gradient", sourceLocation)
        if let w { expectClose(w.gradient?.scalars ?? [], dw, "filter gradient", sourceLocation) }
    }

    func expectClose(_ actual: [Double], _ expected: [Double], _ what: String, _ location: SourceLocation) {
        #expect(actual.count == expected.count, "\(what): \(actual.count) values, expected \(expected.count)", sourceLocation: location)
        for (i, (a, e)) in zip(actual, expected).enumerated() {
            #expect(a.isApproximatelyEqual(to: e, absoluteTolerance: 1e-11), "\(what) \(i): \(a), PyTorch \(e)", sourceLocation: location)
        }
    }

    @Test func conv1dWithStridePaddingAndDilation() throws {
        // F.conv1d(x, w, stride=2, padding=2, dilation=2), x [2, 3, 9], w [2, 3, 3]
        try check(Self.input([2, 3, 9]), Self.filters([2, 3, 3]),
                  out: [0.0, -3.875, 2.625, 3.625, -1.375, 1.25, 3.875, 1.75, -5.875, 0.125, 1.25, -4.125, 2.375, -0.75, -2.375, 0.0, 3.375, -2.875, 0.5, 1.5],
                  dx: [-0.75, 0.0, -0.75, 0.0, -0.75, 0.0, -0.75, 0.0, 1.5, -1.25, 0.0, 1.75, 0.0, -1.5, 0.0, 1.5, 0.0, -1.0, 1.75, 0.0, -1.0, 0.0, 1.25, 0.0, -1.5, 0.0, 0.0,
                       -0.75, 0.0, -0.75, 0.0, -0.75, 0.0, -0.75, 0.0, 1.5, -1.25, 0.0, 1.75, 0.0, -1.5, 0.0, 1.5, 0.0, -1.0, 1.75, 0.0, -1.0, 0.0, 1.25, 0.0, -1.5, 0.0, 0.0],
                  dw: [0.25, 1.0, -0.375, 1.5, -1.75, 1.0, -2.75, 1.0, -1.75, 0.25, 1.0, -0.375, 1.5, -1.75, 1.0, -2.75, 1.0, -1.75]) {
            try $0.convolved1D(with: $1!, stride: 2, padding: 2, dilation: 2)
        }
    }

    @Test func conv2dWithPerAxisStridePaddingAndDilation() throws {
        // F.conv2d(x, w, stride=(2, 1), padding=(1, 2), dilation=(2, 1)), x [1, 2, 5, 4], w [2, 2, 2, 3]
        try check(Self.input([1, 2, 5, 4]), Self.filters([2, 2, 2, 3]),
                  out: [-0.625, 2.375, -1.75, 0.875, -0.25, 0.0, -0.625, 1.125, -1.125, 1.625, -0.875, 0.125, -0.25, -0.375, 1.25, 1.375, -1.125, -0.125,
                        -0.25, 0.25, 1.25, -2.375, -0.125, 1.125, -0.625, 0.375, -2.875, 3.125, 0.5, -0.125, -0.625, 1.0, -2.625, -2.625, 1.0, -0.625],
                  dx: [0.0, 0.0, 0.0, 0.0, -2.5, 1.0, 3.25, 0.5, 0.0, 0.0, 0.0, 0.0, 1.0, 3.25, 0.5, -2.25, 0.0, 0.0, 0.0, 0.0,
                       0.0, 0.0, 0.0, 0.0, 0.5, -2.5, 2.0, 1.5, 0.0, 0.0, 0.0, 0.0, -2.5, 2.0, 1.5, -1.5, 0.0, 0.0, 0.0, 0.0],
                  dw: [0.25, -1.5, 0.5, -1.5, 0.5, 0.625, 0.625, 1.25, -1.25, 1.25, -1.25, 1.25,
                       0.5, 0.625, 0.125, 0.625, 0.125, 0.25, -1.25, 1.25, -1.875, 1.25, -1.875, 0.625]) {
            try $0.convolved2D(with: $1!, stride: SpatialPair(2, 1), padding: SpatialPair(1, 2), dilation: SpatialPair(2, 1))
        }
    }

    @Test func averagePooling2D() throws {
        // F.avg_pool2d(x, (3, 2), stride=(2, 1), padding=(1, 1)), x [1, 2, 4, 5]
        try check(Self.input([1, 2, 4, 5]),
                  out: [-0.333333333333, -0.083333333333, 0.166666666667, -0.041666666667, 0.208333333333, 0.166666666667,
                        -0.125, -0.291666666667, 0.083333333333, 0.0, -0.083333333333, 0.166666666667,
                        0.333333333333, 0.333333333333, -0.333333333333, -0.083333333333, 0.166666666667, -0.083333333333,
                        -0.041666666667, 0.333333333333, 0.25, -0.291666666667, 0.083333333333, 0.25],
                  dx: [-0.083333333333, 0.0, 0.083333333333, 0.166666666667, -0.166666666667, -0.083333333333, 0.083333333333, 0.25, 0.0, -0.25,
                       0.0, 0.083333333333, 0.166666666667, -0.166666666667, -0.083333333333, 0.0, 0.083333333333, 0.166666666667, -0.166666666667, -0.083333333333,
                       0.083333333333, 0.166666666667, -0.166666666667, -0.083333333333, 0.0, 0.25, 0.0, -0.25, -0.083333333333, 0.083333333333,
                       0.166666666667, -0.166666666667, -0.083333333333, 0.0, 0.083333333333, 0.166666666667, -0.166666666667, -0.083333333333, 0.0, 0.083333333333]) {
            x, _ in try x.averagePooled2D(size: SpatialPair(3, 2), stride: SpatialPair(2, 1), padding: 1)
        }
    }

    @Test func averagePooling1D() throws {
        // F.avg_pool1d(x, 3, stride=2, padding=1), x [1, 2, 7]
        try check(Self.input([1, 2, 7]),
                  out: [-0.25, 0.416666666667, 0.25, 0.083333333333, -0.333333333333, -0.166666666667, -0.333333333333, 0.0],
                  dx: [-0.333333333333, -0.166666666667, 0.166666666667, 0.0, -0.166666666667, 0.166666666667, 0.333333333333,
                       0.0, -0.333333333333, -0.333333333333, -0.166666666667, 0.166666666667, 0.0, -0.166666666667]) {
            x, _ in try x.averagePooled1D(size: 3, stride: 2, padding: 1)
        }
    }

    @Test func maxPooling1D() throws {
        // F.max_pool1d(x, 3, stride=2, padding=1), x [1, 2, 7]
        try check(Self.input([1, 2, 7]),
                  out: [0.5, 1.25, 1.25, 1.0, 0.0, 0.75, 0.5, 0.5],
                  dx: [0.0, -1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, -1.0, 0.0, 0.0, 0.0, 0.0]) {
            x, _ in try x.maxPooled1D(size: 3, stride: 2, padding: 1)
        }
    }

    @Test func nearestUpsampling() throws {
        // F.interpolate(x, scale_factor=(2, 3), mode="nearest"), x [1, 1, 2, 2]
        try check(Self.input([1, 1, 2, 2]),
                  out: [-1.25, -1.25, -1.25, 0.5, 0.5, 0.5, -1.25, -1.25, -1.25, 0.5, 0.5, 0.5,
                        -0.5, -0.5, -0.5, 1.25, 1.25, 1.25, -0.5, -0.5, -0.5, 1.25, 1.25, 1.25],
                  dx: [0.0, -0.5, 0.5, 0.0]) { x, _ in try x.upsampled2D(scale: SpatialPair(2, 3), mode: .nearest) }
    }

    @Test func bilinearUpsampling() throws {
        // F.interpolate(x, scale_factor=(2, 3), mode="bilinear", align_corners=False), x [1, 2, 2, 3]
        try check(Self.input([1, 2, 2, 3]),
                  out: [-1.25, -1.25, -0.666666666667, -0.083333333333, 0.5, 0.166666666667, -0.166666666667, -0.5, -0.5,
                        -0.625, -0.625, -0.270833333333, 0.083333333333, 0.4375, 0.104166666667, -0.229166666667, -0.5625, -0.5625,
                        0.625, 0.625, 0.520833333333, 0.416666666667, 0.3125, -0.020833333333, -0.354166666667, -0.6875, -0.6875,
                        1.25, 1.25, 0.916666666667, 0.583333333333, 0.25, -0.083333333333, -0.416666666667, -0.75, -0.75,
                        1.0, 1.0, 0.666666666667, 0.333333333333, 0.0, -0.333333333333, -0.666666666667, -1.0, -1.0,
                        0.9375, 0.9375, 0.604166666667, 0.270833333333, -0.0625, -0.395833333333, -0.729166666667, -1.0625, -1.0625,
                        0.8125, 0.8125, 0.479166666667, 0.145833333333, -0.1875, -0.520833333333, -0.854166666667, -1.1875, -1.1875,
                        0.75, 0.75, 0.416666666667, 0.083333333333, -0.25, -0.583333333333, -0.916666666667, -1.25, -1.25],
                  dx: [-1.0, 0.416666666667, -0.041666666667, 0.333333333333, 0.083333333333, -0.791666666667,
                       0.083333333333, -0.375, 1.041666666667, -0.25, 0.541666666667, -0.541666666667]) {
            x, _ in try x.upsampled2D(scale: SpatialPair(2, 3), mode: .linear)
        }
    }

    @Test func linearUpsampling1D() throws {
        // F.interpolate(x, scale_factor=3, mode="linear", align_corners=False), x [1, 2, 4]
        try check(Self.input([1, 2, 4]),
                  out: [-1.25, -1.25, -0.666666666667, -0.083333333333, 0.5, 0.166666666667, -0.166666666667, -0.5, 0.083333333333, 0.666666666667, 1.25, 1.25,
                        0.25, 0.25, -0.083333333333, -0.416666666667, -0.75, -0.166666666667, 0.416666666667, 1.0, 0.666666666667, 0.333333333333, 0.0, 0.0],
                  dx: [-0.5, 0.0, 0.166666666667, -0.166666666667, 0.166666666667, -0.166666666667, -0.0, 0.5]) {
            x, _ in try x.upsampled1D(scale: 3, mode: .linear)
        }
    }
}
