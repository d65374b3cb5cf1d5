import Foundation
import Language
import TensorCore

/// Elementwise functions, reductions and shape operations on tensors.
enum TensorBuiltins<Scalar: TensorScalar> {
    static var all: [Builtin] { elementwise + reductions + shapes + products }

    /// An elementwise function for tensors of `S` elements, by name.
    typealias Elementwise<S: TensorScalar> = (name: String, named: Set<String>, help: BuiltinHelp, body: (Tensor<S>, Arguments) throws -> Tensor<S>)

    /// The elementwise functions, written once for both precisions.
    static func elementwiseFunctions<S: TensorScalar>(_ type: S.Type) -> [Elementwise<S>] { [
        ("exp", [], help("exp(x)", "e^x"), { x, _ in try x.exp() }),
        ("log", [], help("log(x)", "natural logarithm"), { x, _ in try x.log() }),
        ("sqrt", [], help("sqrt(x)", "square root"), { x, _ in try x.sqrt() }),
        ("abs", [], help("abs(x)", "absolute value"), { x, _ in try x.abs() }),
        ("sin", [], help("sin(x)", "sine"), { x, _ in try x.sin() }),
        ("cos", [], help("cos(x)", "cosine"), { x, _ in try x.cos() }),
        ("tanh", [], help("tanh(x)", "hyperbolic tangent"), { x, _ in try x.tanh() }),
        ("sigmoid", [], help("sigmoid(x)", "1 / (1 + e^−x)"), { x, _ in try x.sigmoid() }),
        ("relu", [], help("relu(x)", "max(x, 0)"), { x, _ in try x.relu() }),
        ("softplus", [], help("softplus(x)", "log(1 + e^x)"), { x, _ in try x.softplus() }),
        ("step", [], help("step(x)", "Heaviside step: 1 where x ≥ 0, else 0"), { x, _ in try x.step() }),
        ("round", ["digits"], help("round(x, digits: 0)", "the nearest number with that many decimals (halves away from zero; no gradient)"), { x, a in try rounded(x, digits: a.integer(named: "digits", default: 0) ?? 0) }),
        ("floor", [], help("floor(x)", "the largest whole number ≤ x (no gradient)"), { x, _ in try x.rounded(.down) }),
        ("ceil", [], help("ceil(x)", "the smallest whole number ≥ x (no gradient)"), { x, _ in try x.rounded(.up) }),
        ("sign", [], help("sign(x)", "−1, 0 or 1 by the sign of x (no gradient)"), { x, _ in try x.sign() }),
        ("log10", [], help("log10(x)", "base-10 logarithm"), { x, _ in try x.log10() }),
        ("log2", [], help("log2(x)", "base-2 logarithm"), { x, _ in try x.log2() }),
        ("log1p", [], help("log1p(x)", "log(1 + x), accurate for small x"), { x, _ in try x.log1p() }),
        ("expm1", [], help("expm1(x)", "e^x − 1, accurate for small x"), { x, _ in try x.expm1() }),
        ("gamma", [], help("gamma(x)", "the gamma function Γ(x) (Γ(n) = (n − 1)!)"), { x, _ in try x.gamma() }),
        ("lgamma", [], help("lgamma(x)", "log |Γ(x)|, without overflow for large x"), { x, _ in try x.logGamma() }),
        ("erf", [], help("erf(x)", "the error function, 2/√π ∫₀ˣ e^−t² dt"), { x, _ in try x.erf() }),
        ("erfc", [], help("erfc(x)", "1 − erf(x), accurate for large x"), { x, _ in try x.erfc() }),
        ("isnan", [], help("isnan(x)", "1 where x is NaN, else 0"), { x, _ in try x.isNaN() }),
        ("isfinite", [], help("isfinite(x)", "1 where x is neither ±∞ nor NaN, else 0"), { x, _ in try x.isFinite() }),
        ("factorial", [], help("factorial(n)", "n! for whole n, exact (results within 2^53, so n ≤ 18)"), { x, _ in try x.factorial() }),
        ("leaky_relu", ["slope"], help("leaky_relu(x, slope: 0.01)", "x where x > 0, else slope·x"), { x, a in try x.leakyRelu(slope: S(try a.number(named: "slope", default: 0.01))) }),
    ] }

    private static func help(_ form: String, _ summary: String) -> BuiltinHelp {
        BuiltinHelp(.elementwise, form, summary: summary)
    }

