import Foundation
import Testing

/// Runs the built `dln` executable and captures what it prints.
struct DLNProcess {
    /// The `dln` next to the test bundle (both are build products), or `$DLN_BINARY`.
    static var executable: URL {
        if let path = ProcessInfo.processInfo.environment["DLN_BINARY"] { return URL(fileURLWithPath: path) }
        let products = Bundle.main.bundleURL.deletingLastPathComponent()
        let beside = products.appendingPathComponent("dln")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/dln")
    }

    private final class Captured: @unchecked Sendable { var data = Data() }

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The virtual-memory limit (`ulimit -v`, KiB) of hostile runs: 4 GB, so that a
    /// missed bound ends in a failed test rather than in the machine's OOM killer.
    static let hostileMemoryLimit = 4_000_000

    /// Starts the built `dln` with its output discarded, for tests that signal it.
    static func start(_ arguments: [String], directory: URL) throws -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func run(_ arguments: [String], input: String? = nil, environment: [String: String] = [:],
                    unsetting unset: [String] = [], directory: URL? = nil, timeout: Double? = nil,
                    memoryLimit: Int? = nil) throws -> Result {
        let process = Process()
        if let memoryLimit {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "ulimit -v \(memoryLimit) && exec \"$0\" \"$@\"", executable.path] + arguments
        } else {
            process.executableURL = executable
            process.arguments = arguments
        }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            .filter { !unset.contains($0.key) }
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try inPipe.fileHandleForWriting.close()
        // Read both pipes concurrently so that neither can fill up and block dln.
        let errors = Captured()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { errors.data = err.fileHandleForReading.readDataToEndOfFile() }
        // A hung dln is killed after `timeout` seconds (the test then sees status 9).
        let watchdog = timeout.map { seconds in
            let timer = DispatchSource.makeTimerSource(queue: .global())
            timer.schedule(deadline: .now() + seconds)
            timer.setEventHandler { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
            timer.resume()
            return timer
        }
        defer { watchdog?.cancel() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        group.wait()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errors.data, as: UTF8.self))
    }
}

@Suite("dln command line")
struct CommandLineTests {
    @Test func infoReportsAFastOpenBLASKernel() throws {
        let result = try DLNProcess.run(["info"], unsetting: ["OPENBLAS_CORETYPE"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("OpenBLAS core type:"))
        #expect(!result.stdout.contains("Prescott"))
    }

    @Test func versionIsPrinted() throws {
        let result = try DLNProcess.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).first?.isNumber == true)
    }

    @Test func helpDescribesBuiltinsAndKeywords() throws {
        let relu = try DLNProcess.run(["help", "relu"])
        #expect(relu.status == 0 && relu.stdout == "relu(x)\n  max(x, 0)\n")
        let all = try DLNProcess.run(["help", "--builtins"])
        #expect(all.status == 0 && all.stdout.contains("  Losses: bce, cross_entropy,") && all.stdout.contains("Keywords: fn, if"))
        let overview = try DLNProcess.run(["help"])
        #expect(overview.status == 0 && overview.stdout.contains("USAGE: dln <subcommand>") && overview.stdout.contains("dln help --builtins"))
        let run = try DLNProcess.run(["help", "run"])
        #expect(run.status == 0 && run.stdout.contains("USAGE: dln run"))
        let unknown = try DLNProcess.run(["help", "rleu"])
        #expect(unknown.status == 1 && unknown.stdout == "no help on 'rleu'; did you mean 'relu'?\n")
    }
}
