import Foundation
import Testing

/// The command line's own writes (formatted text, converted notebooks, errors) when their
/// reader has gone or standard error is closed. The shell ignores SIGPIPE first, as dln
/// does itself once gnuplot has run, so a failed write shows as EPIPE: dln must end as
/// SIGPIPE would (141) or carry on, never trap (132, 133, 134).
@Suite("Standard output and error that are gone")
struct StandardStreamEndTests {
    private static let traps: Set<Int32> = [132, 133, 134, 139]

    /// Runs `script` under bash in a folder holding `files`, with `$DLN` set; returns its
    /// standard output and standard error.
    private func shell(_ script: String, files: [String: String]) throws -> (out: String, err: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dln-streams-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        process.environment = ProcessInfo.processInfo.environment.merging(["DLN": DLNProcess.executable.path]) { $1 }
        process.currentDirectoryURL = folder
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (output.trimmingCharacters(in: .whitespacesAndNewlines), errors)
    }

    /// A notebook of more text than a pipe holds, so that writes go on after the reader left.
    private static var longNotebook: String {
        "%% many lines\n" + (0..<20000).map { "x\($0) = \($0)\n" }.joined()
    }

    @Test func aReaderThatLeavesEndsTheWriterAsSIGPIPEWould() throws {
        let notebook = ["long.dln": Self.longNotebook]
        for command in ["\"$DLN\" fmt --stdout long.dln", "\"$DLN\" convert long.dln --to ipynb -o -"] {
            let result = try shell("trap '' PIPE; \(command) | head -c 1 >/dev/null; echo \"${PIPESTATUS[0]}\"", files: notebook)
            #expect(result.out == "141", "\(command): status \(result.out), stderr \(result.err)")
            #expect(!result.err.contains("Fatal error"), "\(command): \(result.err)")
        }
    }

    @Test func shortOutputToAReaderThatLeavesNeverTraps() throws {
        let files = ["small.dln": "%% one\nx = 1\n%% two\ny = x + 1\nprint(y)\n"]
        for command in ["\"$DLN\" help", "\"$DLN\" check --deps small.dln", "\"$DLN\" info"] {
            let result = try shell("trap '' PIPE; \(command) | head -c 1 >/dev/null; echo \"${PIPESTATUS[0]}\"", files: files)
            let status = try #require(Int32(result.out), "\(command): \(result.out)")
            #expect(status == 0 || status == 141, "\(command): status \(status), stderr \(result.err)")
        }
    }

    @Test func errorsWithStandardErrorClosedStillExitWithTheirStatus() throws {
        let files = ["bad.dln": "%% bad\ns = \"never closed\n", "bad.ipynb": "{ not json"]
        let cases: [(command: String, status: Int32)] = [
            ("\"$DLN\" run missing.dln", 2),
            ("\"$DLN\" run bad.dln", 1),
            ("\"$DLN\" convert bad.ipynb --to dln -o -", 2),
            ("\"$DLN\" fmt --check bad.dln", 1),
            ("\"$DLN\" figures missing-folder", 2),
        ]
        for (command, expected) in cases {
            let result = try shell("trap '' PIPE; \(command) 2>&- >/dev/null; echo $?", files: files)
            let status = try #require(Int32(result.out), "\(command): \(result.out)")
            #expect(!Self.traps.contains(status), "\(command) trapped: \(status)")
            #expect(status == expected, "\(command): status \(status)")
        }
    }
}
