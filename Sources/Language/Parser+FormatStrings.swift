/// f-strings: each expression in braces is parsed where it stands in the
/// file, by a parser of its own over those bytes, and each format
/// specification is read here, so that mistakes in either are syntax errors
/// pointing into the string.
extension Parser {
    func parseFormatString(_ pieces: [FormatStringPiece], at range: SourceRange) throws -> Expr {
        let parts = try pieces.map { piece -> FormatStringPart in
            switch piece {
            case .text(let text):
                return .text(text)
            case let .expression(source, spec, specSource):
                return .value(try embeddedExpression(source), spec: try formatSpec(spec, at: specSource))
            }
        }
        return .formatString(parts, range)
    }

    private func embeddedExpression(_ source: Range<Int>) throws -> Expr {
        let parsed = Parser(file: file, range: source, maximumDepth: maximumDepth).parseSingleExpression()
        // The braces' end is not the input's: a REPL must not wait for more lines.
        var diagnostics = parsed.diagnostics.map { diagnostic in
            var diagnostic = diagnostic
            diagnostic.isIncompleteInput = false
            diagnostic.message = diagnostic.message.replacingOccurrences(of: "input ended too early", with: "found the end of the braces")
            return diagnostic
        }
        if let expression = parsed.expression, diagnostics.isEmpty { return expression }
        let last = diagnostics.popLast() ?? Diagnostic(.syntax, "expected an expression", at: SourceRange(file: file, start: source.lowerBound, end: source.upperBound))
        diagnostics.forEach(record)
        throw ParseFailure(diagnostic: last)
    }

    private func formatSpec(_ text: String?, at source: Range<Int>?) throws -> FormatSpec? {
        guard let text else { return nil }
        do {
            return try FormatSpec(text)
        } catch {
            let range = source.map { SourceRange(file: file, start: $0.lowerBound, end: $0.upperBound) }
            throw failure(error.reason, at: range ?? current.range)
        }
    }
}
