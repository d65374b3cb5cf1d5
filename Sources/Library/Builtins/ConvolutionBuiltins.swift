import Language
import TensorCore

/// Convolution, pooling and upsampling of batches [N, C, L] (1-D) and
/// [N, C, H, W] (2-D), with PyTorch's conventions.
enum ConvolutionBuiltins<Scalar: TensorScalar> {
    static var all: [Builtin] { [
        Builtin("conv1d", parameters: ["x", "filters"], named: ["stride", "pad", "dilation"],
                help: help("conv1d(x, filters, stride: 1, pad: 0, dilation: 1)", "1-D convolution of [N, C, L] with [O, C, K]")) { a, _ in
            let (stride, pad, dilation) = try (a.integer(named: "stride", default: 1) ?? 1, a.integer(named: "pad", default: 0) ?? 0,
                                               a.integer(named: "dilation", default: 1) ?? 1)
            return .tensor(try TensorErrors.translating {
                try a.tensor(0, Scalar.self).convolved1D(with: a.tensor(1, Scalar.self), stride: stride, padding: pad, dilation: dilation)
            })
        },
        Builtin("conv2d", parameters: ["x", "filters"], named: ["stride", "pad", "dilation"],
                help: help("conv2d(x, filters, stride: 1, pad: 0, dilation: 1)",
                           "2-D convolution of [N, C, H, W] with [O, C, KH, KW]; stride, pad and dilation may be [h, w]")) { a, _ in
            let (stride, pad, dilation) = try (a.pair(named: "stride", default: 1), a.pair(named: "pad", default: 0),
                                               a.pair(named: "dilation", default: 1))
            return .tensor(try TensorErrors.translating {
                try a.tensor(0, Scalar.self).convolved2D(with: a.tensor(1, Scalar.self), stride: stride, padding: pad, dilation: dilation)
            })
        },
        Builtin("maxpool", parameters: ["x", "size"], named: ["stride", "pad"],
                help: help("maxpool(x, size, stride: size, pad: 0)", "max pooling of [N, C, L] or [N, C, H, W]; in 2-D, size, stride and pad may be [h, w]")) { a, _ in
            let x = try a.tensor(0, Scalar.self)
            return .tensor(try TensorErrors.translating {
                if x.rank == 3 {
                    return try x.maxPooled1D(size: a.integer(1), stride: a.integer(named: "stride", default: nil),
                                             padding: a.integer(named: "pad", default: 0) ?? 0)
                }
                let size = try a.pair(1)
                let stride = try a.named("stride").map { _ in try a.pair(named: "stride", default: size) }
                return try x.maxPooled2D(size: size, stride: stride, padding: a.pair(named: "pad", default: 0))
            })
        },
        Builtin("avgpool", parameters: ["x", "size"], named: ["stride", "pad"],
                help: help("avgpool(x, size, stride: size, pad: 0)",
                           "average pooling of [N, C, L] or [N, C, H, W] (the padding's zeros count; pad ≤ size / 2)")) { a, _ in
            let x = try a.tensor(0, Scalar.self)
            return .tensor(try TensorErrors.translating {
                if x.rank == 3 {
                    return try x.averagePooled1D(size: a.integer(1), stride: a.integer(named: "stride", default: nil),
                                                 padding: a.integer(named: "pad", default: 0) ?? 0)
                }
                let size = try a.pair(1)
                let stride = try a.named("stride").map { _ in try a.pair(named: "stride", default: size) }
                return try x.averagePooled2D(size: size, stride: stride, padding: a.pair(named: "pad", default: 0))
            })
        },
        Builtin("upsample", parameters: ["x", "scale"], named: ["mode"],
                help: help("upsample(x, scale, mode: \"nearest\")",
                           "[N, C, L] or [N, C, H, W] made larger by whole factors; mode \"nearest\", \"linear\" (1-D) or \"bilinear\" (2-D), as PyTorch's align_corners=False")) { a, _ in
            let x = try a.tensor(0, Scalar.self)
            let mode = try a.upsamplingMode(rank: x.rank)
            return .tensor(try TensorErrors.translating {
                x.rank == 3 ? try x.upsampled1D(scale: a.integer(1), mode: mode) : try x.upsampled2D(scale: a.pair(1), mode: mode)
            })
        },
    ] }

    private static func help(_ form: String, _ summary: String) -> BuiltinHelp {
        BuiltinHelp(.convolution, form, summary: summary)
    }
}

extension Arguments {
    /// A size for both spatial axes, a number or `[h, w]`, at `index`.
    func pair(_ index: Int) throws -> SpatialPair {
        guard let pair = self[index].flatMap(Self.spatialPair) else { throw typeError(index, expected: "a whole number or [h, w]") }
        return pair
    }

    /// The named size for both spatial axes (a number or `[h, w]`), `defaultValue` when absent.
    func pair(named label: String, default defaultValue: SpatialPair) throws -> SpatialPair {
        guard let value = named(label) else { return defaultValue }
        guard let pair = Self.spatialPair(value) else {
            throw DiagnosticError(.type, "'\(callee)' expects a whole number or [h, w] for '\(label):', got \(value.typeName)")
        }
        return pair
    }

    private static func spatialPair(_ value: Value) -> SpatialPair? {
        guard let tensor = value.asTensor(Double.self), tensor.rank <= 1, (1...2).contains(tensor.count),
              tensor.scalars.allSatisfy({ $0 == $0.rounded() && Swift.abs($0) < 9e15 }) else { return nil }
        let sizes = tensor.scalars.map { Int($0) }
        return SpatialPair(sizes[0], sizes[sizes.count - 1])
    }

    /// `mode:` of `upsample`: "nearest", or the linear mode for the input's rank.
    func upsamplingMode(rank: Int) throws -> UpsamplingMode {
        let linear = rank == 3 ? "linear" : "bilinear"
        guard let value = named("mode") else { return .nearest }
        switch value.string {
        case "nearest": return .nearest
        case linear: return .linear
        default:
            throw DiagnosticError(.type, "'upsample' expects mode: \"nearest\" or \"\(linear)\" for a tensor of rank \(rank), got \(value.string.map { "\"\($0)\"" } ?? value.typeName)")
        }
    }
}
