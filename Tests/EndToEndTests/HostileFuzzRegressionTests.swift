import Foundation
import Testing

/// Replays `fuzz/regressions` (inputs that once crashed, hung or flooded) through the
/// `dln-fuzz` corpus replayer, built beside `dln` by `swift build`: every target, with
/// the fuzzer's limits. A trap kills the replayer, which the exit status shows.
@Suite("fuzz regressions")
struct HostileFuzzRegressionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let replayer = DLNProcess.executable.deletingLastPathComponent().appendingPathComponent("dln-fuzz")
    static let regressions = root.appendingPathComponent("fuzz/regressions")

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: replayer.path), "dln-fuzz is not built (swift build)"),
          arguments: ["parse", "eval", "load", "format"])
    func regressionsReplayCleanly(_ target: String) throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.regressions.path)
            .filter { !$0.hasSuffix(".md") && !$0.hasPrefix(".") }
        #expect(files.count >= 3)
        let process = Process()
        process.executableURL = Self.replayer
        process.arguments = [target, Self.regressions.path]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let clock = ContinuousClock()
        let start = clock.now
        try process.run()
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + 120)
        timer.setEventHandler { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        timer.resume()
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        timer.cancel()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0,
                "dln-fuzz \(target) ended with \(process.terminationStatus):\n\(errors.prefix(3000))")
        #expect(output.components(separatedBy: ": ok").count - 1 == files.count, "\(output)")
        // Each input is quick (the evaluator's limit is 1 s per input).
        #expect(clock.now - start < .seconds(60))
    }
}
