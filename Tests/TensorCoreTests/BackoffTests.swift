import Foundation
import Synchronization
import Testing
@testable import TensorCore

@Suite("Backing off from held-up workers")
struct BackoffTests {
    private let ms: UInt64 = 1_000_000

    @Test func aJobAtTheCallersPaceKeepsTheWorkers() {
        var backoff = Backoff(firstPeriod: 20 * ms)
        // 2 parts, the caller ran 1 in 1 ms, the job took 1.2 ms.
        backoff.note(parts: 2, callerParts: 1, callerNanoseconds: ms, jobNanoseconds: 12 * ms / 10, endedAt: 100 * ms)
        #expect(backoff.allowsWorkers(at: 100 * ms))
    }

    @Test func unevenPartsSideBySideKeepTheWorkers() {
        var backoff = Backoff(firstPeriod: 20 * ms)
        // The worker's part costs three times the caller's: 3 ms against 2 alone.
        backoff.note(parts: 2, callerParts: 1, callerNanoseconds: ms, jobNanoseconds: 3 * ms, endedAt: 100 * ms)
        #expect(backoff.allowsWorkers(at: 100 * ms))
    }

    @Test func aHeldUpJobSendsTheNextOnesToTheCaller() {
        var backoff = Backoff(firstPeriod: 20 * ms)
        // 8 blocks, the caller ran 7 in 0.7 ms and waited 4 ms for the last.
        backoff.note(parts: 8, callerParts: 7, callerNanoseconds: 7 * ms / 10, jobNanoseconds: 47 * ms / 10, endedAt: 100 * ms)
        #expect(!backoff.allowsWorkers(at: 100 * ms))
        #expect(!backoff.allowsWorkers(at: 119 * ms))
        #expect(backoff.allowsWorkers(at: 120 * ms))
    }

    @Test func thePeriodDoublesWhileJobsStayHeldUpAndStartsOverAfterAGoodOne() {
        var backoff = Backoff(firstPeriod: 20 * ms, longestPeriod: 60 * ms)
        var now: UInt64 = 0
        var periods: [UInt64] = []
        for _ in 0..<4 {
            backoff.note(parts: 2, callerParts: 1, callerNanoseconds: ms, jobNanoseconds: 10 * ms, endedAt: now)
            var resume = now
            while !backoff.allowsWorkers(at: resume) { resume += ms }
            periods.append(resume - now)
            now = resume
        }
        #expect(periods == [20 * ms, 40 * ms, 60 * ms, 60 * ms])
        backoff.note(parts: 2, callerParts: 1, callerNanoseconds: ms, jobNanoseconds: ms, endedAt: now)
        backoff.note(parts: 2, callerParts: 1, callerNanoseconds: ms, jobNanoseconds: 10 * ms, endedAt: now)
        #expect(backoff.allowsWorkers(at: now + 20 * ms) && !backoff.allowsWorkers(at: now + 19 * ms))
    }

    @Test func aCallerThatRanNoPartJudgesNothing() {
        var backoff = Backoff(firstPeriod: 20 * ms)
        backoff.note(parts: 2, callerParts: 0, callerNanoseconds: 0, jobNanoseconds: 50 * ms, endedAt: 100 * ms)
        #expect(backoff.allowsWorkers(at: 100 * ms))
    }

    /// A worker that sleeps in its part stands for one preempted by the
    /// scheduler: the next job then runs on the caller alone, with the same
    /// parts in order.
    @Test func aPoolWhoseWorkerWasHeldUpRunsTheNextJobOnItsCaller() {
        let pool = WorkerPool(workers: 1, backoff: Backoff(firstPeriod: 3_600 * 1_000 * ms))
        let caller = pthread_self()
        let workerStarted = Atomic<Bool>(false)
        pool.run(parts: 2) { _ in
            if pthread_equal(pthread_self(), caller) == 0 {
                workerStarted.store(true, ordering: .sequentiallyConsistent)
                usleep(500_000)
            } else {
                // The caller's part lasts until the worker holds the other.
                for _ in 0..<100_000 where !workerStarted.load(ordering: .sequentiallyConsistent) { usleep(100) }
            }
        }
        #expect(workerStarted.load(ordering: .sequentiallyConsistent) && pool.isBackingOff)
        let ran = Mutex<[(part: Int, onCaller: Bool)]>([])
        pool.run(parts: 4) { part in
            let onCaller = pthread_equal(pthread_self(), caller) != 0
            ran.withLock { $0.append((part, onCaller)) }
        }
        let parts = ran.withLock { $0 }
        #expect(parts.map(\.part) == [0, 1, 2, 3] && parts.allSatisfy(\.onCaller))
    }
}
