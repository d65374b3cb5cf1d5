/// When a `WorkerPool` stops dealing parts to its workers, and for how long.
///
/// The caller's own parts give the pace of one thread: a job of p parts of
/// which the caller ran c in t nanoseconds would take about t·p/c alone.
/// A job that took more than twice that (and 0.1 ms more, so that waking a
/// worker never counts) was held up by a worker that could not run; parts
/// of unequal cost (the two gradients of a product, side by side) stay well
/// inside that. The jobs of the next `period` then run on the caller alone. The
/// period doubles each time that happens again (a machine that stays busy
/// is asked less and less often, so the cost of asking stays a small share)
/// and starts over once a job runs at least as fast as one thread would.
///
/// Only the time the parts run changes: the parts are the same either way,
/// so results never depend on it.
struct Backoff {
    /// The first period, and the longest, in nanoseconds.
    let firstPeriod: UInt64
    let longestPeriod: UInt64
    private var period: UInt64
    private var workersResumeAt: UInt64 = 0

    init(firstPeriod: UInt64 = 20_000_000, longestPeriod: UInt64 = 640_000_000) {
        self.firstPeriod = firstPeriod
        self.longestPeriod = max(firstPeriod, longestPeriod)
        period = firstPeriod
    }

    /// Slack for a worker's wake-up and the caller's clock reads.
    private static let slackNanoseconds: UInt64 = 100_000

    func allowsWorkers(at now: UInt64) -> Bool { now >= workersResumeAt }

    mutating func note(parts: Int, callerParts: Int, callerNanoseconds: UInt64, jobNanoseconds: UInt64, endedAt end: UInt64) {
        // A caller that ran no part has no pace to compare with.
        guard callerParts > 0, parts > 0 else { return }
        let alone = callerNanoseconds / UInt64(callerParts) * UInt64(parts)
        if jobNanoseconds > 2 * alone + Self.slackNanoseconds {
            workersResumeAt = end + period
            period = min(period * 2, longestPeriod)
        } else if jobNanoseconds <= alone {
            period = firstPeriod
        }
    }
}
