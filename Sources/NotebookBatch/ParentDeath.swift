import Foundation

/// Child `dln run`s of `dln figures` end when the batch ends, even when the
/// batch is killed with SIGKILL and cannot pass anything on: the batch names
/// itself in the child's environment, and the child asks the kernel
/// (`PR_SET_PDEATHSIG`) for SIGTERM when that parent dies. SIGTERM lets the
/// child stop like after Ctrl-C: files whole, gnuplot's input closed (so
/// gnuplot ends too).
public enum ParentDeath {
    /// The variable holding the batch's process id.
    public static let environmentKey = "DLN_PARENT_PID"

    /// `environment` for a child that should die with this process.
    public static func tying(_ environment: [String: String]) -> [String: String] {
        environment.merging([environmentKey: String(getpid())]) { $1 }
    }

    /// In a child of `dln figures`: asks for SIGTERM when the parent dies and,
    /// if it died already, sends it now. Does nothing in a `dln run` started
    /// any other way.
    public static func followParentIfAsked(environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard let text = environment[environmentKey], let parent = Int32(text), parent > 1 else { return }
        setParentDeathSignal(SIGTERM)
        // The parent may have died before the request was made: then the child was
        // already handed to another process.
        if getppid() != parent { kill(getpid(), SIGTERM) }
    }

    private typealias Prctl = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32

    /// `prctl(PR_SET_PDEATHSIG, signal)`, found at run time: Swift cannot
    /// call the variadic C declaration, and a C shim module would be a new target.
    private static func setParentDeathSignal(_ signal: Int32) {
        #if os(Linux)
        guard let symbol = dlsym(nil, "prctl") else { return }
        let prctl = unsafeBitCast(symbol, to: Prctl.self)
        let setParentDeathSignal: Int32 = 1   // PR_SET_PDEATHSIG
        _ = prctl(setParentDeathSignal, UInt(signal), 0, 0, 0)
        #endif
    }
}
