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
