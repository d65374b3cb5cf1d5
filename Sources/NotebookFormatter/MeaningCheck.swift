import Language

/// What formatting may not change: the tokens as the lexer reads them (newlines that end
/// statements included), every comment's text, every cell's title and kind, the prose.
enum MeaningCheck {
    static func require(_ formatted: Notebook, sameAs original: Notebook) throws {
        guard let difference = firstDifference(summary(of: formatted), summary(of: original)) else { return }
        throw DiagnosticError(Diagnostic(
            .syntax, "\(original.source.name): formatting would change the notebook's meaning (\(difference)); it was left as it is",
            hint: "please report this as a bug in dln fmt"))
    }

    private static func summary(of notebook: Notebook) -> [String] {
        var items: [String] = []
        let comments = notebook.lexicalSpans().filter { $0.lexicalClass == .comment }
        for chunk in NotebookChunks(notebook).all {
            switch chunk.kind {
            case .marker(let title): items.append("cell \(title ?? "")")
            case .prose: items.append("prose " + proseLines(notebook.source.text(in: chunk.range)).joined(separator: "\n"))
            case .code:
                var tokens = Lexer.tokenize(notebook.source, range: chunk.range).tokens.filter { $0.kind != .end }[...]
                // A chunk's last line end ends no statement the next chunk could continue.
                while tokens.last?.kind == .newline { tokens.removeLast() }
                items += tokens.map { token in
                    token.kind == .newline ? "end of line" : "token " + notebook.source.text(in: token.range.start..<token.range.end)
                }
                items += comments.filter { chunk.range.contains($0.range.lowerBound) }
                    .map { "comment " + notebook.source.text(in: $0.range).trimmingBlanks() }
            }
        }
        return items
    }

    private static func firstDifference(_ left: [String], _ right: [String]) -> String? {
        for (a, b) in zip(left, right) where a != b { return "'\(b.prefix(60))' became '\(a.prefix(60))'" }
        return left.count == right.count ? nil : "\(right.count) tokens, comments and cells became \(left.count)"
    }

    /// Prose lines with blank-only lines emptied and none at either end.
    private static func proseLines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.allSatisfy(\.isWhitespace) ? "" : String(line.last == "\r" ? line.dropLast() : line)
        }[...]
        while lines.first?.isEmpty == true { lines.removeFirst() }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return Array(lines)
    }
}

extension String {
    /// Without trailing blanks.
    func trimmingBlanks() -> String {
        var text = Substring(self)
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return String(text)
    }
}
