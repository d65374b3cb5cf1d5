import ArgumentParser
import ResourceLimits

/// `--memory-limit`: the run's memory budget (`dln run`, `repl`, `figures`).
struct MemoryLimitOption: ParsableArguments {
    @Option(name: .customLong("memory-limit"), help: ArgumentHelp(
        "The most memory the run's data may take: bytes, or with K, M, G (powers of 1024), kB, MB, GB, "
            + "or a percentage of this machine's memory (default: shown by dln info).",
        valueName: "size"))
    var text: String?

    /// The budget asked for, in bytes.
    var bytes: Int? { text.flatMap { ByteCount.parse($0, total: MachineMemory.physical) } }

    func validate() throws {
        if let text, bytes == nil {
            throw ValidationError("--memory-limit expects a size such as 4G, 512M, 2000000000 or 50%, got '\(text)'")
        }
    }

    /// Sets this process's budget when one was given.
    func apply() {
        if let bytes { MemoryBudget.shared.limit = bytes }
    }
}
