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

    @Test func rangesCoverTheWholeInAlignedBlocks() throws {
        for (count, parts) in [(1000, 2), (17, 2), (5, 3), (0, 2), (100, 1)] {
            let ranges = Mutex<[Range<Int>]>([])
            try Parallelism.forEachRange(of: count, parts: parts, alignment: 16) { range in
                ranges.withLock { $0.append(range) }
            }
            let sorted = ranges.withLock { $0 }.sorted { $0.lowerBound < $1.lowerBound }
            #expect(sorted.flatMap { Array($0) } == Array(0..<count))
            #expect(sorted.dropLast().allSatisfy { $0.upperBound % 16 == 0 })
        }
    }

    @Test func aPartsErrorReachesTheCaller() {
        struct Failure: Error {}
        #expect(throws: Failure.self) {
            try Parallelism.forEachRange(of: 100, parts: 2) { range in
                if range.contains(99) { throw Failure() }
            }
        }
    }

    /// Work is split only along outputs, so results do not depend on the
    /// thread count, bit for bit.
    @Test func resultsAreIdenticalOnOneThreadAndTwo() throws {
        var generator = RandomGenerator(seed: 7)
        let x = try Tensor<Float>.uniform([1000, 300], generator: &generator)
        let w = try Tensor<Float>.uniform([300, 200], generator: &generator)
        let b = try Tensor<Float>.uniform([200], generator: &generator)
        w.requiresGradient = true
        b.requiresGradient = true
        x.requiresGradient = true
        func results(threads: Int) throws -> [[Float]] {
            let saved = Parallelism.threads
            Parallelism.threads = threads
            defer { Parallelism.threads = saved }
            for tensor in [x, w, b] { tensor.zeroGradient() }
            let y = try x.affineReLU(w, b)
            let z = try y.matmul(w.transposed())
            try z.sum().backward()
            return [y.scalars, z.scalars] + [x, w, b].map { $0.gradient?.scalars ?? [] }
        }
        let one = try results(threads: 1)
        let two = try results(threads: 2)
        #expect(one == two)
    }
}
