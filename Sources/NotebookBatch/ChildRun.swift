import Foundation

/// One `dln run` child process making a notebook's figures into its staging
/// folder. It reports the cell being run (from the `%% title` lines on the
/// child's standard output) and training progress (the `epoch …` lines on
/// its standard error), and keeps the rest of standard error for failures.
final class ChildRun: @unchecked Sendable {
    /// How a run ended.
    struct Outcome: Sendable {
        /// The child's exit status (128 + n when signal n ended it).
        var status: Int32
        /// Wall-clock seconds.
        var duration: Double
        /// The last lines the child wrote to standard error, progress left out.
        var errorTail: [String]
        /// The title of the cell that failed, from the child's report.
        var failedCell: String?
    }

    private let process = Process()
    private let report: URL
    private let lock = NSLock()
    private var errorLines: [String] = []
    private let readers = DispatchGroup()
    private let started = Date()
    private static let tailLength = 20

    /// Starts `dln run` on `job`, calling `onCell` with each cell's title and
    /// `onProgress` with each training progress line.
    init(executable: URL, job: NotebookJob, staging: URL, settings: [String], runArguments: [String] = [],
         environment: [String: String],
         onCell: @escaping @Sendable (String) -> Void, onProgress: @escaping @Sendable (String) -> Void) throws {
        // Beside the staging folder, so that it shares its unguessable name and its clean-up.
        report = staging.deletingLastPathComponent().appendingPathComponent(staging.lastPathComponent + ".report.json")
        process.executableURL = executable
        process.arguments = ["run", job.notebook.path, "--out", staging.path, "--report", report.path]
            + settings.flatMap { ["--set", $0] } + runArguments
        process.currentDirectoryURL = job.notebook.deletingLastPathComponent()
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        read(out.fileHandleForReading) { line in
            if line.hasPrefix("%% ") { onCell(String(line.dropFirst(3))) }
        }
        read(err.fileHandleForReading) { [weak self] line in
            if line.hasPrefix("epoch ") { onProgress(line); return }
            guard let self, !line.isEmpty else { return }
            self.lock.withLock {
                self.errorLines.append(line)
                if self.errorLines.count > Self.tailLength { self.errorLines.removeFirst() }
            }
        }
    }

    /// Sends `signal` to the child.
    func send(_ signal: Int32) {
        if process.isRunning { kill(process.processIdentifier, signal) }
    }

    /// Waits for the child and its output to end.
    func wait() -> Outcome {
        process.waitUntilExit()
        readers.wait()
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        let outcome = Outcome(status: status, duration: Date().timeIntervalSince(started),
                              errorTail: lock.withLock { errorLines }, failedCell: failedCell())
        try? FileManager.default.removeItem(at: report)
        return outcome
    }

    /// Calls `handle` with each line read from `handle` (split at `\n` and `\r`) until it ends.
    private func read(_ file: FileHandle, lines handle: @escaping @Sendable (String) -> Void) {
        readers.enter()
        let source = file
        DispatchQueue.global().async { [readers] in
            var buffer = Data()
            while true {
                let chunk = source.availableData
                if chunk.isEmpty { break }
                buffer.append(chunk)
                while let end = buffer.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) {
                    handle(String(decoding: buffer[buffer.startIndex..<end], as: UTF8.self))
                    buffer.removeSubrange(buffer.startIndex...end)
                }
            }
            if !buffer.isEmpty { handle(String(decoding: buffer, as: UTF8.self)) }
            readers.leave()
        }
    }

    /// The first failed cell's title in the child's report.
    private func failedCell() -> String? {
        guard let data = try? Data(contentsOf: report),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let cells = object["cells"] as? [[String: Any]] else { return nil }
        let failed = cells.first { ($0["status"] as? String) == "failed" }
        return failed.map { ($0["title"] as? String) ?? "cell \(($0["index"] as? Int).map { $0 + 1 } ?? 0)" }
    }
}
