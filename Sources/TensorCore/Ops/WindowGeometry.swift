/// Sizes along the two spatial axes (height, width) of a window operation;
/// a single number stands for both.
public struct SpatialPair: Equatable, Sendable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    public var height: Int
    public var width: Int

    public init(_ height: Int, _ width: Int) { (self.height, self.width) = (height, width) }
    public init(integerLiteral value: Int) { self.init(value, value) }
    /// The same size along both axes.
    public static func both(_ size: Int) -> SpatialPair { SpatialPair(size, size) }

    public var description: String { height == width ? "\(height)" : "(\(height), \(width))" }
    var area: Int { height * width }
}

/// The geometry of a convolution or pooling window over [N, C, H, W]: one
/// kernel, stride, padding and dilation per spatial axis. 1-D operations are
/// the 2-D ones on [N, C, 1, L]; `spatialAxes` only says how messages show sizes.
struct WindowGeometry {
    let batch: Int, channels: Int, height: Int, width: Int
    let kernel: SpatialPair, stride: SpatialPair, padding: SpatialPair, dilation: SpatialPair
    let outputHeight: Int, outputWidth: Int

    /// Checks the window against the input; `operands` describes the caller's
    /// shapes for messages (`input (2, 3, 10), filters (4, 3, 3)`).
    init(input: [Int], kernel: SpatialPair, stride: SpatialPair, padding: SpatialPair, dilation: SpatialPair = 1,
         operation: String, operands: String, spatialAxes: Int = 2) throws {
        func fail(_ reason: String) -> TensorError { .invalidArgument(operation: operation, reason: "\(reason) (\(operands))") }
        func show(_ pair: SpatialPair) -> String { spatialAxes == 1 ? "\(pair.width)" : "\(pair.height)×\(pair.width)" }
        guard input.count == 4 else {
            throw fail("the input must have shape (batch, channels, height, width)")
        }
        for (name, pair, minimum) in [("kernel", kernel, 1), ("stride", stride, 1), ("dilation", dilation, 1), ("pad", padding, 0)]
        where pair.height < minimum || pair.width < minimum {
            throw fail("\(name) must be ≥ \(minimum), got \(show(pair))")
        }
        (batch, channels, height, width) = (input[0], input[1], input[2], input[3])
        (self.kernel, self.stride, self.padding, self.dilation) = (kernel, stride, padding, dilation)
        guard let outHeight = Self.outputSize(height, kernel.height, stride.height, padding.height, dilation.height),
              let outWidth = Self.outputSize(width, kernel.width, stride.width, padding.width, dilation.width) else {
            let reach = dilation == 1 ? show(kernel) : "\(show(kernel)) dilated by \(show(dilation))"
            throw fail("a window of \(reach) does not fit the input \(show(SpatialPair(height, width))) padded by \(show(padding))")
        }
        (outputHeight, outputWidth) = (outHeight, outWidth)
        // Bounds the loops over windows, and every product of sizes below.
        guard (try? Shape.elementCount([batch, channels, outHeight, outWidth])) != nil,
              (try? Shape.elementCount([channels, kernel.height, kernel.width, outHeight, outWidth])) != nil else {
            throw fail("a window of \(show(kernel)) at \(show(SpatialPair(outHeight, outWidth))) output positions is more than \(Shape.maximumElementCount) elements")
        }
    }

    /// (N + 2P − D·(K − 1) − 1) / S + 1, or nil when the dilated window does
    /// not fit the padded input (or the sizes overflow).
    private static func outputSize(_ size: Int, _ kernel: Int, _ stride: Int, _ padding: Int, _ dilation: Int) -> Int? {
        let (twice, overflow1) = padding.multipliedReportingOverflow(by: 2)
        let (padded, overflow2) = size.addingReportingOverflow(twice)
        let (reach, overflow3) = dilation.multipliedReportingOverflow(by: kernel - 1)
        guard !(overflow1 || overflow2 || overflow3), padded > reach else { return nil }
        return (padded - reach - 1) / stride + 1
    }

    var patchSize: Int { channels * kernel.area }
    var outputPixels: Int { outputHeight * outputWidth }
    var inputPixels: Int { height * width }
}
