import Foundation
import Testing

/// `dln sweep` on a tiny notebook in a temporary folder, run for real.
@Suite("dln sweep")
struct SweepCommandTests {
    let root: URL

    /// `a` above 10 fails its expect; `spin` makes a point take a moment.
    static let notebook = """
        %% parameters
        a = 1
        b = 2
        spin = 0

        %% compute
        s = 0
        for i in 0..<spin { s = s + 1 }
        record("sum", a + b)
        record("label", "b is " + str(b))
        expect a < 10
        record("checked", true)
        """

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("dln-sweep-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try Data(Self.notebook.utf8).write(to: root.appendingPathComponent("tiny.dln"))
    }

    func sweep(_ arguments: [String]) throws -> DLNProcess.Result {
        try DLNProcess.run(["sweep", "tiny.dln"] + arguments, directory: root, timeout: 300)
    }

    func text(_ path: String) -> String? {
        FileManager.default.contents(atPath: root.appendingPathComponent(path).path).map { String(decoding: $0, as: UTF8.self) }
    }

    func entries(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(path).path)) ?? []).sorted()
    }

    @Test func writesAResultsRowPerPointWithFailuresAsRows() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try sweep(["--grid", "a=1,2,30", "--grid", "b=5,7", "--jobs", "2", "--out", "out"])
        #expect(result.status == 1, "a failed point makes the sweep fail: \(result.stderr)")
        #expect(result.stderr.contains("6 points: 4 passed, 2 failed"))
        let rows = (text("out/results.csv") ?? "").split(separator: "\n").map(String.init)
        #expect(rows.first == "a,b,status,duration_seconds,checked,label,sum,error")
        #expect(rows.count == 7)
        #expect(rows.contains { $0.hasPrefix("1,5,passed,") && $0.hasSuffix(",true,b is 5,6,") })
        #expect(rows.contains { $0.hasPrefix("2,7,passed,") && $0.hasSuffix(",true,b is 7,9,") })
        let failed = rows.filter { $0.hasPrefix("30,") }
        #expect(failed.count == 2)
        #expect(failed.allSatisfy { $0.contains(",failed,") && $0.contains("expectation failed: a < 10") })
        #expect(failed.allSatisfy { $0.contains(",true,b is 5,35,") || $0.contains(",true,b is 7,37,") },
                "a failed expect does not stop its cell: what the run recorded is kept")

        let json = try JSONSerialization.jsonObject(with: Data((text("out/results.json") ?? "").utf8)) as? [String: Any]
        let jsonRows = json?["rows"] as? [[String: Any]] ?? []
        #expect(jsonRows.count == 6)
        #expect((jsonRows.first?["results"] as? [String: Any])?["sum"] as? Double == 6)
        #expect(text("out/summary.svg")?.contains("<svg") == true, "the summary figure is drawn by gnuplot")
        #expect(text("out/summary.gp")?.contains("sum") == true)
        #expect(entries("out/points").count == 6)
        #expect(text("out/points/a=1,b=5/report.json")?.contains("\"results\"") == true)
        #expect(!entries("out/points").contains { $0.hasPrefix(".") }, "no staging folders remain")
    }

    @Test func aSecondRunSkipsFinishedPointsAndRerunsFailedOnes() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try sweep(["--grid", "a=1,30", "--out", "out"])
        let again = try sweep(["--grid", "a=1,30", "--out", "out"])
        #expect(again.stderr.contains("a=1: up to date"))
        #expect(again.stderr.contains("a=30: running (failed last time)"))
        let more = try sweep(["--grid", "a=1,2", "--out", "out"])
        #expect(more.status == 0, "\(more.stderr)")
        #expect(more.stderr.contains("a=1: up to date"))
        #expect(more.stderr.contains("a=2: running (not run yet)"))
        #expect((text("out/results.csv") ?? "").split(separator: "\n").count == 3, "the table holds the points of this sweep")
        try Data((Self.notebook + "\n# edited\n").utf8).write(to: root.appendingPathComponent("tiny.dln"))
        let edited = try sweep(["--grid", "a=1,2", "--out", "out"])
        #expect(edited.stderr.contains("a=1: running (source changed)"))
    }

    @Test func anInterruptedSweepFinishesOnlyTheMissingPoints() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let arguments = ["sweep", "tiny.dln", "--grid", "b=1,2,3,4,5", "--set", "spin=300000", "--jobs", "1", "--out", "out"]
        let process = try DLNProcess.start(arguments, directory: root)
        // Interrupted once the first point has finished (its point.json is in place).
        let deadline = Date().addingTimeInterval(240)
        while process.isRunning && entries("out/points").filter({ !$0.hasPrefix(".") }).isEmpty && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        let finished = entries("out/points").filter { !$0.hasPrefix(".") }
        #expect(!finished.isEmpty && finished.count < 5, "\(finished)")
        #expect(entries("out/points").allSatisfy { !$0.hasPrefix(".") }, "the interrupted point's staging folder is gone")

        let resumed = try DLNProcess.run(arguments, directory: root, timeout: 300)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let upToDate = resumed.stderr.components(separatedBy: ": up to date").count - 1
        let ran = resumed.stderr.components(separatedBy: ": running (not run yet)").count - 1
        #expect(upToDate == finished.count)
        #expect(ran == 5 - finished.count)
        #expect(resumed.stderr.contains("5 points: 5 passed"))
    }

    @Test func pointsFileAndSeeds() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let notebook = Self.notebook.replacingOccurrences(of: "spin = 0", with: "spin = 0\nseed = 0")
        try Data(notebook.utf8).write(to: root.appendingPathComponent("tiny.dln"))
        try Data("# two points\na=1 b=1\na=3 b=2\n".utf8).write(to: root.appendingPathComponent("points.txt"))
        let result = try sweep(["--points", "points.txt", "--seeds", "2", "--out", "out", "--plot", "sum", "--against", "a"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = (text("out/results.csv") ?? "").split(separator: "\n")
        #expect(rows.first == "a,b,seed,status,duration_seconds,checked,label,sum,error")
        #expect(rows.count == 5)
        #expect(text("out/grid.txt") == "a=1 b=1 seed=1\na=1 b=1 seed=2\na=3 b=2 seed=1\na=3 b=2 seed=2\n")
    }

    @Test func gatherByHandRewritesTheResults() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try sweep(["--grid", "a=1,2", "--out", "out"]).status == 0)
        try FileManager.default.removeItem(at: root.appendingPathComponent("out/results.csv"))
        let gathered = try DLNProcess.run(["sweep", "--gather", "out"], directory: root, timeout: 60)
        #expect(gathered.status == 0, "\(gathered.stderr)")
        #expect(text("out/results.csv")?.hasPrefix("a,status,") == true)
    }

    @Test(arguments: [
        (["--grid", "a"], "--grid expects name=v1,v2,…, got 'a'"),
        (["--grid", "width=1,2"], "does not bind 'width'"),
        (["--grid", "a=1,,2"], "value 2 is empty"),
        (["--points", "missing.txt"], "cannot read the points file"),
        (["--grid", "a=1", "--set", "nope=1"], "--set nope=1: the notebook's 'parameters' cell does not bind 'nope'"),
        (["--grid", "a=1", "--against", "nothing"], "--against nothing: not a swept parameter"),
        (["--grid", "a=1", "--slurm", "--time", "1h"], "--time expects minutes"),
        (["--grid", "a=1", "--submit"], "--submit goes with --slurm"),
        (["--grid", "a=1", "--jobs", "0"], "--jobs expects a positive number"),
        ([String](), "nothing to sweep"),
    ])
    func badUsageIsDiagnosed(arguments: [String], expected: String) throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try sweep(arguments + ["--out", "out"])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains(expected), "\(result.stderr)")
    }

    @Test func aFigureOfAnUnknownResultIsAnErrorAfterTheResultsAreWritten() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try sweep(["--grid", "a=1,2", "--plot", "nothing", "--out", "out"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("--plot nothing: no point recorded a result of that name"))
        #expect(result.stderr.contains("the results are: checked, label, sum"))
        #expect(text("out/results.csv") != nil)
    }

    @Test func neverUsesAFolderItDidNotMake() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("mine"), withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: root.appendingPathComponent("mine/notes.txt"))
        let result = try sweep(["--grid", "a=1", "--out", "mine"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("it was not made by dln sweep"))
        #expect(entries("mine") == ["notes.txt"])
    }

    @Test func slurmWithoutSubmitWritesTheScriptsAndPrintsTheCommands() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try sweep(["--grid", "a=1,2,3", "--slurm", "--jobs", "2", "--time", "5", "--slurm-option", "--qos=short", "--out", "out"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("sbatch --parsable --dependency=afterany:"))
        let array = text("out/slurm/array.sbatch") ?? ""
        #expect(array.contains("#SBATCH --array=0-2%2\n"))
        #expect(array.contains("#SBATCH --qos=short\n"))
        #expect(array.contains("#SBATCH --time=5\n"))
        #expect(text("out/grid.txt") == "a=1\na=2\na=3\n")
        #expect(entries("out/logs").isEmpty && FileManager.default.fileExists(atPath: root.appendingPathComponent("out/logs").path))
        #expect(entries("out/points").isEmpty, "nothing ran")
    }
}
