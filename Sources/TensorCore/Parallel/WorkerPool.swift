import Foundation
import Glibc
import Synchronization

/// Threads that run the parts of one job beside the calling thread.
///
/// The engine's jobs are short (tens of microseconds to a few milliseconds)
/// and come back to back, so waking a sleeping thread for each (5–8 µs with
/// a semaphore) would cost as much as some of the work. A worker therefore
/// waits for a while after each job before it sleeps; a job posted meanwhile
/// starts within a microsecond.
///
/// Parts are not dealt out in advance: every thread, the caller included,
/// claims the next unclaimed part from a shared ticket until none is left.
/// On a busy machine a preempted worker then delays a job by at most the
/// part it holds, and the caller takes over the rest. Waiting threads yield
/// their core soon and then sleep, so that they never keep a thread that has
/// work from running.
///
/// A worker preempted while it holds a part still holds up its job until it
/// runs again, a scheduler's time slice later: on a machine where another
/// process keeps a core busy, that can make a job slower than the caller
/// alone. A job that ends much later than its caller's own pace predicts
/// therefore sends the next jobs to the caller alone for a while (`Backoff`).
///
/// One job runs at a time. A caller that finds the pool busy (a nested job,
/// or another thread's) runs its parts itself, one after the other.
final class WorkerPool: @unchecked Sendable {
    /// One worker per processor this process may use, beside the caller's.
    static let shared = WorkerPool(workers: AvailableProcessors.count - 1)

    /// The most parts a job can run at once: the workers and the caller.
    let width: Int

    private let workers: [Sleeper]
    /// The caller's way to sleep until the last part of its job finishes.
    private let caller = Sleeper()
    /// The current job's ticket (see `Ticket`); posting a job stores a new
    /// one, claiming a part bumps its next part.
    private let ticket = Atomic<Int>(0)
    /// Parts of the current job that have finished.
    private let finished = Atomic<Int>(0)
    private let busy = Atomic<Bool>(false)
    private var generation = 0
    /// The current job; written before its ticket is stored and read only
    /// by a thread that claimed one of its parts, which keeps it alive.
    private var job: ((Int) -> Void)?
    /// When jobs go back to the workers; read and written only by the
    /// thread that holds `busy`.
    private var backoff: Backoff

    /// How long an idle worker keeps checking for a job before it sleeps:
    /// longer than the serial stretches between the parallel parts of a
    /// training step.
    private static let idleNanoseconds: UInt64 = 2_000_000
    /// Checks a waiting thread makes before it starts yielding its core.
    private static let eagerChecks = 2_000

    init(workers count: Int, backoff: Backoff = Backoff()) {
        self.backoff = backoff
        workers = (0..<max(0, count)).map { _ in Sleeper() }
        width = workers.count + 1
        for (index, worker) in workers.enumerated() {
            // Workers hold their pool: a thread may start only after a short
            // job is over, and pools live as long as the process anyway.
            let thread = Thread { self.serve(worker) }
            thread.name = "dln-worker-\(index + 1)"
            thread.start()
        }
    }

    /// Whether a job is running (nested work should then stay serial).
    var isBusy: Bool { busy.load(ordering: .relaxed) }

    /// Runs `body(part)` for every part in `0..<parts` and returns when all
    /// have finished. The caller and the workers each claim parts until none
    /// is left; all of them run on the caller when the pool is busy or
    /// backing off.
    func run(parts requested: Int, _ body: (Int) -> Void) {
        guard requested > 1, requested <= Ticket.maxParts, width > 1,
              busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
        else {
            for part in 0..<max(0, requested) { body(part) }
            return
        }
        defer { busy.store(false, ordering: .releasing) }
        let start = DispatchTime.now().uptimeNanoseconds
        guard backoff.allowsWorkers(at: start) else {
            for part in 0..<requested { body(part) }
            return
        }
        withoutActuallyEscaping(body) { body in
            job = body
            finished.store(0, ordering: .relaxed)
            generation = (generation + 1) & Ticket.generationMask
            ticket.store(Ticket.posting(generation: generation, parts: requested), ordering: .sequentiallyConsistent)
            for worker in workers { worker.wake() }
            let own = runClaimedParts()
            let ownEnd = DispatchTime.now().uptimeNanoseconds
            waitUntil { self.finished.load(ordering: .sequentiallyConsistent) >= requested }
            job = nil
            let end = DispatchTime.now().uptimeNanoseconds
            backoff.note(parts: requested, callerParts: own, callerNanoseconds: ownEnd - start,
                         jobNanoseconds: end - start, endedAt: end)
        }
    }

