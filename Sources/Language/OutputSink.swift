import Foundation
import StandardStreams

/// Where the evaluator's output goes: the evaluator never prints.
///
/// `dln run` writes to stdout, the REPL to the terminal, tests to a ``BufferSink``.
public protocol OutputSink: AnyObject {
    /// Text from `print` (including its newline).
    func write(_ text: String)
    /// A displayed value (a cell's bare last expression, a figure) and its display text.
    func display(_ value: Value, text: String)
    /// A non-fatal diagnostic, such as a failed expectation (fatal errors are thrown).
    func report(_ diagnostic: Diagnostic)
    /// Text from `warn` (including its newline): standard error, or a notebook's stderr stream.
    func warn(_ text: String)
    /// A notebook cell is about to run.
    func beginCell(_ cell: Cell)
    /// A notebook cell has finished, with its report.
    func endCell(_ report: CellReport)
}

extension OutputSink {
    public func warn(_ text: String) { StandardStream.write(text, to: STDERR_FILENO) }
    public func beginCell(_ cell: Cell) {}
    public func endCell(_ report: CellReport) {}
}

/// A sink that keeps everything in memory.
public final class BufferSink: OutputSink {
    /// Everything written, displays included (each display on its own line).
    public private(set) var transcript = ""
    /// Text written by `print` only.
    public private(set) var printed = ""
    /// Display texts of displayed values.
    public private(set) var displayed: [String] = []
    public private(set) var displayedValues: [Value] = []
    public private(set) var diagnostics: [Diagnostic] = []
    private let lock = NSLock()

    public init() {}

    public func write(_ text: String) {
        lock.lock(); defer { lock.unlock() }
        printed += text
        transcript += text
    }

    /// Warnings join the transcript (a test sees them where they happened).
    public func warn(_ text: String) {
        lock.lock(); defer { lock.unlock() }
        transcript += text
    }

    public func display(_ value: Value, text: String) {
        lock.lock(); defer { lock.unlock() }
        displayed.append(text)
        displayedValues.append(value)
        transcript += text + "\n"
    }

    public func report(_ diagnostic: Diagnostic) {
        lock.lock(); defer { lock.unlock() }
        diagnostics.append(diagnostic)
    }
}

/// A sink that discards everything.
public final class NullSink: OutputSink {
    public init() {}
    public func write(_ text: String) {}
    public func display(_ value: Value, text: String) {}
    public func report(_ diagnostic: Diagnostic) {}
}
