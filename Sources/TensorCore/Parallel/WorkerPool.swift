import Foundation
import Synchronization

/// Threads that run the parts of one job beside the calling thread.
///
/// The engine's jobs are short (tens of microseconds to a few milliseconds)
/// and come back to back, so waking a sleeping thread for each (5–8 µs with
/// a semaphore or `DispatchQueue.concurrentPerform`) would cost as much as
/// some of the work. A worker therefore spins for a while after each job and
/// only then sleeps; a job posted meanwhile starts within a fraction of a
/// microsecond.
///
/// One job runs at a time. A caller that finds the pool busy (a nested job,
/// or another thread's) runs its parts itself, one after the other.
final class WorkerPool: @unchecked Sendable {
    /// One worker per processor beside the caller's.
    static let shared = WorkerPool(workers: ProcessInfo.processInfo.activeProcessorCount - 1)

    /// The most parts a job can run at once: the workers and the caller.
    let width: Int

    private let workers: [Worker]
    /// Bumped to post a job; workers compare it with the last one they ran.
    private let generation = Atomic<Int>(0)
    /// Workers that have not yet finished the current job.
    private let remaining = Atomic<Int>(0)
    private let busy = Atomic<Bool>(false)
    /// The current job and its part count; written before `generation` is
    /// bumped and read by workers after they see the bump.
    private var job: ((Int) -> Void)?
    private var parts = 0

    /// How long a worker spins before it sleeps: longer than the serial
    /// stretches between the parallel parts of a training step.
    private static let spinNanoseconds: UInt64 = 2_000_000

    init(workers count: Int) {
        workers = (0..<max(0, count)).map { _ in Worker() }
        width = workers.count + 1
        for (index, worker) in workers.enumerated() {
            let thread = Thread { [unowned self] in self.serve(worker, part: index + 1) }
            thread.name = "dln-worker-\(index + 1)"
            thread.start()
        }
    }

    /// Whether a job is running (nested work should then stay serial).
    var isBusy: Bool { busy.load(ordering: .relaxed) }

    /// Runs `body(part)` for every part in `0..<parts`, part 0 on the calling
    /// thread, and returns when all have finished. Parts beyond the pool's
    /// width, or all of them when the pool is busy, run on the caller.
    func run(parts requested: Int, _ body: (Int) -> Void) {
        guard requested > 1, width > 1,
              busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
        else {
            for part in 0..<max(0, requested) { body(part) }
            return
        }
        defer { busy.store(false, ordering: .releasing) }
        withoutActuallyEscaping(body) { body in
            let parallel = min(requested, width)
            job = body
            parts = parallel
            remaining.store(workers.count, ordering: .relaxed)
            generation.add(1, ordering: .sequentiallyConsistent)
            for worker in workers { worker.wake() }
            body(0)
            // Parts the workers cannot take run here too.
            for part in parallel..<requested { body(part) }
            // The parts are even, so the wait is short.
            while remaining.load(ordering: .acquiring) > 0 {}
            job = nil
        }
    }

    /// A worker's loop: wait for a job, run its part if the job has one,
    /// report back. Every worker reports on every job, so none can lag a
    /// job behind.
    private func serve(_ worker: Worker, part: Int) {
        var seen = 0
        while true {
            var spins = 0
            var start = DispatchTime.now().uptimeNanoseconds
            while generation.load(ordering: .acquiring) == seen {
                spins += 1
                guard spins % 1024 == 0, DispatchTime.now().uptimeNanoseconds - start > Self.spinNanoseconds else { continue }
                worker.sleep { generation.load(ordering: .sequentiallyConsistent) != seen }
                start = DispatchTime.now().uptimeNanoseconds
            }
            seen = generation.load(ordering: .acquiring)
            if part < parts, let job { job(part) }
            remaining.subtract(1, ordering: .releasing)
        }
    }
}

/// A worker's way to sleep until the next job without missing it.
private final class Worker: @unchecked Sendable {
    private let isSleeping = Atomic<Bool>(false)
    private let semaphore = DispatchSemaphore(value: 0)

    /// Sleeps unless `hasWork` turns true after announcing the sleep; a
    /// `wake()` that finds the announcement takes it and signals.
    func sleep(unless hasWork: () -> Bool) {
        isSleeping.store(true, ordering: .sequentiallyConsistent)
        if hasWork(), isSleeping.exchange(false, ordering: .sequentiallyConsistent) { return }
        semaphore.wait()
    }

    func wake() {
        if isSleeping.exchange(false, ordering: .sequentiallyConsistent) { semaphore.signal() }
    }
}
