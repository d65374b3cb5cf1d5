#if canImport(Glibc)
import Glibc
#endif

/// How much memory this process can have: the machine's (or its control
/// group's) memory, and the address space `ulimit -v` leaves.
public enum MachineMemory {
    /// Bytes of physical memory, or of the control group's limit when lower.
    public static var physical: Int {
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), pageSize = sysconf(Int32(_SC_PAGESIZE))
        let machine = pages > 0 && pageSize > 0 ? pages.multipliedReportingOverflow(by: pageSize).partialValue : Int.max
        return min(machine, controlGroupLimit ?? Int.max)
    }

    /// The address space left under `RLIMIT_AS` (`ulimit -v`), or nil when unlimited.
    public static var addressSpaceLeft: Int? {
        var limit = rlimit()
        // RLIM_INFINITY is all ones: past Int.max means unlimited.
        guard getrlimit(Int32(RLIMIT_AS.rawValue), &limit) == 0, limit.rlim_cur < UInt(Int.max) else { return nil }
        return max(Int(limit.rlim_cur) - (mappedBytes ?? 0), 0)
    }

    /// What the process will map besides its data once it runs: the
    /// evaluator's 512 MiB stack, the parser's, OpenBLAS's buffers and the
    /// allocator's per-thread arenas (measured: `dln run` maps about 1 GB
    /// before its first tensor).
    public static let runtimeReserve = 1 << 30

    /// The budget when none is given: three quarters of what is left after
    /// the runtime, of physical memory or of the address space, whichever is less.
    public static var defaultBudget: Int {
        let physicalLeft = max(physical - runtimeReserve, 0)
        let addressLeft = addressSpaceLeft.map { max($0 - runtimeReserve, 0) } ?? Int.max
        return min(physicalLeft, addressLeft) / 4 * 3
    }

    /// cgroup v2's `memory.max` of this process's group, when it is a number.
    static var controlGroupLimit: Int? {
        guard let text = readSmallFile("/sys/fs/cgroup/memory.max") else { return nil }
        return Int(text.split(separator: "\n").first ?? "")
    }

    /// The process's mapped address space now (`/proc/self/statm`'s first field, in pages).
    static var mappedBytes: Int? {
        guard let text = readSmallFile("/proc/self/statm"),
              let pages = Int(text.split(separator: " ").first ?? "") else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// The first few hundred bytes of a small system file.
    private static func readSmallFile(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: 256)
        let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        return String(decoding: bytes[..<count], as: UTF8.self)
    }
}
