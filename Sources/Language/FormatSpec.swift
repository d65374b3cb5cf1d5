import Foundation

/// A format specification, the subset of Python's format mini-language that
/// `format(x, ".3f")` and f-strings (`f"{x:.3f}"`) take:
///
///     [[fill]align][sign][0][width][,][.precision][type]
///
/// align `<` `>` `^` `=` (padding after the sign); sign `+`, `-` (default) or
/// a space; `0` pads numbers with zeros after the sign; `,` groups thousands;
/// type `f` fixed, `e` scientific, `g` general (C's and Python's `%g`), `%`
/// percent (×100, fixed), `d` a whole number, `s` a string; no type prints
/// numbers as dln does, or as `g` when a precision is given.
public struct FormatSpec: Sendable, Equatable {
    public enum Kind: Character, Sendable {
        case fixed = "f", scientific = "e", general = "g", percent = "%", whole = "d", text = "s"
    }

    public var fill: Character = " "
    public var alignment: Character?
    public var sign: Character = "-"
    public var width = 0
    public var groupsThousands = false
    public var precision: Int?
    public var kind: Kind?

    /// A width or precision past this is refused: text that long is a mistake.
    public static let maximumWidth = 1000
    public static let maximumPrecision = 100

    /// Why a specification could not be read or applied.
    public struct Invalid: Error, Equatable {
        public var reason: String
    }

    public init(_ text: String) throws(Invalid) {
        var rest = Substring(text)
        var fillGiven = false
        if rest.count >= 2, let second = rest.dropFirst().first, "<>^=".contains(second), let first = rest.first {
            fill = first
            fillGiven = true
            alignment = second
            rest = rest.dropFirst(2)
        } else if let first = rest.first, "<>^=".contains(first) {
            alignment = first
            rest = rest.dropFirst()
        }
        if let first = rest.first, "+- ".contains(first) {
            sign = first
            rest = rest.dropFirst()
        }
        if rest.first == "0" {
            // Zero padding after the sign, unless a fill or alignment says otherwise.
            if !fillGiven { fill = "0" }
            if alignment == nil { alignment = "=" }
            rest = rest.dropFirst()
        }
        width = try Self.number(&rest, limit: Self.maximumWidth, what: "width") ?? 0
        if rest.first == "," { groupsThousands = true; rest = rest.dropFirst() }
        if rest.first == "." {
            rest = rest.dropFirst()
            guard let digits = try Self.number(&rest, limit: Self.maximumPrecision, what: "precision") else {
                throw Invalid(reason: "'.' must be followed by a precision, as in '.3f'")
            }
            precision = digits
        }
        if let first = rest.first {
            guard let kind = Kind(rawValue: first) else {
                throw Invalid(reason: "unknown format type '\(first)'; use f, e, g, %, d or s")
            }
            self.kind = kind
            rest = rest.dropFirst()
        }
        guard rest.isEmpty else {
            throw Invalid(reason: "'\(text)' is not a format specification: '\(rest)' is left over; the form is [[fill]align][sign][0][width][,][.precision][type]")
        }
        try checkKindFits()
    }

    /// Reads a run of digits as a number up to `limit`.
    private static func number(_ rest: inout Substring, limit: Int, what: String) throws(Invalid) -> Int? {
        let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
        guard !digits.isEmpty else { return nil }
        rest = rest.dropFirst(digits.count)
        guard digits.count <= 6, let value = Int(digits), value <= limit else {
            throw Invalid(reason: "a format's \(what) must be at most \(limit), got \(digits)")
        }
        return value
    }

    private func checkKindFits() throws(Invalid) {
        if kind == .whole, precision != nil { throw Invalid(reason: "a precision is not allowed with 'd'") }
        if kind == .text {
            if sign != "-" { throw Invalid(reason: "a sign is not allowed with 's'") }
            if groupsThousands { throw Invalid(reason: "',' is not allowed with 's'") }
            if alignment == "=" { throw Invalid(reason: "'=' alignment is not allowed with 's'") }
        }
    }

    /// Whether the specification applies to text: no sign, grouping, `=`
    /// alignment or numeric type.
    public var fitsText: Bool {
        sign == "-" && !groupsThousands && alignment != "=" && (kind == nil || kind == .text)
    }

    /// Whether the specification only pads, so that it applies to any value's printed form.
    public var onlyPads: Bool { fitsText && precision == nil }
}

