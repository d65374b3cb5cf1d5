/// The only ways text and numbers from outside enter a gnuplot script.
///
/// Verified against gnuplot 5.4.4 (see docs/figures.md and SafetyTests):
/// - Double-quoted strings undergo backquote (shell) substitution and backslash
///   escapes; single-quoted strings are literal: no backquotes, no escapes, and
///   `@name` macros are not expanded inside them.
/// - gnuplot's `''` escape for a quote inside single quotes is unreliable: it
///   fails right after the opening quote (`'''x'`) and right after another
///   escaped quote (`'a'''''`), turning the rest of the text into script.
/// - The macro expander tracks single quotes naively, so a `'` inside a
///   double-quoted string (`"'"`) desynchronises it and exposes `@name` text.
///
/// So text becomes single-quoted segments that contain no quote at all, joined
/// with gnuplot's string concatenation `.` to `"\047"` (an octal-escaped quote
/// containing no quote character) wherever the text has a `'`. Control
/// characters become spaces, so a string never reaches a second line.
/// Terminals are set `noenhanced`, so `^ _ @ & { }` show as typed.
public enum GnuplotSyntax {
    /// A gnuplot string expression whose value is exactly `text` (control
    /// characters become spaces), e.g. `it's` → `'it'."\047".'s'`.
    public static func quoted(_ text: String) -> String {
        var segments: [String] = [""]
        for scalar in text.unicodeScalars {
            if scalar == "'" {
                segments.append("")
            } else if isControl(scalar) {
                segments[segments.count - 1] += " "
            } else {
                segments[segments.count - 1].unicodeScalars.append(scalar)
            }
        }
        var parts: [String] = []
        for (index, segment) in segments.enumerated() {
            if index > 0 { parts.append(#""\047""#) }
            if !segment.isEmpty { parts.append("'" + segment + "'") }
        }
        return parts.isEmpty ? "''" : parts.joined(separator: ".")
    }

    /// A gnuplot string expression of several lines: each line through `quoted`,
    /// joined by `"\n"` (a newline escape containing no quote), e.g. a wrapped title.
    public static func quotedLines(_ lines: [String]) -> String {
        guard !lines.isEmpty else { return "''" }
        return lines.map(quoted).joined(separator: #"."\n"."#)
    }

    /// Whether `text` survives `quoted` unchanged (no control characters);
    /// file paths must, or gnuplot would write somewhere else.
    public static func isQuotable(_ text: String) -> Bool {
        !text.unicodeScalars.contains(where: isControl)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    /// A number as gnuplot reads it back exactly: the shortest round-trip decimal,
    /// `NaN` (gnuplot's missing value) for NaN and infinities.
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "NaN" }
        if value == value.rounded(), abs(value) < 1e15 {
            // Integers without ".0" read better and parse the same.
            return String(Int64(value))
        }
        // Values that came from Float32 tensors print in their shortest
        // Float form (≤ 9 digits), which reads back to the same number.
        if let single = Float(exactly: value) { return single.description }
        return value.description
    }
}
