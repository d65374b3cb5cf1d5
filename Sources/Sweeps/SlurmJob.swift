import FileWriting
import Foundation

/// `dln sweep --slurm`: the sweep as a Slurm job array. Writes into the sweep's folder
/// `slurm/array.sbatch` (task `$SLURM_ARRAY_TASK_ID` runs line ID + 1 of `grid.txt` with
/// `dln sweep --task ID`) and `slurm/gather.sbatch` (`dln sweep --gather`, submitted to
/// start after every task with `--dependency=afterany:<array id>`), and submits them
/// with `sbatch --parsable` when asked. Nothing reads `sacct`.
public struct SlurmJob: Sendable {
    public struct Resources: Sendable {
        /// `--time` (`30`, `1:00:00`, `2-00:00:00`).
        public var time: String?
        /// `--mem` per task (`4G`).
        public var memory: String?
        /// `--cpus-per-task`; the engine uses as many threads.
        public var cpus: Int = 1
        public var partition: String?
        /// At most this many tasks at once (`%K`); nil for no limit.
        public var maxRunning: Int?
        /// More `#SBATCH` lines for both jobs, each an sbatch option (`--account=x`).
        public var options: [String] = []

        public init() {}
    }

    public let folder: URL
    public let plan: SweepPlan
    public let executable: URL
    public let resources: Resources

    public init(folder: URL, plan: SweepPlan, executable: URL, resources: Resources) {
        self.folder = folder.standardizedFileURL
        self.plan = plan
        self.executable = executable
        self.resources = resources
    }

    public var arrayScript: URL { folder.appendingPathComponent("slurm/array.sbatch") }
    public var gatherScript: URL { folder.appendingPathComponent("slurm/gather.sbatch") }
    public var logs: URL { folder.appendingPathComponent("logs") }

    /// Rejects what sbatch would misread: paths with spaces or `%` in `#SBATCH` lines, options on several lines.
    public static func check(folder: URL, resources: Resources) throws {
        let path = folder.standardizedFileURL.path
        if path.contains(where: { $0.isWhitespace || $0 == "%" || $0 == "\"" || $0 == "'" }) {
            throw SweepUsageError("--slurm: the folder '\(path)' holds a space, quote or '%', which #SBATCH lines cannot carry",
                                  hint: "choose an --out folder without them")
        }
        if let time = resources.time, time.isEmpty || !time.allSatisfy({ $0.isNumber || $0 == ":" || $0 == "-" }) {
            throw SweepUsageError("--time expects minutes or [days-]hours:minutes:seconds, got '\(time)'", hint: "e.g. --time 30 or --time 1:30:00")
        }
        if let memory = resources.memory, memory.range(of: #"^[0-9]+[KMGT]?$"#, options: .regularExpression) == nil {
            throw SweepUsageError("--mem expects a size such as 500M or 4G, got '\(memory)'")
        }
        if resources.cpus < 1 { throw SweepUsageError("--cpus-per-task expects a positive number, got \(resources.cpus)") }
        if let partition = resources.partition, partition.isEmpty || partition.contains(where: { $0.isWhitespace }) {
            throw SweepUsageError("--partition expects a partition name, got '\(partition)'")
        }
        for option in resources.options where !option.hasPrefix("-") || option.contains(where: \.isNewline) {
            throw SweepUsageError("--slurm-option expects one sbatch option such as --account=course, got '\(option)'",
                                  hint: "give each option separately: --slurm-option --account=course --slurm-option --qos=short")
        }
    }

    /// Writes both scripts and creates the logs folder (Slurm does not create it).
    public func writeScripts() throws {
        try AtomicFile.createDirectory(logs)
        try AtomicFile.createDirectory(arrayScript.deletingLastPathComponent())
        try AtomicFile.write(Data(arrayText.utf8), to: arrayScript)
        try AtomicFile.write(Data(gatherText.utf8), to: gatherScript)
    }

