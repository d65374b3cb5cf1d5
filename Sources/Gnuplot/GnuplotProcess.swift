import Foundation

/// The one owner of a `gnuplot` process: started on first use, reused for every
/// figure of a run or REPL session, restarted if it died or timed out.
///
/// Scripts are `load`ed from files, so gnuplot names their lines in its
/// messages. gnuplot runs with `-` (interactive stdin), where an error abandons
/// the current `load` but keeps the process alive. After each figure the
/// process prints a unique marker on stderr; since errors go to stderr too,
/// everything before the marker belongs to that figure.
///
/// ```swift
/// let gnuplot = GnuplotProcess()
/// let warnings = try gnuplot.run(scriptAt: scriptURL, figure: "fit", output: imageURL)
/// ```
public final class GnuplotProcess: @unchecked Sendable {
    /// Where gnuplot is and how long a figure may take.
    public struct Configuration: Sendable {
        public var executablePath: String
        /// Seconds one figure may take before gnuplot is killed.
        public var timeout: Double

        public init(executablePath: String = Configuration.defaultExecutablePath, timeout: Double = 60) {
            self.executablePath = executablePath
            self.timeout = timeout
        }

        /// `$DLN_GNUPLOT` if set, else the first `gnuplot` on `$PATH`, else `/usr/bin/gnuplot`.
        public static var defaultExecutablePath: String {
            let environment = ProcessInfo.processInfo.environment
            if let path = environment["DLN_GNUPLOT"], !path.isEmpty { return path }
            for directory in (environment["PATH"] ?? "").split(separator: ":") {
                let candidate = "\(directory)/gnuplot"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
            return "/usr/bin/gnuplot"
        }
    }

    public let configuration: Configuration
    private let lock = NSLock()
    private var process: Process?
    private var input: FileHandle?
    private var channel: StderrChannel?
    private var starts = 0
    private var sequence = 0
    private let token = String(UInt64.random(in: 0...UInt64.max), radix: 36)

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    deinit { stop() }

    /// How many times a gnuplot process has been started by this object.
    public var startCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return starts
    }

    /// Runs the script at `script` with its output redirected to `output`
    /// (or to the script's own choice when `nil`), waits until gnuplot has finished
    /// it, and returns gnuplot's warnings. Throws `GnuplotError.scriptFailed` with
    /// gnuplot's error messages and the script lines they name.
    public func run(scriptAt script: URL, figure: String, output: URL?) throws -> [ScriptMessage] {
        lock.lock()
        defer { lock.unlock() }
        for path in [script.path] + (output.map { [$0.path] } ?? []) where !GnuplotSyntax.isQuotable(path) {
            throw GnuplotError.fileSystem(path: path, message: "paths with control characters cannot be given to gnuplot")
        }
        let (input, channel) = try ensureRunning(figure: figure)
        sequence += 1
        let marker = "DLN-DONE-\(token)-\(sequence)"
        var commands = ["reset session"]
        if let output { commands.append("\(ScriptRenderer.outputVariable) = \(GnuplotSyntax.quoted(output.path))") }
        commands += ["load \(GnuplotSyntax.quoted(script.path))", "unset multiplot", "unset output",
                     "set terminal unknown", "set print", "print '\(marker)'", ""]
        do {
            try input.write(contentsOf: Data(commands.joined(separator: "\n").utf8))
        } catch {
            stop()
            throw GnuplotError.processFailed(figure: figure, message: "could not send the script to gnuplot: \(error)")
        }
        switch channel.wait(for: marker, timeout: configuration.timeout) {
        case .finished(let text):
            let messages = GnuplotMessages.parse(text, scriptPath: script.path)
            let errors = messages.filter { !$0.isWarning }.map(\.message)
            guard errors.isEmpty else { throw GnuplotError.scriptFailed(figure: figure, messages: errors) }
            return messages.map(\.message)
        case .exited(let text):
            stop()
            let detail = text.trimmingCharacters(in: .whitespacesAndNewlines)
            throw GnuplotError.processFailed(figure: figure, message: "gnuplot exited unexpectedly" + (detail.isEmpty ? "" : ": \(detail)"))
        case .timedOut:
            stop()
            throw GnuplotError.timedOut(figure: figure, seconds: configuration.timeout)
        }
    }

    /// Stops the gnuplot process, if any; the next `run` starts a new one.
    public func terminate() {
        lock.lock()
        defer { lock.unlock() }
        stop()
    }

    private func ensureRunning(figure: String) throws -> (FileHandle, StderrChannel) {
        if let process, process.isRunning, let input, let channel { return (input, channel) }
        stop()
        let path = configuration.executablePath
        guard FileManager.default.isExecutableFile(atPath: path) else { throw GnuplotError.gnuplotNotFound(path: path) }
        // A write to a gnuplot that just died must fail with EPIPE, not kill us.
        signal(SIGPIPE, SIG_IGN)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-"]
        let stdinPipe = Pipe(), stdoutPipe = Pipe(), stderrPipe = Pipe()
        process.standardInput = stdinPipe
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        let channel = StderrChannel()
        process.terminationHandler = { _ in channel.markExited() }
        do {
            try process.run()
        } catch {
            throw GnuplotError.processFailed(figure: figure, message: "could not start \(path): \(error)")
        }
        Self.read(stderrPipe.fileHandleForReading) { channel.append($0) }
        // Drain stdout so gnuplot never blocks on a full pipe.
        Self.read(stdoutPipe.fileHandleForReading) { _ in }
        starts += 1
        self.process = process
        self.input = stdinPipe.fileHandleForWriting
        self.channel = channel
        return (stdinPipe.fileHandleForWriting, channel)
    }

    /// Passes what arrives on `handle` to `receive` until gnuplot closes it,
    /// with blocking reads on a thread of its own. Not `readabilityHandler`:
    /// tearing down its dispatch read source can crash libdispatch's event
    /// loop on Linux (swift-corelibs-libdispatch issue 949), which a test run
    /// here once did.
    private static func read(_ handle: FileHandle, _ receive: @escaping @Sendable (Data) -> Void) {
        Thread {
            // The closure holds `handle`, so its descriptor stays open until the loop ends.
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = buffer.withUnsafeMutableBytes { Foundation.read(handle.fileDescriptor, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { return }
                receive(Data(buffer[..<count]))
            }
        }.start()
    }

    private func stop() {
        try? input?.close()
        if let process, process.isRunning {
            process.terminate()
        }
        process = nil
        input = nil
        channel = nil
    }
}