    /// `x` rounded to `digits` decimals (half away from zero), as a tensor.
    static func rounded<S: TensorScalar>(_ x: Tensor<S>, digits: Int) throws -> Tensor<S> {
        guard digits != 0 else { return try x.rounded() }
        guard (-17...17).contains(digits) else {
            throw DiagnosticError(.type, "'round' expects 'digits:' from -17 to 17, got \(digits)")
        }
        let scale = Tensor<S>(S(Foundation.pow(10, Double(digits))))
        return try x.multiplying(scale).rounded().dividing(by: scale)
    }

    /// Each function as a builtin. Plain numbers in give plain numbers out,
    /// computed in 64 bits whatever the session's precision.
    static var elementwise: [Builtin] {
        let onNumbers = Dictionary(uniqueKeysWithValues: elementwiseFunctions(Double.self).map { ($0.name, $0.body) })
        return elementwiseFunctions(Scalar.self).map { function in
            Builtin(function.name, parameters: ["x"], named: function.named, help: function.help) { arguments, _ in
                if case let .number(x) = arguments[0], let body = onNumbers[function.name] {
                    return .number(try TensorErrors.translating { try body(Tensor(x), arguments) }.scalars[0])
                }
                let x = try arguments.tensor(0, Scalar.self)
                let result = try TensorErrors.translating { try function.body(x, arguments) }
                return maskFunctions.contains(function.name) ? .mask(result) : .tensor(result)
            }
        } + others
    }

    /// The elementwise tests whose results select elements when they index (`x[isnan(x)] = 0`).
    private static var maskFunctions: Set<String> { ["isnan", "isfinite"] }

    static var others: [Builtin] { [
        Builtin("clamp", parameters: ["x", "low", "high"], help: help("clamp(x, low, high)", "x limited to [low, high]")) { a, _ in
            let (low, high) = (try a.scalar(1), try a.scalar(2))
            if case let .number(x) = a[0] {
                guard low <= high else { throw DiagnosticError(.runtime, "clamp: lower bound \(Formatting.number(low)) exceeds upper bound \(Formatting.number(high))") }
                return .number(Swift.min(Swift.max(x, low), high))
            }
            return .tensor(try TensorErrors.translating { try a.tensor(0, Scalar.self).clamped(lower: Scalar(low), upper: Scalar(high)) })
        },
        Builtin("where", parameters: ["condition", "a", "b"],
                help: help("where(condition, a, b)", "a where condition is non-zero, else b (NumPy's `where`)")) { a, _ in
            .tensor(try TensorErrors.translating { try Tensor<Scalar>.select(a.tensor(0, Scalar.self), a.tensor(1, Scalar.self), a.tensor(2, Scalar.self)) })
        },
    ] }

    /// A reduction over everything, or along `axis:` (with `keep: true` to keep it).
    static func reduction(_ name: String, _ help: BuiltinHelp,
                          all: @escaping (Tensor<Scalar>) throws -> Tensor<Scalar>,
                          along: @escaping (Tensor<Scalar>, Int, Bool) throws -> Tensor<Scalar>) -> Builtin {
        Builtin(name, parameters: ["x"], named: ["axis", "keep"], help: help) { a, _ in
            let x = try a.tensor(0, Scalar.self)
            let keep = a.named("keep")?.bool ?? false
            return .tensor(try TensorErrors.translating {
                if let axis = try a.axis() { return try along(x, axis, keep) }
                return try all(x)
            })
        }
    }

