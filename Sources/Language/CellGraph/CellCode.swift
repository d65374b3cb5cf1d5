import Foundation

extension Notebook {
    /// A cell's code as the cell cache hashes it: the spelling of each token, with
    /// comments, indentation, spacing and blank lines left out.
    public func normalisedCode(of cell: Cell) -> String {
        let (tokens, _) = Lexer.tokenize(source, range: cell.bodyRange)
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
