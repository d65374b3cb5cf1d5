import Language
import TensorCore

/// Reductions beyond sum and mean, scans, sorting and the binary functions
/// of NumPy's that course authors reach for.
enum StatisticsBuiltins<Scalar: TensorScalar> {
    static var all: [Builtin] { reductions + scans + binary }

    typealias T = Tensor<Scalar>

    static var reductions: [Builtin] { [
        TensorBuiltins<Scalar>.reduction(
            "prod", reduced("prod(x, axis: k, keep: false)", "the product of all elements, or along an axis (the empty product is 1)"),
            all: { try $0.prod() }, along: { try $0.prod(alongAxis: $1, keepingDimension: $2) }),
        spread("var", reduced("var(x, axis: k, ddof: 0, keep: false)", "the variance: mean squared deviation from the mean, divided by n − ddof (ddof: 1 for the unbiased estimate)"),
               all: { try $0.variance(ddof: $1) }, along: { try $0.variance(alongAxis: $1, ddof: $2, keepingDimension: $3) }),
        spread("std", reduced("std(x, axis: k, ddof: 0, keep: false)", "the standard deviation: the square root of `var`"),
               all: { try $0.standardDeviation(ddof: $1) }, along: { try $0.standardDeviation(alongAxis: $1, ddof: $2, keepingDimension: $3) }),
        Builtin("argmin", parameters: ["x"], named: ["axis", "keep"], help: reduced("argmin(x, axis: k)", "the position of the smallest element")) { a, _ in
            let x = try a.tensor(0, Scalar.self)
            return try TensorErrors.translating {
                if let axis = try a.axis() { return .tensor(try x.argmin(alongAxis: axis, keepingDimension: a.named("keep")?.bool ?? false)) }
                return .number(Double(try x.argmin()))
            }
        },
    ] }

    /// `var` and `std`: a reduction with `ddof:`.
    static func spread(_ name: String, _ help: BuiltinHelp,
                       all: @escaping (T, Int) throws -> T, along: @escaping (T, Int, Int, Bool) throws -> T) -> Builtin {
        Builtin(name, parameters: ["x"], named: ["axis", "ddof", "keep"], help: help) { a, _ in
            let x = try a.tensor(0, Scalar.self)
            let ddof = try a.integer(named: "ddof", default: 0) ?? 0
            let keep = a.named("keep")?.bool ?? false
            return .tensor(try TensorErrors.translating {
                if let axis = try a.axis() { return try along(x, axis, ddof, keep) }
                return try all(x, ddof)
            })
        }
    }

    static var scans: [Builtin] { [
        scan("cumsum", "cumsum(x, axis: k)", "running sums along an axis (of the flattened tensor without one)") { try $0.cumulativeSum(alongAxis: $1) },
        scan("cumprod", "cumprod(x, axis: k)", "running products along an axis (of the flattened tensor without one)") { try $0.cumulativeProduct(alongAxis: $1) },
        Builtin("diff", parameters: ["x"], named: ["n", "axis"], help: scanned("diff(x, n: 1, axis: -1)", "differences of neighbours along an axis, n times over")) { a, _ in
            let order = try a.integer(named: "n", default: 1) ?? 1
            return .tensor(try TensorErrors.translating { try a.tensor(0, Scalar.self).differences(alongAxis: try a.axis() ?? -1, order: order) })
        },
        Builtin("sort", parameters: ["x"], named: ["axis"], help: scanned("sort(x, axis: -1)", "the elements in ascending order along an axis (stable; NaN last)")) { a, _ in
            .tensor(try TensorErrors.translating { try a.tensor(0, Scalar.self).sorted(alongAxis: try a.axis() ?? -1) })
        },
        Builtin("argsort", parameters: ["x"], named: ["axis"], help: scanned("argsort(x, axis: -1)", "the positions that sort x along an axis (stable)")) { a, _ in
            .tensor(try TensorErrors.translating { try a.tensor(0, Scalar.self).argsort(alongAxis: try a.axis() ?? -1) })
        },
        Builtin("unique", parameters: ["x"], help: scanned("unique(x)", "the distinct elements, sorted (all NaN count as one)")) { a, _ in
            .tensor(try a.tensor(0, Scalar.self).unique())
        },
    ] }

    /// A scan along `axis:`, or over the flattened tensor.
    static func scan(_ name: String, _ form: String, _ summary: String, _ body: @escaping (T, Int?) throws -> T) -> Builtin {
        Builtin(name, parameters: ["x"], named: ["axis"], help: scanned(form, summary)) { a, _ in
            .tensor(try TensorErrors.translating { try body(a.tensor(0, Scalar.self), try a.axis()) })
        }
    }

    /// The binary elementwise functions, written once for both precisions.
    static func binaryFunctions<S: TensorScalar>(_ type: S.Type) -> [(name: String, help: BuiltinHelp, body: (Tensor<S>, Tensor<S>) throws -> Tensor<S>)] { [
        ("hypot", elementwiseHelp("hypot(a, b)", "√(a² + b²) without overflow, elementwise with broadcasting"), { try $0.hypot($1) }),
        ("atan2", elementwiseHelp("atan2(y, x)", "the angle of the point (x, y), in (−π, π], elementwise with broadcasting"), { try $0.atan2($1) }),
        ("comb", elementwiseHelp("comb(n, k)", "the number of ways to choose k of n things, exact for whole numbers (results within 2^53)"), { try Tensor<S>.comb($0, $1) }),
    ] }

    /// Each binary function as a builtin: numbers in give a number out, in 64 bits.
    static var binary: [Builtin] {
        let onNumbers = Dictionary(uniqueKeysWithValues: binaryFunctions(Double.self).map { ($0.name, $0.body) })
        return binaryFunctions(Scalar.self).map { function in
            Builtin(function.name, parameters: ["a", "b"], help: function.help) { a, _ in
                if case let .number(x)? = a[0], case let .number(y)? = a[1], let body = onNumbers[function.name] {
                    return .number(try TensorErrors.translating { try body(Tensor(x), Tensor(y)).scalarValue() })
                }
                return .tensor(try TensorErrors.translating { try function.body(a.tensor(0, Scalar.self), a.tensor(1, Scalar.self)) })
            }
        } + [clip]
    }

    static var clip: Builtin {
        Builtin("clip", parameters: ["x", "low", "high"], help: elementwiseHelp("clip(x, low, high)", "x limited to [low, high] (NumPy's name for `clamp`)")) { a, _ in
            let (low, high) = (try a.scalar(1), try a.scalar(2))
            return .tensor(try TensorErrors.translating { try a.tensor(0, Scalar.self).clamped(lower: Scalar(low), upper: Scalar(high)) })
        }
    }

    private static func elementwiseHelp(_ form: String, _ summary: String) -> BuiltinHelp {
        BuiltinHelp(.elementwise, form, summary: summary)
    }

    private static func reduced(_ form: String, _ summary: String) -> BuiltinHelp {
        BuiltinHelp(.reductions, form, summary: summary)
    }

    private static func scanned(_ form: String, _ summary: String) -> BuiltinHelp {
        BuiltinHelp(.reductions, form, summary: summary)
    }
}