    static var reductions: [Builtin] { [
        reduction("sum", reduced("sum(x, axis: k, keep: false)", "the sum of all elements, or along an axis"), all: { $0.sum() }, along: { try $0.sum(alongAxis: $1, keepingDimension: $2) }),
        reduction("mean", reduced("mean(x, axis: k, keep: false)", "the mean of all elements, or along an axis"), all: { try $0.mean() }, along: { try $0.mean(alongAxis: $1, keepingDimension: $2) }),
        extremum("max", reduced("max(x, axis: k)", "max(a, b, …)", summary: "the largest element (along an axis), or the elementwise maximum of several tensors or numbers; `max(0..<5)` and `max(list)` work on numbers"), all: { try $0.max() }, along: { try $0.max(alongAxis: $1, keepingDimension: $2) }, pick: Swift.max),
        extremum("min", reduced("min(x, axis: k)", "min(a, b, …)", summary: "the smallest element (along an axis), or the elementwise minimum of several tensors or numbers"), all: { try $0.min() }, along: { try $0.min(alongAxis: $1, keepingDimension: $2) }, pick: Swift.min),
        Builtin("argmax", parameters: ["x"], named: ["axis", "keep"], help: reduced("argmax(x, axis: k)", "the position of the largest element")) { a, _ in
            let x = try a.tensor(0, Scalar.self)
            return try TensorErrors.translating {
                if let axis = try a.axis() { return .tensor(try x.argmax(alongAxis: axis, keepingDimension: a.named("keep")?.bool ?? false)) }
                return .number(Double(try x.argmax()))
            }
        },
        reduction("logsumexp", reduced("logsumexp(x, axis: k)", "log Σ e^x, computed without overflow"), all: { try $0.reshaped(to: [-1]).logSumExp(alongAxis: 0) },
                  along: { try $0.logSumExp(alongAxis: $1, keepingDimension: $2) }),
        Builtin("softmax", parameters: ["x"], named: ["axis"], help: reduced("softmax(x, axis: -1)", "e^x / Σ e^x along an axis (the last by default)")) { a, _ in
            .tensor(try TensorErrors.translating { try a.tensor(0, Scalar.self).softmax(alongAxis: try a.axis() ?? -1) })
        },
        Builtin("log_softmax", parameters: ["x"], named: ["axis"],
                help: reduced("log_softmax(x, axis: -1)", "x − logsumexp(x) along an axis (the last by default)")) { a, _ in
            .tensor(try TensorErrors.translating { try a.tensor(0, Scalar.self).logSoftmax(alongAxis: try a.axis() ?? -1) })
        },
    ] }

    private static func reduced(_ form: String, _ summary: String) -> BuiltinHelp {
        BuiltinHelp(.reductions, form, summary: summary)
    }

    private static func reduced(_ forms: String..., summary: String) -> BuiltinHelp {
        BuiltinHelp(.reductions, forms: forms, summary: summary)
    }

    /// `max(x)` reduces a tensor; `max(a, b, …)` is the elementwise maximum; numbers stay
    /// numbers, and `max(range)` or `max(list)` is the largest number in it.
    static func extremum(_ name: String, _ help: BuiltinHelp,
                         all: @escaping (Tensor<Scalar>) throws -> Tensor<Scalar>,
                         along: @escaping (Tensor<Scalar>, Int, Bool) throws -> Tensor<Scalar>,
                         pick: @escaping (Double, Double) -> Double) -> Builtin {
        let reduce = reduction(name, help, all: all, along: along)
        return Builtin(name, parameters: ["x", "y"], required: 1, variadic: true, named: ["axis", "keep"], help: help) { a, context in
            var values = a.positional
            if values.count == 1 {
                switch values[0] {
                case .range(let range): values = range.map { .number(Double($0)) }
                case .list(let items): values = items
                default: return try reduce.body(a, context)
                }
                guard !values.isEmpty else { throw DiagnosticError(.runtime, "'\(name)' of an empty sequence") }
            }
            let numbers = values.compactMap { value -> Double? in
                if case let .number(x) = value { return x }
                return nil
            }
            if numbers.count == values.count { return .number(numbers.dropFirst().reduce(numbers[0], pick)) }
            guard a.positional.count > 1 else { throw a.typeError(0, expected: "a tensor, range or list of numbers") }
            var result = try a.tensor(0, Scalar.self)
            for index in 1..<a.count {
                let other = try a.tensor(index, Scalar.self)
                result = try TensorErrors.translating {
                    try Tensor<Scalar>.select(result.compared(name == "max" ? .greaterOrEqual : .lessOrEqual, other), result, other)
                }
            }
            return .tensor(result)
        }
    }

