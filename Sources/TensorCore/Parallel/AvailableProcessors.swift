import Foundation

/// The processors this process may actually run on: the fewest of those
/// online, those its affinity mask allows (`taskset`, Slurm's CPU binding)
/// and its cgroup's CPU quota (containers), which Foundation's count does
/// not all see.
public enum AvailableProcessors {
    /// Read once, when first needed.
    public static let count = max(1, [online, affinity, cgroupQuota].compactMap { $0 }.min() ?? 1)

    /// What limits `count`, for `dln info`.
    public static var explanation: String {
        var parts = ["\(online) online"]
        if let affinity { parts.append("\(affinity) in the affinity mask") }
        if let cgroupQuota { parts.append("a cgroup quota of \(cgroupQuota)") }
        return parts.joined(separator: ", ")
    }

    private static let online = ProcessInfo.processInfo.activeProcessorCount

    /// The processors in the affinity mask, from `Cpus_allowed_list` in
    /// /proc/self/status ("0-3,8"): `sched_getaffinity` needs _GNU_SOURCE,
    /// which Swift's Glibc module does not define.
    private static let affinity: Int? = {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed_list:") })
        else { return nil }
        var count = 0
        for range in line.dropFirst("Cpus_allowed_list:".count).split(separator: ",") {
            let bounds = range.split(separator: "-").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard let first = bounds.first, let last = bounds.last, last >= first else { return nil }
            count += last - first + 1
        }
        return count > 0 ? count : nil
    }()

    /// cgroup v2's `cpu.max` ("quota period", or "max period") of the
    /// process's own cgroup, rounded up to whole processors.
    private static let cgroupQuota: Int? = {
        guard let membership = try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8),
              let line = membership.split(separator: "\n").first(where: { $0.hasPrefix("0::") })
        else { return nil }
        let path = "/sys/fs/cgroup" + line.dropFirst(3) + "/cpu.max"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let fields = text.split(whereSeparator: \.isWhitespace)
        guard fields.count == 2, let quota = Double(fields[0]), let period = Double(fields[1]), period > 0 else { return nil }
        return max(1, Int((quota / period).rounded(.up)))
    }()
}