extension FormatSpec {
    /// `x` formatted by this specification.
    public func format(_ x: Double) throws(Invalid) -> String {
        if kind == .text { throw Invalid(reason: "format type 's' needs a string, got a number") }
        let negative = x.sign == .minus && !x.isNaN
        let digits = try unsignedText(Swift.abs(x))
        let signText = negative ? "-" : sign == "+" ? "+" : sign == " " ? " " : ""
        return padded(signText, digits, defaultAlignment: ">")
    }

    /// `text` formatted by this specification: precision truncates, padding
    /// aligns left unless told otherwise.
    public func format(text: String) throws(Invalid) -> String {
        guard fitsText else {
            throw Invalid(reason: "this format specification needs a number, got a string")
        }
        let shown = precision.map { String(text.prefix($0)) } ?? text
        return padded("", shown, defaultAlignment: "<")
    }

    /// The digits of a magnitude (no sign), grouped if asked.
    private func unsignedText(_ magnitude: Double) throws(Invalid) -> String {
        if kind == .whole, magnitude != magnitude.rounded() || magnitude.isInfinite {
            throw Invalid(reason: "format type 'd' needs a whole number, got \(Formatting.number(magnitude))")
        }
        guard magnitude.isFinite else { return (magnitude.isNaN ? "nan" : "inf") + (kind == .percent ? "%" : "") }
        let body: String
        switch kind {
        case .fixed: body = String(format: "%.*f", precision ?? 6, magnitude)
        case .scientific: body = String(format: "%.*e", precision ?? 6, magnitude)
        case .general: body = String(format: "%.*g", Swift.max(precision ?? 6, 1), magnitude)
        case .percent: body = String(format: "%.*f", precision ?? 6, magnitude * 100) + "%"
        case .whole: body = String(format: "%.0f", magnitude)
        case .text: body = ""
        case nil: body = precision.map { Self.general(magnitude, precision: $0) } ?? Formatting.number(magnitude)
        }
        return groupsThousands ? Self.grouped(body) : body
    }

    /// Python's format without a type but with a precision: `g`, except that
    /// a fixed-point form keeps a decimal (`1.0`), so it turns to an exponent
    /// one digit sooner (when the point would come after the last digit).
    private static func general(_ magnitude: Double, precision: Int) -> String {
        let digits = Swift.max(precision, 1)
        let scientific = String(format: "%.*e", digits - 1, magnitude)
        let exponent = scientific.split(separator: "e").last.flatMap { Int($0) } ?? 0
        guard exponent < -4 || exponent >= digits - 1 else {
            let text = String(format: "%.*g", digits, magnitude)
            return text.contains(".") ? text : text + ".0"
        }
        let parts = scientific.split(separator: "e", maxSplits: 1)
        guard let mantissa = parts.first, let tail = parts.last, mantissa.contains(".") else { return scientific }
        let trimmed = mantissa.reversed().drop(while: { $0 == "0" }).drop(while: { $0 == "." })
        return String(trimmed.reversed()) + "e" + tail
    }

    /// Commas every three digits of the whole part: `1234567.5` → `1,234,567.5`.
    private static func grouped(_ body: String) -> String {
        let whole = body.prefix(while: { $0.isASCII && $0.isNumber })
        var result = ""
        for (index, digit) in whole.enumerated() {
            if index > 0, (whole.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return result + body.dropFirst(whole.count)
    }

    /// `sign` and `body` padded to the width with the fill.
    private func padded(_ sign: String, _ body: String, defaultAlignment: Character) -> String {
        let missing = width - sign.count - body.count
        guard missing > 0 else { return sign + body }
        let padding = { (count: Int) in String(repeating: fill, count: count) }
        switch alignment ?? defaultAlignment {
        case "<": return sign + body + padding(missing)
        case "^": return padding(missing / 2) + sign + body + padding(missing - missing / 2)
        case "=": return sign + padding(missing) + body
        default: return padding(missing) + sign + body
        }
    }
}

extension EvaluationContext {
    /// `value` formatted by `spec` (`format(x, ".3f")`, `f"{x:.3f}"`): numbers
    /// and strings by the specification, host values as they choose (a tensor
    /// element by element); other values' printed forms can only be padded.
    public func formatted(_ value: Value, by spec: FormatSpec) throws -> String {
        do {
            switch value {
            case .number(let x): return try spec.format(x)
            case .string(let text): return try spec.format(text: text)
            case .host(let object):
                if let text = try object.formatted(by: spec, context: self) { return text }
            default: break
            }
            guard spec.onlyPads else {
                throw FormatSpec.Invalid(reason: "this format specification needs a number, got \(value.typeName)")
            }
            return try spec.format(text: evaluator.formatForPrint(value))
        } catch let invalid as FormatSpec.Invalid {
            throw DiagnosticError(.type, invalid.reason)
        }
    }
}
