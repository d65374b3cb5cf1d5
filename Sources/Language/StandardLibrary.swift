import Foundation
import ResourceLimits

/// The language's own builtins, which know nothing of tensors. The host installs its
/// builtins afterwards and may replace any of these (e.g. `abs` over tensors), falling
/// back to the original by looking it up before replacing it.
public enum StandardLibrary {
    /// The names defined here.
    public static var names: [String] { builtins.map(\.name) }

    /// Installs every language builtin into `environment`.
    public static func install(into environment: Environment) {
        for builtin in builtins { environment.define(builtin) }
        for (name, value) in constants { environment.define(name, .number(value)) }
    }

    /// Whether `value` is still the constant the language bound to `name`
    /// (lists of a session's own names leave those out).
    public static func isUnchangedConstant(_ name: String, _ value: Value) -> Bool {
        guard let constant = constants.first(where: { $0.name == name }), case .number(let x) = value else { return false }
        return x == constant.value || (x.isNaN && constant.value.isNaN)
    }

    /// Named numbers (a notebook may bind the names to something else).
    public static let constants: [(name: String, value: Double)] = [
        ("pi", Double.pi), ("e", M_E), ("inf", Double.infinity), ("nan", Double.nan),
    ]

    static let builtins: [Builtin] = [
        Builtin("print", parameters: ["values"], required: 0, variadic: true, named: ["sep", "end"],
                help: BuiltinHelp(.general, "print(a, b, …, sep: \" \", end: \"\\n\")", summary: "writes the values on one line")) { arguments, context in
            let separator = try textOption(arguments, "sep", default: " ")
            let terminator = try textOption(arguments, "end", default: "\n")
            let text = arguments.positional.map { context.evaluator.formatForPrint($0) }.joined(separator: separator)
            context.write(text + terminator)
            return .none
        },
        Builtin("warn", parameters: ["values"], required: 1, variadic: true,
                help: BuiltinHelp(.general, "warn(a, b, …)", summary: "writes `warning:` and the values on standard error; the cell goes on and does not fail")) { arguments, context in
            let text = arguments.positional.map { context.evaluator.formatForPrint($0) }.joined(separator: " ")
            context.evaluator.sink.warn("warning: " + text + "\n")
            return .none
        },
        Builtin("str", parameters: ["value"], help: BuiltinHelp(.general, "str(x)", summary: "the printed form of a value, as a string")) { arguments, context in
            .string(context.evaluator.formatForPrint((arguments[0] ?? .none)))
        },
        Builtin("type", parameters: ["value"], help: BuiltinHelp(.general, "type(x)", summary: "the name of a value's type")) { arguments, _ in .string((arguments[0] ?? .none).typeName) },
        Builtin("len", parameters: ["value"],
                help: BuiltinHelp(.general, "len(x)", summary: "the length of a string, list, record, range, or tensor (rows)")) { arguments, context in
            switch (arguments[0] ?? .none) {
            case .string(let text): return .number(Double(text.count))
            case .list(let items): return .number(Double(items.count))
            case .record(let record): return .number(Double(record.fields.count))
            case .range(let range): return .number(Double(range.count))
            case .host(let object):
                return .number(Double(try object.elements(context: context).count))
            default: throw arguments.typeError(0, expected: "a string, list, record or range")
            }
        },
        Builtin("range", parameters: ["start", "stop"], required: 1,
                help: BuiltinHelp(.general, "range(n)", "range(a, b)", summary: "the range `0..<n` or `a..<b`")) { arguments, _ in
            let first = try arguments.integer(0)
            if arguments.count == 1 { return .range(RangeValue(lower: 0, upper: first)) }
            return .range(RangeValue(lower: first, upper: try arguments.integer(1)))
        },
        Builtin("keys", parameters: ["record"], help: BuiltinHelp(.general, "keys(record)", summary: "a record's field names")) { arguments, _ in
            guard case .record(let record) = (arguments[0] ?? .none) else { throw arguments.typeError(0, expected: "a record") }
            return .list(record.names.map(Value.string))
        },
        Builtin("list", parameters: ["values"], required: 0, variadic: true,
                help: BuiltinHelp(.general, "list(a, b, …)", summary: "a list of the values")) { arguments, _ in .list(arguments.positional) },
        Builtin("append", parameters: ["list", "value"],
                help: BuiltinHelp(.general, "append(list, x)", summary: "a copy of the list with the value added")) { arguments, _ in
            guard case .list(let items) = (arguments[0] ?? .none) else { throw arguments.typeError(0, expected: "a list") }
            try MemoryBudget.shared.requireRoom((items.count &+ 1) &* MemoryLayout<Value>.stride, for: "append")
            return .list(items + [(arguments[1] ?? .none)])
        },
        Builtin("min", parameters: ["values"], required: 1, variadic: true,
                help: BuiltinHelp(.numbers, "min(a, b, …)", "min(list)", summary: "the smallest number")) { arguments, _ in
            try extremum(arguments, by: <)
        },
        Builtin("max", parameters: ["values"], required: 1, variadic: true,
                help: BuiltinHelp(.numbers, "max(a, b, …)", "max(list)", summary: "the largest number")) { arguments, _ in
            try extremum(arguments, by: >)
        },
        math("abs", "absolute value") { Swift.abs($0) },
        math("floor", "the largest whole number ≤ x") { $0.rounded(.down) },
        math("ceil", "the smallest whole number ≥ x") { $0.rounded(.up) },
        math("round", "the nearest whole number (halves away from zero)") { $0.rounded(.toNearestOrAwayFromZero) },
        math("sqrt", "square root") { $0.squareRoot() },
        math("exp", "e^x") { Foundation.exp($0) },
        math("log", "natural logarithm") { Foundation.log($0) },
    ]

    private static func math(_ name: String, _ summary: String, _ function: @escaping (Double) -> Double) -> Builtin {
        Builtin(name, parameters: ["x"], help: BuiltinHelp(.numbers, "\(name)(x)", summary: summary)) { arguments, _ in .number(function(try arguments.number(0))) }
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
