import Foundation
import Testing

/// Messages that say what is wrong in the user's terms, and exit statuses that keep their meaning.
@Suite("Plain messages") struct PlainMessagesTests {
    private static func notebook(_ text: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dln-messages-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("m.dln")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func aLineWithNoFinitePointIsNamedBeforeGnuplotRuns() throws {
        let url = try Self.notebook("x = [0/0, 0/0, 0/0]\nfigure \"n\" { line [1, 2, 3], x }\n")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let result = try DLNProcess.run(["run", "--quiet", url.path], directory: url.deletingLastPathComponent(), timeout: 60)
        #expect(result.status == 1)
        #expect(result.stderr.contains("panel 1: none of its 3 points has a finite x and y"), "\(result.stderr)")
        #expect(!result.stderr.contains("gnuplot reported"))
    }

    @Test func aLearningRateFloat32CannotHoldSaysSo() throws {
        let url = try Self.notebook("opt = adam(lr: 1e-300)\n")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let single = try DLNProcess.run(["run", "--quiet", url.path], timeout: 60)
        #expect(single.stderr.contains("adam: lr 1e-300 cannot be held in float32"), "\(single.stderr)")
        #expect(try DLNProcess.run(["run", "--quiet", "--precision", "64", url.path], timeout: 60).status == 0)
    }

    @Test func aReportThatCannotBeWrittenKeepsAFailedRunsStatus() throws {
        let url = try Self.notebook("expect 1 == 2\n")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let report = "/nonexistent-dln-folder/run.json"
        let failed = try DLNProcess.run(["run", "--quiet", "--report", report, url.path], timeout: 60)
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("cannot write the report"))
        let fine = try Self.notebook("x = 1\n")
        defer { try? FileManager.default.removeItem(at: fine.deletingLastPathComponent()) }
        #expect(try DLNProcess.run(["run", "--quiet", "--report", report, fine.path], timeout: 60).status == 2)
    }
}
