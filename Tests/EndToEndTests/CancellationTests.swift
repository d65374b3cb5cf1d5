import Foundation
import Testing

/// Long builtins must stop on `--timeout`, SIGINT and SIGTERM. Each notebook below used
/// to run for minutes (or for ever, memory growing) inside one builtin, out of the
/// evaluator's reach; each is followed by an endless loop, so a fixed build always ends
/// by the signal or the timeout, whichever part it is in. The bounds are generous: a
/// process still running after them is killed, and the test sees status 9.
@Suite("cancellation of long builtins")
struct CancellationTests {
    struct LongCase: CustomTestStringConvertible, Sendable {
        let name: String
        let source: [UInt8]
        var environment: [String: String] = [:]
        var testDescription: String { name }
    }

    static let endless = "\nwhile true { }\n"

    static let cases: [LongCase] = [
        // Formatting nested one bracket level and one blank line per axis: quadratic in the rank.
        LongCase(name: "printing a rank-100,000 tensor",
                 source: Array(("x = reshape(zeros([1]), ones([100000]))\nprint(x)\nx" + endless).utf8)),
        // An empty tensor laid out one `[]` per position of its huge axis.
        LongCase(name: "displaying an empty tensor with a huge axis",
                 source: Array(("x = zeros([268435456, 0])\nx\nprint(x)" + endless).utf8)),
        // Points × classes: 10^10 steps. Drawing fails fast (no gnuplot); building is the test.
        LongCase(name: "a scatter of 100,000 classes",
                 source: Array(("n = 100000\nx = linspace(0, 1, n)\nc = linspace(0, n - 1, n)\n"
                     + "figure \"s\" { scatter x, x, classes: c }" + endless).utf8),
                 environment: ["DLN_GNUPLOT": "/nonexistent/gnuplot"]),
        // Its script took 4.5 GB and minutes to build, deaf to signals.
        LongCase(name: "a line of 2×10^7 points",
                 source: Array(("x = zeros([20000000])\nfigure \"l\" { line x, x }" + endless).utf8),
                 environment: ["DLN_GNUPLOT": "/nonexistent/gnuplot"]),
        // Lexing: 3.6 GB and a minute, before any cell runs.
        LongCase(name: "a 10 MB notebook of NUL bytes", source: [UInt8](repeating: 0, count: 10_000_000)),
    ]

    /// The largest address space the runs may use: the NUL notebook needed 3.6 GB to lex,
    /// the 2×10^7-point line 4.5 GB to script. (RLIMIT_DATA: the 512 MiB evaluation stack counts.)
    static let memoryLimit = "3000000000"

    @Test(arguments: cases)
    func timeoutEndsIt(_ longCase: LongCase) throws {
        let result = try run(longCase, arguments: ["--timeout", "1"])
        Hostile.expectNoCrash(result, longCase.name)
        #expect(result.status == 1, "\(longCase.name): status \(result.status)\n\(result.stderr.suffix(1000))")
        #expect(result.stderr.contains("the run timed out after 1.0 seconds (--timeout)"), "\(result.stderr.suffix(1000))")
    }

    @Test(arguments: cases)
    func sigtermEndsIt(_ longCase: LongCase) throws {
        let status = try interrupt(longCase, with: SIGTERM)
        #expect(status == 143, "\(longCase.name): status \(status)")
    }

    @Test(arguments: [cases[0], cases[4]])
    func sigintEndsIt(_ longCase: LongCase) throws {
        let status = try interrupt(longCase, with: SIGINT)
        #expect(status == 130, "\(longCase.name): status \(status)")
    }

    /// Runs the case's notebook with `arguments` through `prlimit --data=…` (a runaway
    /// allocation fails instead of swapping the machine), killed after 60 s.
    func run(_ longCase: LongCase, arguments: [String]) throws -> DLNProcess.Result {
        let folder = try Hostile.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(longCase.source).write(to: folder.appendingPathComponent("long.dln"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/prlimit")
        process.arguments = ["--data=\(Self.memoryLimit)", DLNProcess.executable.path, "run", "long.dln"] + arguments
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging(["SWIFT_BACKTRACE": "enable=no"]) { $1 }
            .merging(longCase.environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        final class Captured: @unchecked Sendable { var data = Data() }
        let errors = Captured()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { errors.data = err.fileHandleForReading.readDataToEndOfFile() }
        try process.run()
        let killer = DispatchWorkItem { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: killer)
        let output = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        killer.cancel()
        group.wait()
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return DLNProcess.Result(status: status, stdout: String(decoding: output, as: UTF8.self),
                                 stderr: String(decoding: errors.data, as: UTF8.self))
    }

    /// Starts the case (under the memory limit), sends `signal` after a second (inside the long builtin on a build
    /// without the fix) and returns the exit status; a run still alive 30 s later is killed.
    func interrupt(_ longCase: LongCase, with signal: Int32) throws -> Int32 {
        let folder = try Hostile.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(longCase.source).write(to: folder.appendingPathComponent("long.dln"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/prlimit")
        process.arguments = ["--data=\(Self.memoryLimit)", DLNProcess.executable.path, "run", "long.dln"]
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging(longCase.environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 1)
        kill(process.processIdentifier, signal)
        return Self.waitOrKill(process, seconds: 30)
    }

    static func waitOrKill(_ process: Process, seconds: Double) -> Int32 {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    }
}

/// `dln figures` reading what its children print.
@Suite("dln figures and long output")
struct FiguresLongOutputTests {
    /// 8 KiB of text, printed again and again without a line break.
    static let chunk = String(repeating: "x", count: 8192)

    static func folder(notebook: String) throws -> URL {
        let root = try Hostile.folder()
        let notebooks = root.appendingPathComponent("notebooks")
        try FileManager.default.createDirectory(at: notebooks, withIntermediateDirectories: true)
        try Data(notebook.utf8).write(to: notebooks.appendingPathComponent("long.dln"))
        return root
    }

    /// 32 MiB on one line: the batch rescanned its whole buffer for every chunk read
    /// (8 MB took 53 s, 32 MB over 10 minutes). Now each byte is looked at once and a
    /// line is kept up to 1 MiB; the watchdog kills a run past 120 s.
    @Test func aLongLineWithoutABreakIsReadInLinearTime() throws {
        let root = try Self.folder(notebook: "%% print\ns = \"\(Self.chunk)\"\nfor i in 0..<4096 { print(s, end: \"\") }\n")
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try DLNProcess.run(["figures"], directory: root, timeout: 120)
        #expect(result.status == 0, "status \(result.status): \(result.stderr.suffix(500))")
        #expect(result.stderr.contains("long: finished in"), "\(result.stderr.suffix(500))")
    }

    /// SIGTERM while a child prints without end: passed on, and the batch ends with 143.
    @Test func sigtermEndsTheBatchWhileAChildPrints() throws {
        let root = try Self.folder(notebook: "%% print\ns = \"\(Self.chunk)\"\nwhile true { print(s, end: \"\") }\n")
        defer { try? FileManager.default.removeItem(at: root) }
        let process = try DLNProcess.start(["figures"], directory: root)
        Thread.sleep(forTimeInterval: 3)
        kill(process.processIdentifier, SIGTERM)
        #expect(CancellationTests.waitOrKill(process, seconds: 30) == 143)
    }
}
