import Foundation
import Testing

/// `dln figures` on tiny notebooks in a temporary folder.
@Suite("dln figures")
struct FiguresCommandTests {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("dln-figures-\(UUID().uuidString)")
        try write("x,y\n0,1\n1,0\n", to: "notebooks/data/points.csv")
        try write(Self.notebook("a", reads: "data/points.csv"), to: "notebooks/a.dln")
        try write(Self.notebook("b"), to: "notebooks/b.dln")
        try write(Self.notebook("c"), to: "notebooks/examples/c.dln")
    }

    static func notebook(_ name: String, reads path: String? = nil) -> String {
        """
        %% md
        Notebook \(name)\(path.map { ", which reads \"\($0)\"" } ?? "").

        %% draw \(name)
        figure "\(name)_line" (title: "\(name)") { line [0, 1], [0, 1] }
        """
    }

    func write(_ text: String, to path: String) throws {
        let file = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    func figures(_ arguments: [String] = []) throws -> DLNProcess.Result {
        try DLNProcess.run(["figures"] + arguments, directory: root, timeout: 120)
    }

    func contents(_ path: String) -> Data? {
        FileManager.default.contents(atPath: root.appendingPathComponent(path).path)
    }

    func entries(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(path).path)) ?? []).sorted()
    }

    @Test func runsEachNotebookOnceThenSkipsThoseUpToDate() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let first = try figures()
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("a: running (no figures yet)"))
        #expect(first.stderr.contains("b: finished in"))
        #expect(contents("plots/a/a_line.svg") != nil)
        #expect(contents("plots/b/b_line.gp") != nil)
        #expect(contents("plots/a/.dln-manifest.json") != nil)
        #expect(entries("plots") == ["a", "b"], "subfolders of notebooks/ are not run; no staging folders remain")

        let second = try figures()
        #expect(second.status == 0)
        #expect(second.stderr.contains("a: up to date"))
        #expect(second.stderr.contains("b: up to date"))
        #expect(!second.stderr.contains("running"))

        try write(Self.notebook("a", reads: "data/points.csv") + "\n# edited\n", to: "notebooks/a.dln")
        let third = try figures()
        #expect(third.status == 0)
        #expect(third.stderr.contains("a: running (source changed)"))
        #expect(third.stderr.contains("b: up to date"))
        #expect(third.stdout.contains("1 made, 1 up to date, 0 failed"))
    }

    @Test func reRunsWhenADataFileOrASettingChanges() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try figures().status == 0)
        try write("x,y\n0,2\n", to: "notebooks/data/points.csv")
        let afterData = try figures()
        #expect(afterData.stderr.contains("a: running (data/points.csv changed)"))
        #expect(afterData.stderr.contains("b: up to date"))
        let forced = try figures(["--force"])
        #expect(forced.stderr.contains("b: running (--force)"))
    }

    @Test func checkReportsOutOfDateFigures() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let before = try figures(["--check"])
        #expect(before.status == 1)
        #expect(before.stdout.contains("a: out of date (no figures yet)"))
        #expect(entries("plots").isEmpty, "--check runs nothing")

        #expect(try figures().status == 0)
        let after = try figures(["--check"])
        #expect(after.status == 0, "\(after.stdout)")

        try write("x,y\n5,5\n", to: "notebooks/data/points.csv")
        let stale = try figures(["--check"])
        #expect(stale.status == 1)
        #expect(stale.stdout.contains("a: out of date (data/points.csv changed)"))
        #expect(!stale.stdout.contains("b: out of date"))

        try FileManager.default.removeItem(at: root.appendingPathComponent("plots/b/b_line.svg"))
        #expect(try figures(["--check"]).stdout.contains("b: out of date (b_line.svg missing or edited)"))
    }

    @Test func aFailingNotebookKeepsItsPreviousFigures() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try figures().status == 0)
        let previous = contents("plots/b/b_line.svg")
        try write(Self.notebook("b").replacingOccurrences(of: "[0, 1] }", with: "[1, 0] }") + "\n%% boom\nexpect 1 == 2\n",
                  to: "notebooks/b.dln")
        let result = try figures()
        #expect(result.status == 1)
        #expect(result.stderr.contains("b: failed in cell 'boom'"))
        #expect(result.stderr.contains("expectation failed: 1 == 2"), "the failure's standard error is shown")
        #expect(contents("plots/b/b_line.svg") == previous)
        #expect(entries("plots") == ["a", "b"])
        #expect(try figures(["--check"]).status == 1, "the failed notebook stays out of date")
    }

    @Test func runsSeveralAtOnceAndDeterministically() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try write(Self.notebook("d"), to: "notebooks/d.dln")
        let first = try figures(["--jobs", "2"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("3 notebooks: 3 made"))
        let names = ["a/a_line.svg", "a/a_line.gp", "d/d_line.svg", "a/.dln-manifest.json"]
        let before = names.map { contents("plots/" + $0) }
        #expect(try figures(["--jobs", "2", "--force"]).status == 0)
        #expect(names.map { contents("plots/" + $0) } == before, "two regenerations give the same bytes")
    }

    @Test func rejectsBadUsage() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try figures(["--jobs", "0"]).status == 2)
        #expect(try figures(["--set", "novalue"]).status == 2)
        #expect(try figures(["missing-folder"]).status == 2)
        #expect(try figures(["--check", "--force"]).status == 2)
    }

    @Test func sigtermStopsTheChildrenAndLeavesNoStaging() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try figures().status == 0)
        let previous = contents("plots/a/a_line.svg")
        try write(Self.notebook("a") + "\n%% spin\ns = 0\nfor i in 1...100000000 { s = s + 1 }\n", to: "notebooks/a.dln")
        let process = try DLNProcess.start(["figures"], directory: root)
        Thread.sleep(forTimeInterval: 2)
        kill(process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        #expect(process.terminationStatus == 143)
        #expect(contents("plots/a/a_line.svg") == previous)
        #expect(entries("plots") == ["a", "b"])
    }
}

@Suite("dln figures --set")
struct FiguresCommandSettingsTests {
    @Test func setReachesOnlyTheNotebooksThatTakeIt() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dln-figures-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("notebooks")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("%% parameters\nn = 1\n%% draw\nfigure \"p\" { line [0, 1], [0, n] }\nprint(n)\n".utf8)
            .write(to: folder.appendingPathComponent("p.dln"))
        try Data("%% draw\nfigure \"q\" { line [0, 1], [1, 0] }\n".utf8).write(to: folder.appendingPathComponent("q.dln"))
        let run = { (arguments: [String]) in try DLNProcess.run(["figures"] + arguments, directory: root, timeout: 120) }

        #expect(try run(["--set", "n=2"]).status == 0)
        let again = try run(["--set", "n=3"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr.contains("p: running (--set values changed)"))
        #expect(again.stderr.contains("q: up to date"))
        #expect(try run(["--set", "n=3", "--check"]).status == 0)
        #expect(try run(["--check"]).status == 1, "figures made with --set are out of date without it")
        #expect(try run(["--set", "p:n=3", "--check"]).status == 0)
        let unknown = try run(["--set", "m=1"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no notebook's 'parameters' cell binds 'm'"))
    }
}
