/// The only ways text and numbers from outside enter a gnuplot script.
///
/// gnuplot 5.4 substitutes `` `command` `` inside double-quoted strings and
/// interprets backslash escapes there, but takes single-quoted strings literally:
/// no backquote substitution, no `@macro` expansion, no escapes; the only special
/// sequence is `''`, which stands for one quote. A command ends at a newline, so
/// control characters are replaced by spaces and a string can never spill onto
/// a line of its own. Terminals are set `noenhanced`, so `^ _ @ & { }` are shown
/// as typed instead of being read as markup.
public enum GnuplotSyntax {
    /// `text` as a gnuplot single-quoted string literal that shows exactly `text`
    /// (control characters become spaces).
    public static func quoted(_ text: String) -> String {
        var body = ""
        body.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "'":
                body += "''"
            case _ where scalar.properties.generalCategory == .control,
                 "\u{2028}", "\u{2029}":
                body += " "
            default:
                body.unicodeScalars.append(scalar)
            }
        }
        return "'" + body + "'"
    }

    /// Whether `text` survives `quoted` unchanged (no control characters);
    /// file paths must, or gnuplot would write somewhere else.
    public static func isQuotable(_ text: String) -> Bool {
        !text.unicodeScalars.contains { $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" }
    }

    /// A number as gnuplot reads it back exactly: the shortest round-trip decimal,
    /// `NaN` (gnuplot's missing value) for NaN and infinities.
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "NaN" }
        if value == value.rounded(), abs(value) < 1e15 {
            // Integers without ".0" read better and parse the same.
            return String(Int64(value))
        }
        return value.description
    }
}
