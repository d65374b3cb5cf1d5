/// What reading one line of input gave.
public enum LineInput: Equatable, Sendable {
    /// A line, without its newline.
    case line(String)
    /// Ctrl-C at the prompt: the line was discarded.
    case interrupted
    /// Ctrl-D on an empty line, or the end of piped input.
    case endOfInput
}

/// Reads the REPL's input a line at a time.
public protocol LineReader: AnyObject {
    /// Shows `prompt` (if the reader shows prompts) and reads one line.
    func readLine(prompt: String) -> LineInput
    /// Records an entry (a whole, possibly multi-line, input) in the history.
    func addToHistory(_ entry: String)
}

/// Offers completions for the word before the cursor.
public protocol Completer: AnyObject {
    /// Candidates that replace `word`, which ends at the cursor in `line`.
    func completions(forWord word: String, inLine line: String) -> [String]
}
