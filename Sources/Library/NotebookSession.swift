import Foundation
import Language

/// A notebook environment ready to run: the Library's host with its
/// builtins, and an evaluator that reports to the caller's sink.
public final class NotebookSession {
    /// The host: a `NotebookHost<Float>` or `NotebookHost<Double>`.
    public let host: HostOutput
    public let precision: Precision
    public let evaluator: Evaluator
    public let runner: NotebookRunner

    public init(output: OutputSettings = OutputSettings(), sink: any OutputSink,
                cancellation: CancellationFlag = CancellationFlag(), precision: Precision = .single) {
        let host: HostOutput & EvaluationHost
        switch precision {
        case .single: host = NotebookHost<Float>(output: output)
        case .double: host = NotebookHost<Double>(output: output)
        }
        self.host = host
        self.precision = precision
        evaluator = Evaluator(host: host, sink: sink, cancellation: cancellation)
        runner = NotebookRunner(evaluator: evaluator)
    }

    /// Reads a notebook file, checking that it is UTF-8 text.
    public static func load(path: String) throws -> Notebook {
        let bytes = try NotebookFile.bytes(at: systemPath(ofArgument: path), shownAs: path)
        let source = try SourceFile(name: path, utf8: bytes)
        return Notebook(source: source)
    }

    /// The path to open. Swift repairs command-line arguments that are not
    /// UTF-8 (each bad byte becomes U+FFFD), so a path typed with such bytes
    /// is opened through the original argument's bytes.
    static func systemPath(ofArgument path: String) -> [CChar] {
        guard path.contains("\u{FFFD}"), let raw = CommandLineBytes.argument(decodingTo: path) else {
            return Array(path.utf8CString)
        }
        return raw
    }
}
