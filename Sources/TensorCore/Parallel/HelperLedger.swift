/// Whether a job's helpers (the pool's workers) have lately saved its caller time, and
/// when to stop asking them.
///
/// On a machine whose other processes hold the cores, a worker that claimed a block can
/// be preempted for a whole time slice (milliseconds) while the caller, done with its own
/// blocks, waits for it: two threads then take longer than one. After each job the pool
/// books what the helpers saved — the time their blocks would have taken the caller at
/// its own pace, less the time it waited for them. When the balance falls below
/// `-debtLimit`, jobs run on the caller alone for a pause that doubles each time this
/// happens again (up to `longestPause`) and shrinks back once helping pays. A job is cut
/// into the same blocks either way, so results do not change.
struct HelperLedger {
    /// Nanoseconds of net loss that end helping for a while: a few jobs' worth.
    static let debtLimit: Int64 = 500_000
    /// The most credit kept, so that old savings do not hide new losses for long.
    static let creditLimit: Int64 = 2_000_000
    static let shortestPause: UInt64 = 20_000_000
    static let longestPause: UInt64 = 1_000_000_000

    private(set) var balance: Int64 = 0
    private(set) var pause = shortestPause
    /// Until this time (uptime nanoseconds) jobs run on the caller alone.
    private(set) var soloUntil: UInt64 = 0

    func runsSolo(at now: UInt64) -> Bool { now < soloUntil }

    /// Books one job: the caller ran `callerParts` blocks in `callerNanoseconds`, the
    /// helpers `otherParts`, and the caller then waited `waitedNanoseconds` for them.
    mutating func book(callerNanoseconds: UInt64, callerParts: Int, otherParts: Int, waitedNanoseconds: UInt64, at now: UInt64) {
        guard callerParts > 0, otherParts > 0 else { return }
        let perPart = Int64(clamping: callerNanoseconds / UInt64(callerParts))
        let saved = perPart.multipliedReportingOverflow(by: Int64(otherParts)).partialValue - Int64(clamping: waitedNanoseconds)
        balance = min(balance.addingReportingOverflow(saved).partialValue, Self.creditLimit)
        if balance == Self.creditLimit { pause = Self.shortestPause }
        if balance < -Self.debtLimit {
            soloUntil = now + pause
            pause = min(pause * 2, Self.longestPause)
            balance = 0
        }
    }
}
