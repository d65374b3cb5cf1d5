import Foundation

/// How values look when displayed or printed.
public enum Formatting {
    /// Integral numbers without a fraction (`3`), others in Swift's shortest form (`0.1`).
    public static func number(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// Escapes a string for display inside quotes.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for character in text {
            switch character {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default: result.append(character)
            }
        }
        return result + "\""
    }

    /// A function's parameters as written: `x, lr = 0.1`.
    static func parameterList(_ declaration: FunctionDecl) -> String {
        declaration.parameters.enumerated().map { index, parameter in
            declaration.defaultValue(at: index).map { "\(parameter.name) = \($0.range.text)" } ?? parameter.name
        }.joined(separator: ", ")
    }
}

extension Evaluator {
    /// The display form of a value: strings quoted, host values formatted by the host
    /// (a tensor with its shape line; inside records and lists without it).
    public func format(_ value: Value) -> String { format(value, quotesStrings: true, inline: false) }

    /// The `print`/`str` form: like ``format(_:)`` but a top-level string is shown raw
    /// and host values take their short form (`print("w =", w)` stays on one line).
    public func formatForPrint(_ value: Value) -> String { format(value, quotesStrings: false, inline: true) }

    /// The short form used in records, lists and failed expectations.
    public func formatInline(_ value: Value) -> String { format(value, quotesStrings: true, inline: true) }

    func format(_ value: Value, quotesStrings: Bool, inline: Bool) -> String {
        switch value {
        case .number(let number): return Formatting.number(number)
        case .string(let text): return quotesStrings ? Formatting.quoted(text) : text
        case .bool(let flag): return flag ? "true" : "false"
        case .none: return "none"
        case .range(let range):
            return range.isClosed ? "\(range.lower)...\(range.upper - 1)" : "\(range.lower)..<\(range.upper)"
        case .record(let record):
            let fields = record.fields.map { "\($0.name): \(formatInline($0.value))" }
            return "{" + fields.joined(separator: ", ") + "}"
        case .list(let items):
            // A one-element list reads `(3,)`, as shapes do in messages.
            return "(" + items.map { formatInline($0) }.joined(separator: ", ") + (items.count == 1 ? ",)" : ")")
        case .function(let closure):
            return "<fn \(closure.name)(\(Formatting.parameterList(closure.declaration)))>"
        case .builtin(let builtin):
            return "<builtin \(builtin.name)>"
        case .host(let object):
            return inline ? object.inlineText : object.displayText
        }
    }
}
