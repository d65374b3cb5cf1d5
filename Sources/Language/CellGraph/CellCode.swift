import Foundation

extension Notebook {
    /// A cell's code as the cell cache hashes it: the spelling of each token, with
    /// comments, indentation, spacing and blank lines left out.
    public func normalisedCode(of cell: Cell) -> String { normalisedCode(in: cell.bodyRange) }

    /// The normalised code of a byte range of the notebook (a statement of a cell).
    public func normalisedCode(in range: Range<Int>) -> String {
        let (tokens, _) = Lexer.tokenize(source, range: range)
        var text = ""
        for token in tokens {
            switch token.kind {
            case .end: return text
            case .newline: if !text.isEmpty && !text.hasSuffix("\n") { text += "\n" }
            default:
                if !text.isEmpty && !text.hasSuffix("\n") { text += "\u{1F}" }
                text += token.range.text
            }
        }
        return text
    }
}