    /// Whether jobs are going to the caller alone now (tests).
    var isBackingOff: Bool { !backoff.allowsWorkers(at: DispatchTime.now().uptimeNanoseconds) }

    /// Claims and runs parts of the current job until none is left; returns
    /// how many this thread ran.
    @discardableResult
    private func runClaimedParts() -> Int {
        var ran = 0
        while let (part, parts) = claim() {
            job?(part)
            ran += 1
            if finished.add(1, ordering: .sequentiallyConsistent).newValue == parts { caller.wake() }
        }
        return ran
    }

    /// The next unclaimed part of the current job and the job's part count.
    private func claim() -> (part: Int, parts: Int)? {
        var current = ticket.load(ordering: .acquiring)
        while true {
            let next = Ticket.nextPart(current), parts = Ticket.parts(current)
            guard next < parts else { return nil }
            let (exchanged, original) = ticket.compareExchange(
                expected: current, desired: current + 1, ordering: .acquiringAndReleasing)
            if exchanged { return (next, parts) }
            current = original
        }
    }

    /// The caller's wait for the parts other threads hold: checks eagerly
    /// for a moment, then yields its core, then sleeps until woken.
    private func waitUntil(_ done: () -> Bool) {
        var checks = 0
        while !done() {
            checks += 1
            if checks < Self.eagerChecks { continue }
            if checks < 2 * Self.eagerChecks { sched_yield(); continue }
            caller.sleep(unless: done)
        }
    }

    /// A worker's loop: wait for a ticket with parts left, run what it can
    /// claim, wait again.
    private func serve(_ worker: Sleeper) {
        while true {
            let hasWork = { Ticket.hasUnclaimedParts(self.ticket.load(ordering: .sequentiallyConsistent)) }
            var checks = 0
            var start = DispatchTime.now().uptimeNanoseconds
            while !hasWork() {
                checks += 1
                guard checks >= Self.eagerChecks else { continue }
                sched_yield()
                guard DispatchTime.now().uptimeNanoseconds - start > Self.idleNanoseconds else { continue }
                worker.sleep(unless: hasWork)
                checks = 0
                start = DispatchTime.now().uptimeNanoseconds
            }
            runClaimedParts()
        }
    }
}

/// A job's ticket packed into one integer, so that one compare-and-swap
/// claims a part of exactly the job it belongs to: the job's generation, its
/// part count and the next unclaimed part.
private enum Ticket {
    static let maxParts = 0xFFFF
    static let generationMask = 0x7FFF_FFFF

    static func posting(generation: Int, parts: Int) -> Int { generation << 32 | parts << 16 }
    static func parts(_ ticket: Int) -> Int { (ticket >> 16) & 0xFFFF }
    static func nextPart(_ ticket: Int) -> Int { ticket & 0xFFFF }
    static func hasUnclaimedParts(_ ticket: Int) -> Bool { nextPart(ticket) < parts(ticket) }
}

/// A thread's way to sleep until woken without missing the wake-up.
private final class Sleeper: @unchecked Sendable {
    private let isSleeping = Atomic<Bool>(false)
    private let semaphore = DispatchSemaphore(value: 0)

    /// Sleeps unless `done` turns true after announcing the sleep; a
    /// `wake()` that finds the announcement takes it and signals. May return
    /// early (a wake-up meant for an earlier wait): callers check again.
    func sleep(unless done: () -> Bool) {
        isSleeping.store(true, ordering: .sequentiallyConsistent)
        if done(), isSleeping.exchange(false, ordering: .sequentiallyConsistent) { return }
        semaphore.wait()
    }

    func wake() {
        if isSleeping.exchange(false, ordering: .sequentiallyConsistent) { semaphore.signal() }
    }
}
