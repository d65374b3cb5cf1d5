/// A message gnuplot printed about a script, with the script line it names.
public struct ScriptMessage: Hashable, Sendable, CustomStringConvertible {
    /// Line in the figure's script (1-based), when gnuplot named one.
    public var line: Int?
    public var text: String

    public init(line: Int?, text: String) {
        self.line = line
        self.text = text
    }

    public var description: String {
        line.map { "line \($0): \(text)" } ?? text
    }
}

/// Everything that can go wrong when making a figure. Each case carries enough
/// for a diagnostic naming the figure.
public enum GnuplotError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The figure cannot be drawn as described (e.g. lengths of xs and ys differ).
    case invalidFigure(figure: String, message: String)
    /// No gnuplot executable at `path`.
    case gnuplotNotFound(path: String)
    /// gnuplot rejected the figure's script.
    case scriptFailed(figure: String, messages: [ScriptMessage])
    /// gnuplot took longer than the time limit on this figure (the process is restarted).
    case timedOut(figure: String, seconds: Double)
    /// gnuplot could not be started, died, or produced no output.
    case processFailed(figure: String?, message: String)
    /// A file could not be written, moved or read.
    case fileSystem(path: String, message: String)

    /// One human-readable sentence or two, suitable for a diagnostic.
    public var message: String {
        switch self {
        case .invalidFigure(let figure, let message):
            return "figure '\(figure)': \(message)"
        case .gnuplotNotFound(let path):
            return "gnuplot was not found at \(path); install it with: sudo apt-get install gnuplot-nox"
        case .scriptFailed(let figure, let messages):
            let details = messages.map(\.description).joined(separator: "; ")
            return "figure '\(figure)': gnuplot reported: \(details)"
        case .timedOut(let figure, let seconds):
            return "figure '\(figure)': gnuplot did not finish within \(GnuplotSyntax.number(seconds)) s"
        case .processFailed(let figure, let message):
            return (figure.map { "figure '\($0)': " } ?? "") + message
        case .fileSystem(let path, let message):
            return "\(path): \(message)"
        }
    }

    public var description: String { message }
}
