import Foundation

/// One `dln run` child process making a notebook's figures into its staging
/// folder. It reports the cell being run (from the `%% title` lines on the
/// child's standard output) and training progress (the `epoch …` lines on
/// its standard error), and keeps the rest of standard error for failures.
/// `dln sweep` runs its points with it too.
public final class ChildRun: @unchecked Sendable {
    /// How a run ended.
    public struct Outcome: Sendable {
        /// The child's exit status (128 + n when signal n ended it).
        public var status: Int32
        /// Wall-clock seconds.
        public var duration: Double
        /// The last lines the child wrote to standard error, progress left out.
        public var errorTail: [String]
        /// The title of the cell that failed, from the child's report.
        public var failedCell: String?
    }

    private let process = Process()
    private let report: URL
    private let keepsReport: Bool
    private let lock = NSLock()
    private var errorLines: [String] = []
    private let readers = DispatchGroup()
    private let started = Date()
    private static let tailLength = 20

    /// Starts `dln run` on `job`, calling `onCell` with each cell's title and
    /// `onProgress` with each training progress line.
    /// Its report goes beside the staging folder and is removed when the run has ended.
    convenience init(executable: URL, job: NotebookJob, staging: URL, settings: [String], runArguments: [String] = [],
                     environment: [String: String],
                     onCell: @escaping @Sendable (String) -> Void, onProgress: @escaping @Sendable (String) -> Void) throws {
        // Beside the staging folder, so that it shares its unguessable name and its clean-up.
        let report = staging.deletingLastPathComponent().appendingPathComponent(staging.lastPathComponent + ".report.json")
        try self.init(executable: executable, notebook: job.notebook, output: staging, report: report, keepsReport: false,
                      settings: settings, runArguments: runArguments, environment: environment,
                      onCell: onCell, onProgress: onProgress)
    }

    /// Starts `dln run` on `notebook` in the notebook's folder, writing into `output` and
    /// its `--report` to `report` (removed after the run unless `keepsReport`).
    public init(executable: URL, notebook: URL, output: URL, report: URL, keepsReport: Bool, settings: [String],
                runArguments: [String] = [], environment: [String: String],
                onCell: @escaping @Sendable (String) -> Void, onProgress: @escaping @Sendable (String) -> Void) throws {
        self.report = report
        self.keepsReport = keepsReport
        process.executableURL = executable
        process.arguments = ["run", notebook.path, "--out", output.path, "--report", report.path]
            + settings.flatMap { ["--set", $0] } + runArguments
        process.currentDirectoryURL = notebook.deletingLastPathComponent()
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
    public func send(_ signal: Int32) {
        if process.isRunning { kill(process.processIdentifier, signal) }
    }

    /// Waits for the child and its output to end.
    public func wait() -> Outcome {
        process.waitUntilExit()
        readers.wait()
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        let outcome = Outcome(status: status, duration: Date().timeIntervalSince(started),
                              errorTail: lock.withLock { errorLines }, failedCell: failedCell())
        if !keepsReport { try? FileManager.default.removeItem(at: report) }
        return outcome
    }

    /// Calls `handle` with each line read from `file` until it ends. The loop runs on a
    /// thread of its own: on GCD's pool, busy readers could hold every worker and starve
    /// the SIGTERM handler, which runs there.
    private func read(_ file: FileHandle, lines handle: @escaping @Sendable (String) -> Void) {
        readers.enter()
        let thread = Thread { [readers] in
            var splitter = LineSplitter()
            while true {
                let chunk = file.availableData
                if chunk.isEmpty { break }
                splitter.feed(chunk, emit: handle)
            }
            splitter.finish(emit: handle)
            readers.leave()
        }
        thread.start()
    }

    /// The first failed cell's title in the child's report.
    private func failedCell() -> String? {
        guard let data = try? Data(contentsOf: report),
              let child = try? JSONDecoder().decode(ChildReport.self, from: data) else { return nil }
        return child.cells.first { $0.status == "failed" }.map { $0.title ?? "cell \($0.index + 1)" }
    }
}

/// What the batch reads of a child's `--report` (the file `dln run` writes as
/// Language's `RunReportFile`; this module does not import the language).
struct ChildReport: Decodable {
    struct Cell: Decodable {
        let index: Int
        let title: String?
        let status: String
    }

    let cells: [Cell]
}

/// Splits a child's output into lines at `\n` and `\r`, looking at each byte once (a
/// buffer rescanned per chunk made an 8 MB line take 53 s) and keeping at most
/// ``maximumLineLength`` bytes of a line: the rest is dropped and the line marked as cut.
struct LineSplitter {
    static let maximumLineLength = 1 << 20
    static let cutMark = " … (line cut at 1 MiB)"
    private var pending: [UInt8] = []
    private var isCut = false

    /// Adds bytes, calling `emit` with every line they complete.
    mutating func feed(_ chunk: Data, emit: (String) -> Void) {
        chunk.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var lineStart = 0
            for index in 0..<bytes.count where bytes[index] == 0x0A || bytes[index] == 0x0D {
                keep(bytes[lineStart..<index])
                endLine(emit: emit)
                lineStart = index + 1
            }
            keep(bytes[lineStart..<bytes.count])
        }
    }

    /// Emits the last line if the output did not end with a line break.
    mutating func finish(emit: (String) -> Void) {
        if !pending.isEmpty || isCut { endLine(emit: emit) }
    }

    private mutating func keep(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) {
        let room = Self.maximumLineLength - pending.count
        if bytes.count > room { isCut = true }
        pending.append(contentsOf: bytes.prefix(max(0, room)))
    }

    private mutating func endLine(emit: (String) -> Void) {
        emit(String(decoding: pending, as: UTF8.self) + (isCut ? Self.cutMark : ""))
        pending.removeAll(keepingCapacity: true)
        isCut = false
    }
}