    static var shapes: [Builtin] { [
        Builtin("reshape", parameters: ["x", "shape"], help: shaped("reshape(x, shape)", "the same elements in a new shape such as `[2, 3]`; one size may be `-1`")) { a, _ in
            let shape = try a.shapeAllowingInferred(1)
            return .tensor(try TensorErrors.translating { try a.tensor(0, Scalar.self).reshaped(to: shape) })
        },
        Builtin("transpose", parameters: ["x"], help: shaped("transpose(x)", "swaps the last two axes (also `x.T`; `x'` also makes a vector a row)")) { a, _ in .tensor(try TensorErrors.translating { try a.tensor(0, Scalar.self).transposed() }) },
        Builtin("shape", parameters: ["x"], help: shaped("shape(x)", "the sizes of x's axes, as a list")) { a, _ in .list(try a.tensor(0, Scalar.self).shape.map { .number(Double($0)) }) },
        Builtin("size", parameters: ["x"], help: shaped("size(x)", "the number of elements of x")) { a, _ in .number(Double(try a.tensor(0, Scalar.self).count)) },
        Builtin("concat", parameters: ["tensors"], variadic: true, named: ["axis"],
                help: shaped("concat(a, b, …, axis: 0)", "joins tensors along an existing axis")) { a, _ in
            let parts = try (0..<a.count).map { try a.tensor($0, Scalar.self) }
            return .tensor(try TensorErrors.translating { try Tensor<Scalar>.concatenate(parts, alongAxis: try a.axis() ?? 0) })
        },
        Builtin("stack", parameters: ["tensors"], variadic: true, named: ["axis"],
                help: shaped("stack(a, b, …, axis: 0)", "joins tensors of one shape along a new axis")) { a, _ in
            let parts = try (0..<a.count).map { try a.tensor($0, Scalar.self) }
            return .tensor(try TensorErrors.translating { try Tensor<Scalar>.stack(parts, alongAxis: try a.axis() ?? 0) })
        },
        Builtin("number", parameters: ["x"], help: shaped("number(x)", "a one-element tensor as a plain number (an error inside a function given to `grad`, where it would cut the gradient)")) { a, _ in
            guard let x = a[0]?.asNumber else { throw a.typeError(0, expected: "a number or one-element tensor") }
            if GradientBuiltins<Scalar>.isDifferentiating, let tensor = a[0]?.asTensor(Scalar.self), tensor.requiresGradient {
                throw DiagnosticError(.runtime, "'number' inside a function being differentiated turns a tensor that carries a gradient into a plain number, so no gradient can flow through it",
                                      hint: "keep the value a tensor: drop number(…) inside the function given to grad")
            }
            return .number(x)
        },
        Builtin("format", parameters: ["x", "spec"], required: 1, named: ["digits"], help: formatHelp) { a, context in
            if a[1] != nil { return .string(try formattedBySpecification(a, context)) }
            guard let value = a[0], let digits = try a.integer(named: "digits", default: 2), (0...17).contains(digits) else {
                throw DiagnosticError(.type, "'format' expects 'digits:' from 0 to 17")
            }
            if let x = value.asNumber, !value.isTensor || value.asTensor(Double.self)?.rank == 0 {
                return .string(NumberText.fixed(x, digits: digits))
            }
            guard let tensor = value.asTensor(Double.self) else { throw a.typeError(0, expected: "a number or tensor") }
            return .string(NumberText.fixed(tensor, digits: digits))
        },
    ] }

    private static var formatHelp: BuiltinHelp {
        BuiltinHelp(.shapes, "format(x, digits: 2)", "format(x, spec)",
                    summary: "a number, tensor or string as text: with that many decimals, or by a format specification such as \".3f\"",
                    details: "The specification is a subset of Python's: [[fill]align][sign][0][width][,][.precision][type], type f, e, g, %, d or s (see the language reference).")
    }

    /// `format(x, spec)`: the value formatted by a specification string.
    private static func formattedBySpecification(_ a: Arguments, _ context: EvaluationContext) throws -> String {
        guard a.named("digits") == nil else {
            throw DiagnosticError(.type, "'format' takes a format specification or 'digits:', not both")
        }
        guard case let .string(text)? = a[1] else { throw a.typeError(1, expected: "a format specification string such as \".3f\"") }
        let spec: FormatSpec
        do { spec = try FormatSpec(text) } catch { throw DiagnosticError(.type, error.reason) }
        return try context.formatted(a[0] ?? .none, by: spec)
    }

    private static func shaped(_ form: String, _ summary: String) -> BuiltinHelp {
        BuiltinHelp(.shapes, form, summary: summary)
    }

    static var products: [Builtin] { [
        Builtin("matmul", parameters: ["a", "b"], help: shaped("matmul(a, b)", "the matrix product (also `a @ b`)")) { a, _ in
            .tensor(try TensorErrors.translating { try a.tensor(0, Scalar.self).matmul(a.tensor(1, Scalar.self)) })
        },
    ] }
}

extension Arguments {
    /// A shape in which one size may be -1 (inferred), at `index`.
    func shapeAllowingInferred(_ index: Int) throws -> [Int] {
        guard let tensor = self[index]?.asTensor(Double.self), tensor.rank <= 1,
              tensor.scalars.allSatisfy({ $0 == $0.rounded() && $0 >= -1 && $0 < 1e12 })
        else { throw typeError(index, expected: "a shape such as [2, 3] (one size may be -1)") }
        return tensor.scalars.map { Int($0) }
    }
}
