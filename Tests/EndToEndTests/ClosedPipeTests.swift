import Foundation
import Testing

/// `dln run nb.dln | head -1`: the reader goes away early. dln ignores
/// SIGPIPE once gnuplot runs, so its writes then fail with EPIPE; it must end
/// quietly, as a command in a pipeline does, never with a trap.
@Suite("A closed output pipe")
struct ClosedPipeTests {
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/gnuplot"), "gnuplot is not installed"))
    func endsQuietlyWhenTheReaderLeaves() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dln-pipe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
            %% a figure first, so that gnuplot has run
            figure "line" (title: "line") {
              line [0, 1], [0, 1]
            }
            %% then far more output than a pipe holds
            for i in 0..<200000 { print("line", i) }
            """.write(to: folder.appendingPathComponent("pipe.dln"), atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "\"$0\" run pipe.dln --out plots | head -1 >/dev/null; echo \"${PIPESTATUS[0]}\"",
                             DLNProcess.executable.path]
        process.currentDirectoryURL = folder
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let status = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // 141: ended by SIGPIPE, as `yes | head -1` is.
        #expect(status.trimmingCharacters(in: .whitespacesAndNewlines) == "141", "dln's status: \(status)")
        #expect(!errors.contains("Fatal") && !errors.contains("Crash") && !errors.contains("Illegal"), "stderr: \(errors)")
    }
}
