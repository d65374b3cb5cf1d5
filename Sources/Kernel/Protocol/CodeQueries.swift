import Console
import Foundation
import Language
import Library

/// The shell requests that look at code without running it: `is_complete`,
/// `complete` (the REPL's completer) and `inspect` (`:help` text or a value's description).
/// Cursor positions count Unicode code points, as the protocol says.
struct CodeQueries {
    let session: NotebookSession

    /// Readline's word breaks in the REPL, so completion sees the words the REPL sees.
    static let wordBreaks = Set(" \t\n\"'`()[]{},;+-*/^@=<>:!".unicodeScalars)

    func isComplete(_ code: String) -> JSONObject {
        let parsed = Parser.parse(code)
        if parsed.succeeded { return ["status": "complete"] }
        guard parsed.isIncomplete else { return ["status": "invalid"] }
        return ["status": "incomplete", "indent": Self.indent(after: code)]
    }

    /// The last line's indentation, one level deeper after an opening bracket or brace.
    static func indent(after code: String) -> String {
        let last = code.split(separator: "\n", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        let leading = String(last.prefix { $0 == " " || $0 == "\t" })
        let opensBlock = last.trimmingCharacters(in: .whitespaces).last.map { "{([".contains($0) } ?? false
        return opensBlock ? leading + "    " : leading
    }

    func complete(_ code: String, cursor: Int) -> JSONObject {
        let scalars = Array(code.unicodeScalars)
        let end = min(max(cursor, 0), scalars.count)
        var start = end
        while start > 0, !Self.wordBreaks.contains(scalars[start - 1]) { start -= 1 }
        var lineStart = end
        while lineStart > 0, scalars[lineStart - 1] != "\n" { lineStart -= 1 }
        let word = Self.text(scalars[start..<end]), line = Self.text(scalars[lineStart..<end])
        let matches = NameCompleter(session: session).completions(forWord: word, inLine: line)
        return ["status": "ok", "matches": matches, "cursor_start": start, "cursor_end": end, "metadata": [:] as JSONObject]
    }

    func inspect(_ code: String, cursor: Int) -> JSONObject {
        let name = Self.name(in: code, at: cursor)
        guard let text = description(of: name) else {
            return ["status": "ok", "found": false, "data": [:] as JSONObject, "metadata": [:] as JSONObject]
        }
        return ["status": "ok", "found": true, "data": ["text/plain": text], "metadata": [:] as JSONObject]
    }

    /// The `:help` text of a builtin or keyword, or what a bound name holds.
    func description(of name: String) -> String? {
        guard !name.isEmpty else { return nil }
        let evaluator = session.evaluator
        if let value = evaluator.globals.lookup(name) {
            if case .builtin = value, let builtin = evaluator.builtins.first(where: { $0.name == name }) {
                return builtin.help.plainText
            }
            return "\(name): \(REPL.describe(value))\n\(evaluator.format(value))"
        }
        if let builtin = evaluator.builtins.first(where: { $0.name == name }) { return builtin.help.plainText }
        return KeywordHelp.named(name)?.plainText
    }

    /// The identifier the cursor is in or just after.
    static func name(in code: String, at cursor: Int) -> String {
        let scalars = Array(code.unicodeScalars)
        let position = min(max(cursor, 0), scalars.count)
        func isNamePart(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "_" || scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
        }
        var start = position, end = position
        while start > 0, isNamePart(scalars[start - 1]) { start -= 1 }
        while end < scalars.count, isNamePart(scalars[end]) { end += 1 }
        return text(scalars[start..<end])
    }

    static func text(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }
}
