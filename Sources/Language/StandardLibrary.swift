import Foundation

/// The language's own builtins, which know nothing of tensors. The host installs its
/// builtins afterwards and may replace any of these (e.g. `abs` over tensors), falling
/// back to the original by looking it up before replacing it.
public enum StandardLibrary {
    /// The names defined here.
    public static var names: [String] { builtins.map(\.name) }

    /// Installs every language builtin into `environment`.
    public static func install(into environment: Environment) {
        for builtin in builtins { environment.define(builtin) }
    }

    static let builtins: [Builtin] = [
        Builtin("print", parameters: ["values"], required: 0, variadic: true, named: ["sep", "end"]) { arguments, context in
            let separator = try textOption(arguments, "sep", default: " ")
            let terminator = try textOption(arguments, "end", default: "\n")
            let text = arguments.positional.map { context.evaluator.formatForPrint($0) }.joined(separator: separator)
            context.write(text + terminator)
            return .none
        },
        Builtin("str", parameters: ["value"]) { arguments, context in
            .string(context.evaluator.formatForPrint((arguments[0] ?? .none)))
        },
        Builtin("type", parameters: ["value"]) { arguments, _ in .string((arguments[0] ?? .none).typeName) },
        Builtin("len", parameters: ["value"]) { arguments, context in
            switch (arguments[0] ?? .none) {
            case .string(let text): return .number(Double(text.count))
            case .list(let items): return .number(Double(items.count))
            case .record(let record): return .number(Double(record.fields.count))
            case .range(let range): return .number(Double(range.count))
            case .host(let object):
                return .number(Double(try context.evaluator.host.elements(of: object, context: context).count))
            default: throw arguments.typeError(0, expected: "a string, list, record or range")
            }
        },
        Builtin("range", parameters: ["start", "stop"], required: 1) { arguments, _ in
            let first = try arguments.integer(0)
            if arguments.count == 1 { return .range(RangeValue(lower: 0, upper: first)) }
            return .range(RangeValue(lower: first, upper: try arguments.integer(1)))
        },
        Builtin("keys", parameters: ["record"]) { arguments, _ in
            guard case .record(let record) = (arguments[0] ?? .none) else { throw arguments.typeError(0, expected: "a record") }
            return .list(record.names.map(Value.string))
        },
        Builtin("list", parameters: ["values"], required: 0, variadic: true) { arguments, _ in .list(arguments.positional) },
        Builtin("append", parameters: ["list", "value"]) { arguments, _ in
            guard case .list(let items) = (arguments[0] ?? .none) else { throw arguments.typeError(0, expected: "a list") }
            return .list(items + [(arguments[1] ?? .none)])
        },
        Builtin("min", parameters: ["values"], required: 1, variadic: true) { arguments, _ in
            try extremum(arguments, by: <)
        },
        Builtin("max", parameters: ["values"], required: 1, variadic: true) { arguments, _ in
            try extremum(arguments, by: >)
        },
        math("abs") { Swift.abs($0) },
        math("floor") { $0.rounded(.down) },
        math("ceil") { $0.rounded(.up) },
        math("round") { $0.rounded(.toNearestOrAwayFromZero) },
        math("sqrt") { $0.squareRoot() },
        math("exp") { Foundation.exp($0) },
        math("log") { Foundation.log($0) },
    ]

    private static func math(_ name: String, _ function: @escaping (Double) -> Double) -> Builtin {
        Builtin(name, parameters: ["x"]) { arguments, _ in .number(function(try arguments.number(0))) }
    }

    private static func textOption(_ arguments: Arguments, _ label: String, default value: String) throws -> String {
        guard let option = arguments.named(label) else { return value }
        guard let text = option.string else {
            throw DiagnosticError(.type, "'\(arguments.callee)' expects a string for '\(label):', got \(option.typeName)")
        }
        return text
    }

    /// `min(a, b, …)` or `min(list)` over numbers.
    private static func extremum(_ arguments: Arguments, by better: (Double, Double) -> Bool) throws -> Value {
        var values = arguments.positional
        if values.count == 1, case .list(let items) = values[0] { values = items }
        if values.count == 1, case .range(let range) = values[0] { values = range.map { .number(Double($0)) } }
        var best: Double?
        for (index, value) in values.enumerated() {
            guard let number = value.number else {
                throw DiagnosticError(.type, "'\(arguments.callee)' expects numbers, got \(value.typeName) at position \(index + 1)")
            }
            if best.map({ better(number, $0) }) ?? true { best = number }
        }
        guard let best else { throw DiagnosticError(.runtime, "'\(arguments.callee)' of an empty sequence") }
        return .number(best)
    }
}