    var arrayText: String {
        let count = plan.points.count
        let limit = resources.maxRunning.map { "%\($0)" } ?? ""
        var lines = ["#!/bin/bash", "#SBATCH --job-name=\(jobName)", "#SBATCH --array=0-\(count - 1)\(limit)",
                     "#SBATCH --output=\(logs.path)/%A_%a.out", "#SBATCH --cpus-per-task=\(resources.cpus)"]
        if let time = resources.time { lines.append("#SBATCH --time=\(time)") }
        if let memory = resources.memory { lines.append("#SBATCH --mem=\(memory)") }
        lines += commonOptions
        lines += [
            "# Task $SLURM_ARRAY_TASK_ID runs line $SLURM_ARRAY_TASK_ID + 1 of grid.txt (one point per line).",
            "set -eu",
            "export OPENBLAS_NUM_THREADS=\"${SLURM_CPUS_PER_TASK:-1}\"",
            "grid=\(Self.quoted(folder.appendingPathComponent(SweepPlan.gridFileName).path))",
            "echo \"point $SLURM_ARRAY_TASK_ID: $(sed -n \"$((SLURM_ARRAY_TASK_ID + 1))p\" \"$grid\")\"",
            "exec \(Self.quoted(executable.path)) sweep --task \"$SLURM_ARRAY_TASK_ID\" --out \(Self.quoted(folder.path))",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    var gatherText: String {
        var lines = ["#!/bin/bash", "#SBATCH --job-name=\(jobName)-gather", "#SBATCH --output=\(logs.path)/gather_%j.out"]
        lines += commonOptions
        lines += ["# Runs after every task of the array (afterany): writes results.csv, results.json and summary.svg.",
                  "exec \(Self.quoted(executable.path)) sweep --gather \(Self.quoted(folder.path))"]
        return lines.joined(separator: "\n") + "\n"
    }

    private var commonOptions: [String] {
        (resources.partition.map { ["#SBATCH --partition=\($0)"] } ?? []) + resources.options.map { "#SBATCH \($0)" }
    }

    private var jobName: String {
        let notebook = URL(fileURLWithPath: plan.notebook).deletingPathExtension().lastPathComponent
        return "dln-sweep-" + String(notebook.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") ? $0 : "_" })
    }

    /// The commands that submit the two jobs, for a user to run (without `--submit`).
    public var submitCommands: String {
        "array=$(sbatch --parsable \(Self.quoted(arrayScript.path))) && \\\n"
            + "  sbatch --parsable --dependency=afterany:${array%%;*} \(Self.quoted(gatherScript.path))"
    }

    /// Submits the array, then the gather job after it; returns their job ids.
    ///
    /// - Throws: `SweepUsageError` with sbatch's message when it refuses or cannot be run.
    public func submit() throws -> (array: String, gather: String) {
        let array = try Self.sbatch(["--parsable", arrayScript.path])
        let gather = try Self.sbatch(["--parsable", "--dependency=afterany:\(array)", gatherScript.path])
        return (array, gather)
    }

    /// Runs sbatch and returns the job id it printed (`--parsable`: `id` or `id;cluster`).
    private static func sbatch(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sbatch"] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw SweepUsageError("cannot run sbatch: \(error.localizedDescription)", hint: "run on a machine with Slurm's sbatch on PATH, or leave out --submit")
        }
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let id = output.split(whereSeparator: \.isNewline).last.map { String($0.prefix { $0 != ";" }) } ?? ""
        guard process.terminationStatus == 0, !id.isEmpty, id.allSatisfy(\.isNumber) else {
            let reason = message.trimmingCharacters(in: .whitespacesAndNewlines)
            throw SweepUsageError("sbatch \(arguments.joined(separator: " ")) failed: \(reason.isEmpty ? "exit status \(process.terminationStatus)" : reason)",
                                  hint: reason.contains("not found") || process.terminationStatus == 127 ? "is Slurm installed (sbatch on PATH)?" : nil)
        }
        return id
    }

    /// A single-quoted shell word.
    static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
