import Language

/// `dln fmt`'s layout of a notebook: the same tokens, comments and prose, laid out one way.
///
/// The rules (docs/fmt.md): `\n` line ends, no trailing blanks in code, one blank line
/// before each `%%` marker and none after it, no runs of blank lines, two spaces per open
/// `{`, one space between tokens that had space between them and none where they had none,
/// none inside `(…)` and `[…]` or before `,` and `;`, one after them. Continuation lines
/// inside brackets and comment lines keep their alignment and move with their statement.
/// Markdown bodies are kept as written. The result is checked against the input: same
/// tokens, same comments, same prose, or ``format(_:)`` refuses.
public enum NotebookFormatter {
    /// The formatted text of `notebook`; throws the lexer's diagnostics for a notebook that
    /// does not lex, and refuses (with a diagnostic) any result whose meaning differs.
    public static func format(_ notebook: Notebook) throws -> String {
        let problems = lexicalProblems(in: notebook)
        guard problems.isEmpty else { throw DiagnosticError(diagnostics: problems) }
        var lines: [String] = []
        for chunk in NotebookChunks(notebook).all {
            switch chunk.kind {
            case .marker(let title): lines.append(title.map { "%% " + $0 } ?? "%%")
            case .code: append(CodeLayout(source: notebook.source, range: chunk.range).lines(), to: &lines, before: chunk.followedByMarker)
            case .prose: append(proseLines(notebook.source, chunk.range), to: &lines, before: chunk.followedByMarker)
            }
        }
        let text = lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
        try MeaningCheck.require(Notebook(source: SourceFile(name: notebook.source.name, text: text)), sameAs: notebook)
        return text
    }

    /// The lexer's diagnostics for every code chunk.
    static func lexicalProblems(in notebook: Notebook) -> [Diagnostic] {
        NotebookChunks(notebook).all.filter { $0.kind == .code }.flatMap { Lexer.tokenize(notebook.source, range: $0.range).diagnostics }
    }

    /// A body's lines without blank lines at either end, then one blank line when a marker follows.
    private static func append(_ body: [String], to lines: inout [String], before marker: Bool) {
        var body = body[...]
        while body.first?.isEmpty == true { body.removeFirst() }
        while body.last?.isEmpty == true { body.removeLast() }
        lines += body
        if marker { lines.append("") }
    }

    /// Markdown as written (trailing blanks are hard line breaks there), blank-only lines emptied.
    private static func proseLines(_ source: SourceFile, _ range: Range<Int>) -> [String] {
        SourceLines(source: source, range: range).lines.map { line in
            let text = source.text(in: line)
            return text.allSatisfy { $0 == " " || $0 == "\t" } ? "" : text
        }
    }
}
