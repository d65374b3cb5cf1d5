import Foundation
import Testing

/// `dln sweep --slurm --submit` on a real single-node Slurm cluster (`scripts/slurm-cluster
/// start`, which `scripts/test` runs): the job array and the gather job must produce the
/// same results.csv as the sweep run here, a failing point included.
@Suite("dln sweep on Slurm", .enabled(if: SlurmCluster.isUp, "no Slurm cluster is up: scripts/slurm-cluster start brings one up (scripts/test does)"))
struct SweepSlurmTests {
    @Test func theJobArrayGivesTheSameResultsAsALocalSweep() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dln-slurm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try Data(SweepCommandTests.notebook.utf8).write(to: root.appendingPathComponent("tiny.dln"))
        let grid = ["--grid", "a=1,2,30", "--grid", "b=5,7"]

        let local = try DLNProcess.run(["sweep", "tiny.dln"] + grid + ["--out", "local"], directory: root, timeout: 300)
        #expect(local.status == 1, "a=30 fails: \(local.stderr)")

        let submitted = try DLNProcess.run(["sweep", "tiny.dln"] + grid + ["--out", root.appendingPathComponent("slurm").path,
                                            "--slurm", "--submit", "--jobs", "2", "--time", "5", "--mem", "500M"],
                                           directory: root, timeout: 60)
        #expect(submitted.status == 0, "\(submitted.stderr)")
        let ids = SlurmCluster.jobIDs(in: submitted.stdout)
        try #require(ids.count == 2, "\(submitted.stdout)")
        SlurmCluster.waitUntilGone(ids[1])

        let logs = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("slurm/logs").path)) ?? []
        #expect(logs.filter { $0.hasPrefix(ids[0] + "_") }.count == 6, "a log per task: \(logs)")
        let expected = Self.rowsWithoutDurations(root.appendingPathComponent("local/results.csv"))
        let gathered = Self.rowsWithoutDurations(root.appendingPathComponent("slurm/results.csv"))
        #expect(gathered.count == 7)
        #expect(gathered == expected)
        #expect(gathered.filter { $0.contains(",failed,") }.count == 2)
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("slurm/summary.svg").path))
    }

    /// The table's lines, sorted, without the duration column (the one thing two runs do not share).
    static func rowsWithoutDurations(_ file: URL) -> [String] {
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        let lines = text.split(separator: "\n").map(String.init)
        guard let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false),
              let column = header.firstIndex(of: "duration_seconds") else { return [] }
        return lines.map { line in
            var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if fields.indices.contains(column) { fields.remove(at: column) }
            return fields.joined(separator: ",")
        }.sorted()
    }
}

/// The Slurm commands the test needs, found on PATH.
enum SlurmCluster {
    /// Whether `sinfo` reports a node that can take jobs.
    static var isUp: Bool {
        let states = run("sinfo", ["-h", "-o", "%t"])?.split(separator: "\n") ?? []
        return states.contains { ["idle", "mix", "alloc"].contains(String($0)) }
    }

    /// The job ids in `dln sweep --submit`'s output, array first.
    static func jobIDs(in output: String) -> [String] {
        ["array job ", "gather job "].compactMap { label in
            output.range(of: label).map { String(output[$0.upperBound...].prefix { $0.isNumber }) }
        }.filter { !$0.isEmpty }
    }

    /// Waits until `squeue` no longer lists the job (or forgets it), for at most five minutes.
    static func waitUntilGone(_ id: String) {
        let deadline = Date().addingTimeInterval(300)
        while Date() < deadline {
            guard let listed = run("squeue", ["-h", "-j", id]), !listed.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return }
            Thread.sleep(forTimeInterval: 0.5)
        }
    }

    /// Runs a command; its standard output, or nil when it cannot run or fails.
    static func run(_ command: String, _ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [command] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
    }
}
