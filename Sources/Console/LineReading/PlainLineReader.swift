/// Reads lines from standard input with no prompts and no escape codes, for
/// `dln repl` when standard input is not a terminal (`printf … | dln repl`).
public final class PlainLineReader: LineReader {
    public init() {}

    public func readLine(prompt: String) -> LineInput {
        guard let line = Swift.readLine(strippingNewline: true) else { return .endOfInput }
        return .line(line)
    }

    public func addToHistory(_ entry: String) {}
}
