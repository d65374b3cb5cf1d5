import Foundation
@testable import CellCache
import Testing

@Suite struct RunReasonTests {
    private func key(_ parts: [(String, String)]) -> CellKey { CellKey(parts: parts.map { KeyPart(label: $0.0, hash: $0.1) }) }

    @Test func namesTheFirstPartThatChanged() {
        let before = RunRecord.Cell(label: "fit", key: "old", parts: [KeyPart(label: "code", hash: "a"),
                                                                      KeyPart(label: "cell 'data'", hash: "b")], unstored: nil)
        #expect(RunReason.missing(current: key([("code", "a"), ("cell 'data'", "c")]), previous: before) == "ran: cell 'data' changed")
        #expect(RunReason.missing(current: key([("code", "x"), ("cell 'data'", "b")]), previous: before) == "ran: its code changed")
        #expect(RunReason.missing(current: key([("code", "a"), ("cell 'data'", "b"), ("file data/x.csv", "1")]), previous: before)
                == "ran: it now depends on data/x.csv")
        #expect(RunReason.missing(current: key([("code", "a")]), previous: before) == "ran: it no longer depends on cell 'data'")
    }

    @Test func aFirstRunAndAnEvictedEntryAreToldApart() {
        let current = key([("code", "a")])
        #expect(RunReason.missing(current: current, previous: nil) == "ran: not in the cache")
        let same = RunRecord.Cell(label: "c", key: current.hash, parts: current.parts, unstored: nil)
        #expect(RunReason.missing(current: current, previous: same) == "ran: not in the cache (cleaned or evicted)")
        let unstored = RunRecord.Cell(label: "c", key: current.hash, parts: current.parts, unstored: "writes /tmp/x outside --out")
        #expect(RunReason.missing(current: current, previous: unstored) == "ran: not cacheable (writes /tmp/x outside --out)")
    }
}

@Suite struct FileFingerprintTests {
    @Test func aLargeFileRewrittenWithTheSameSizeLooksChanged() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dln-fingerprint-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: url) }
        let size = CellInputs.maximumHashedSize + 1
        try Data(repeating: 1, count: size).write(to: url)
        let before = try #require(CellInputs.fingerprint(of: url))
        #expect(before.hasPrefix("stamp "))
        #expect(CellInputs.fingerprint(of: url) == before)
        let handle = try FileHandle(forWritingTo: url)
        try handle.seek(toOffset: 7)
        try handle.write(contentsOf: Data([2]))
        try handle.close()
        #expect(CellInputs.fingerprint(of: url) != before)
    }

    @Test func aSmallFileIsKnownByItsContents() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dln-fingerprint-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data("x,y\n1,2\n".utf8).write(to: url)
        let before = CellInputs.fingerprint(of: url)
        try Data("x,y\n1,2\n".utf8).write(to: url)  // rewritten, same contents
        #expect(CellInputs.fingerprint(of: url) == before)
        #expect(before?.count == 64)
    }
}
