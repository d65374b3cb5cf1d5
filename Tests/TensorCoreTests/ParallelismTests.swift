import Foundation
import Synchronization
import Testing
@testable import TensorCore

@Suite("Parallel work")
struct ParallelismTests {
    @Test func everyPartRunsOnce() {
        let pool = WorkerPool(workers: 1)
        for requested in [1, 2, 3, 7] {
            let counts = Mutex([Int](repeating: 0, count: requested))
            pool.run(parts: requested) { part in counts.withLock { $0[part] += 1 } }
            #expect(counts.withLock { $0 } == [Int](repeating: 1, count: requested))
        }
    }

    @Test func nestedJobsRunOnTheirCaller() {
        let pool = WorkerPool(workers: 1)
        let total = Atomic<Int>(0)
        pool.run(parts: 2) { _ in
            pool.run(parts: 3) { _ in total.add(1, ordering: .relaxed) }
        }
        #expect(total.load(ordering: .relaxed) == 6)
    }

    @Test func aPoolSurvivesManyJobsAndPauses() {
        let pool = WorkerPool(workers: 1)
        let total = Atomic<Int>(0)
        for round in 0..<2000 {
            pool.run(parts: 2) { part in total.add(part + 1, ordering: .relaxed) }
            // A pause long enough for the worker to fall asleep now and then.
            if round % 500 == 0 { usleep(5000) }
        }
        #expect(total.load(ordering: .relaxed) == 6000)
    }

    /// Blocks are claimed one at a time, not dealt out ahead: while another
    /// thread is held up (preempted, on a busy machine) the caller runs the
    /// rest, where a fixed split would leave half of them to the held one.
    @Test func aHeldUpThreadDelaysOnlyTheBlockItHolds() throws {
        let caller = pthread_self()
        let onCaller = Atomic<Int>(0), total = Atomic<Int>(0)
        _ = try Parallelism.withThreads(2) {
            try Parallelism.forEachBlock(of: BlockPlan(count: 800, blocks: 8, alignment: 1)) { _ in
                if pthread_equal(pthread_self(), caller) != 0 {
                    onCaller.add(1, ordering: .relaxed)
                    usleep(20_000)  // long enough for the worker to claim a block
                } else {
                    usleep(400_000)
                }
                total.add(1, ordering: .relaxed)
            }
        }
        #expect(total.load(ordering: .relaxed) == 8)
        #expect(onCaller.load(ordering: .relaxed) >= 7, "the caller ran \(onCaller.load(ordering: .relaxed)) of 8 blocks")
    }

    @Test func blocksCoverTheWholeInAlignedRanges() {
        for (count, blocks) in [(1000, 2), (17, 2), (5, 4), (100, 1), (1000, 8)] {
            let plan = BlockPlan(count: count, blocks: blocks, alignment: 16)
            let ranges = (0..<blocks).map(plan.range(ofBlock:))
            #expect(ranges.flatMap { Array($0) } == Array(0..<count))
            #expect(ranges.dropLast().allSatisfy { $0.upperBound % 16 == 0 })
        }
    }

    /// The cut depends on the shape alone: never on the thread count.
    @Test func plansDependOnlyOnTheShape() {
        let plans = { Parallelism.withThreads($0) { BlockPlan.product(cutting: 1000, m: 1000, n: 200, k: 300) }.result }
        #expect(plans(1) == plans(2))
        #expect(plans(1) == plans(7))
        #expect(plans(1).blocks > 1)
    }

    /// Two halves once a product is worth them; more blocks only when each
    /// is long, so that one thread makes few calls.
    @Test func productsAreCutIntoFewLongBlocks() {
        #expect(BlockPlan.product(cutting: 128, m: 128, n: 128, k: 128).blocks == 2)
        #expect(BlockPlan.product(cutting: 512, m: 512, n: 512, k: 512).blocks == 2)
        #expect(BlockPlan.product(cutting: 1024, m: 1024, n: 1024, k: 1024).blocks == 4)
        #expect(BlockPlan.product(cutting: 4000, m: 4000, n: 298, k: 40).blocks == 8)
        #expect(BlockPlan.product(cutting: 100, m: 100, n: 100, k: 4000).blocks == 1)
    }

    @Test func smallWorkIsNotCut() {
        #expect(BlockPlan.product(cutting: 100, m: 100, n: 100, k: 100).blocks == 1)
        #expect(BlockPlan.product(cutting: 1000, m: 1000, n: 1, k: 100).blocks == 1)
        #expect(BlockPlan.pass(cutting: 100, width: 100).blocks == 1)
    }

    @Test func aBlocksErrorReachesTheCaller() {
        struct Failure: Error {}
        #expect(throws: Failure.self) {
            try Parallelism.withThreads(2) {
                try Parallelism.forEachBlock(of: BlockPlan(count: 100, blocks: 4, alignment: 1)) { range in
                    if range.contains(99) { throw Failure() }
                }
            }
        }
    }

    @Test func everyBlockRunsOnceOnAnyThreadCount() throws {
        let plan = BlockPlan(count: 1000, blocks: 8, alignment: 16)
        for threads in 1...3 {
            let ranges = Mutex<[Range<Int>]>([])
            let splits = try Parallelism.withThreads(threads) {
                try Parallelism.forEachBlock(of: plan) { range in ranges.withLock { $0.append(range) } }
            }.splits
            #expect(ranges.withLock { $0 }.sorted { $0.lowerBound < $1.lowerBound } == (0..<8).map(plan.range(ofBlock:)))
            #expect(splits == [plan])
        }
    }
}
