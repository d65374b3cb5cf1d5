import Testing
@testable import TensorCore

/// The pool's account of whether its workers save the caller time (no clocks: times are given).
@Suite struct HelperLedgerTests {
    @Test func helpersThatSaveTimeKeepHelping() {
        var ledger = HelperLedger()
        for job in 0..<1000 {
            // 4 blocks each, 50 µs a block; the caller waits 10 µs for the last one.
            ledger.book(callerNanoseconds: 200_000, callerParts: 4, otherParts: 4, waitedNanoseconds: 10_000, at: UInt64(job) * 300_000)
            #expect(!ledger.runsSolo(at: UInt64(job) * 300_000 + 1))
        }
        #expect(ledger.balance == HelperLedger.creditLimit)
    }

    @Test func aPreemptedHelperSendsJobsToTheCallerForAPauseThatGrows() {
        var ledger = HelperLedger()
        // 7 blocks on the caller at 20 µs, one held 3 ms by a preempted worker.
        ledger.book(callerNanoseconds: 140_000, callerParts: 7, otherParts: 1, waitedNanoseconds: 3_000_000, at: 1_000_000)
        #expect(ledger.runsSolo(at: 1_000_001))
        #expect(ledger.runsSolo(at: 1_000_000 + HelperLedger.shortestPause - 1))
        #expect(!ledger.runsSolo(at: 1_000_000 + HelperLedger.shortestPause))
        let later: UInt64 = 100_000_000
        ledger.book(callerNanoseconds: 140_000, callerParts: 7, otherParts: 1, waitedNanoseconds: 3_000_000, at: later)
        #expect(ledger.runsSolo(at: later + HelperLedger.shortestPause))
        #expect(!ledger.runsSolo(at: later + 2 * HelperLedger.shortestPause))
    }

    @Test func helpingThatPaysAgainBringsThePauseBackDown() {
        var ledger = HelperLedger()
        for round in 0..<20 {
            ledger.book(callerNanoseconds: 100, callerParts: 1, otherParts: 1, waitedNanoseconds: 5_000_000, at: UInt64(round) * 2_000_000_000)
        }
        #expect(ledger.pause == HelperLedger.longestPause)
        for job in 0..<100 {
            ledger.book(callerNanoseconds: 100_000, callerParts: 1, otherParts: 1, waitedNanoseconds: 0, at: 50_000_000_000 + UInt64(job))
        }
        #expect(ledger.pause == HelperLedger.shortestPause)
    }

    @Test func jobsWithoutBlocksOnBothSidesAreNotBooked() {
        var ledger = HelperLedger()
        ledger.book(callerNanoseconds: 0, callerParts: 0, otherParts: 8, waitedNanoseconds: 9_000_000, at: 1)
        ledger.book(callerNanoseconds: 9_000_000, callerParts: 8, otherParts: 0, waitedNanoseconds: 9_000_000, at: 1)
        #expect(ledger.balance == 0 && !ledger.runsSolo(at: 2))
    }
}
