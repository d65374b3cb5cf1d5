import Foundation
import Testing

/// `dln run` with its cell cache, on a small notebook in a temporary folder.
@Suite("cell cache")
struct CellCacheTests {
    let root: URL

    static let notebook = """
        %% parameters
        n = 5
        lr = 0.1

        %% data
        data pts = csv("points.csv", label: "y")

        %% count
        m = pts.count
        print("points:", m)

        %% grid
        x = linspace(0, 1, n)
        y = 2 * x + lr
        print("sum", sum(y))

        %% fit
        fn f(t) = lr * t + y[0]
        w = f(3)
        print(f"w = {w:.4f}")

        %% figure
        figure "line" (xlabel: "x") { line x, y }
        """

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("dln-cache-\(UUID().uuidString)")
        try write("x,y\n0,1\n1,0\n", to: "points.csv")
        try write(Self.notebook, to: "nb.dln")
    }

    func write(_ text: String, to path: String) throws {
        let file = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    func edit(_ old: String, _ new: String) throws {
        let text = try String(contentsOf: root.appendingPathComponent("nb.dln"), encoding: .utf8)
        #expect(text.contains(old))
        try write(text.replacingOccurrences(of: old, with: new), to: "nb.dln")
    }

    func run(_ arguments: [String] = []) throws -> DLNProcess.Result {
        try DLNProcess.run(["run", "nb.dln", "--explain"] + arguments, directory: root, timeout: 120)
    }

    /// `cell 'title': explanation` for each cell, from the `--explain` lines.
    func explanations(_ result: DLNProcess.Result) -> [String: String] {
        var found: [String: String] = [:]
        for line in result.stderr.split(separator: "\n") {
            guard let open = line.firstIndex(of: "'"), let close = line[line.index(after: open)...].firstIndex(of: "'") else { continue }
            let title = String(line[line.index(after: open)..<close])
            let rest = line[close...].dropFirst()
            guard rest.hasPrefix(": ") else { continue }
            found[title] = String(rest.dropFirst(2))
        }
        return found
    }

    func contents(_ path: String) -> Data? { FileManager.default.contents(atPath: root.appendingPathComponent(path).path) }

    static let titles = ["parameters", "data", "count", "grid", "fit", "figure"]

    @Test func aSecondRunRestoresEveryCellWithTheSameOutputAndFigures() throws {
        let first = try run()
        #expect(first.status == 0, "\(first.stderr)")
        #expect(Set(explanations(first).values) == ["ran: not in the cache"])
        let figure = try #require(contents("plots/line.svg"))
        try FileManager.default.removeItem(at: root.appendingPathComponent("plots"))
        let second = try run()
        #expect(second.status == 0)
        #expect(second.stdout == first.stdout)
        #expect(explanations(second) == Dictionary(uniqueKeysWithValues: Self.titles.map { ($0, "cached") }))
        #expect(contents("plots/line.svg") == figure)
        #expect(contents("plots/line.gp") != nil)
    }

    @Test func editingACellRerunsItAndItsDependentsAndSaysWhy() throws {
        _ = try run()
        try edit("w = f(3)", "w = f(4)")
        let fit = try run()
        #expect(explanations(fit) == ["parameters": "cached", "data": "cached", "count": "cached", "grid": "cached",
                                      "fit": "ran: its code changed", "figure": "cached"])
        try edit("y = 2 * x + lr", "y = 3 * x + lr")
        let grid = try run()
        #expect(explanations(grid) == ["parameters": "cached", "data": "cached", "count": "cached", "grid": "ran: its code changed",
                                       "fit": "ran: cell 'grid' changed", "figure": "ran: cell 'grid' changed"])
        // what the restored cells left behind gives what a full run gives
        let full = try run(["--no-cache"])
        #expect(grid.stdout == full.stdout)
        #expect(try run().stdout == full.stdout)
    }

    @Test func aCommentOrLayoutEditRestoresEverything() throws {
        let first = try run()
        try edit("w = f(3)", "# the fitted value at 3\nw  =  f(3)   # three")
        let second = try run()
        #expect(Set(explanations(second).values) == ["cached"])
        #expect(second.stdout == first.stdout)
    }

    @Test func aChangedSetValueRerunsTheCellsThatReadIt() throws {
        _ = try run()
        let set = try run(["--set", "lr=0.5"])
        #expect(explanations(set) == ["parameters": "ran: --set lr changed", "data": "cached", "count": "cached",
                                      "grid": "ran: --set lr changed", "fit": "ran: --set lr changed", "figure": "ran: cell 'grid' changed"])
        #expect(set.stdout.contains("w = 2.0000"))
        // n is not read by fit: only grid and what depends on it see a --set n
        let other = try run(["--set", "lr=0.5", "--set", "n=3"])
        #expect(explanations(other)["grid"] == "ran: --set n changed")
        #expect(explanations(other)["count"] == "cached")
    }

    @Test func aChangedDataFileRerunsTheCellThatNamesIt() throws {
        _ = try run()
        try write("x,y\n0,1\n1,0\n2,1\n", to: "points.csv")
        let changed = try run()
        #expect(explanations(changed)["data"] == "ran: points.csv changed")
        #expect(explanations(changed)["count"] == "ran: cell 'data' changed")
        #expect(explanations(changed)["grid"] == "cached")
        #expect(changed.stdout.contains("points: 3"))
    }

    @Test func aCellThatRunsGetsADataSetFromTheCache() throws {
        _ = try run()
        try edit("print(\"points:\", m)", "print(\"points now:\", m)")
        let result = try run()
        #expect(explanations(result)["data"] == "cached")
        #expect(explanations(result)["count"] == "ran: its code changed")
        #expect(result.stdout.contains("points now: 2"))
    }

    @Test func damagedOrForeignEntriesAreIgnoredWithAWarning() throws {
        let first = try run()
        let files = try entryFiles(".dln-cache/entries")
        #expect(files.count == Self.titles.count)
        for (index, name) in files.keys.sorted().enumerated() {
            let garbage = index % 2 == 0 ? "{\"format\": \"something else\"}" : "\u{0}\u{1}not json"
            try Data(garbage.utf8).write(to: root.appendingPathComponent(".dln-cache/entries").appendingPathComponent(name))
        }
        let damaged = try run()
        #expect(damaged.status == 0)
        #expect(damaged.stdout == first.stdout)
        #expect(damaged.stderr.contains("it is damaged or not dln's; the cell runs"))
        #expect(Set(explanations(damaged).values) == ["ran: its cache entry was unreadable"])
        #expect(Set(explanations(try run()).values) == ["cached"])
    }

    @Test func twoRunsAtOnceShareOneCacheFolder() throws {
        let cache = root.appendingPathComponent("shared-cache").path
        let results = UnsafeSendableBox<[DLNProcess.Result?]>([nil, nil])
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let result = try? DLNProcess.run(["run", "nb.dln", "--cache", cache, "--out", "plots\(index)"], directory: root, timeout: 120)
            results.lock.withLock { results.value[index] = result }
        }
        let both = results.value.compactMap { $0 }
        #expect(both.count == 2)
        #expect(both.allSatisfy { $0.status == 0 }, "\(both.map(\.stderr))")
        #expect(both[0].stdout.replacingOccurrences(of: "plots0", with: "plots1") == both[1].stdout)
        let third = try run(["--cache", cache, "--out", "plots2"])
        #expect(Set(explanations(third).values) == ["cached"])
        #expect(contents("plots2/line.svg") == contents("plots0/line.svg"))
        #expect(third.stdout.contains("plots2/line.svg"))
    }

    @Test func noCacheRefreshAndClean() throws {
        let none = try run(["--no-cache"])
        #expect(none.status == 0)
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent(".dln-cache").path))
        _ = try run()
        #expect(Set(explanations(try run(["--refresh"])).values) == ["ran: --refresh"])
        let clean = try DLNProcess.run(["cache", "clean", "nb.dln"], directory: root)
        #expect(clean.status == 0)
        #expect(clean.stdout.contains("removed 6 cells"))
        #expect(Set(explanations(try run()).values) == ["ran: not in the cache"])
    }

    @Test func aFolderDlnDidNotMakeIsNeverUsedOrCleaned() throws {
        try write("mine", to: "notes/todo.txt")
        let result = try run(["--cache", "notes"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("refusing to use"))
        let clean = try DLNProcess.run(["cache", "clean", "notes"], directory: root)
        #expect(clean.status == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("notes").path) == ["todo.txt"])
    }

    @Test func theReportSaysForEachCell() throws {
        _ = try run()
        _ = try run(["--report", "run.json"])
        let data = try #require(contents("run.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let cells = try #require(json["cells"] as? [[String: Any]])
        #expect(cells.compactMap { $0["cache"] as? String } == Array(repeating: "cached", count: 6))
    }

    /// The entries (`ab/<key>.json`) with their inode numbers: an entry stored again is a new file.
    func entryFiles(_ folder: String) throws -> [String: Int] {
        let entries = root.appendingPathComponent(folder)
        var found: [String: Int] = [:]
        for subfolder in try FileManager.default.contentsOfDirectory(atPath: entries.path) {
            for name in try FileManager.default.contentsOfDirectory(atPath: entries.appendingPathComponent(subfolder).path) {
                let path = subfolder + "/" + name
                let attributes = try FileManager.default.attributesOfItem(atPath: entries.appendingPathComponent(path).path)
                found[path] = (attributes[.systemFileNumber] as? NSNumber)?.intValue
            }
        }
        return found
    }

    @Test func dlnFiguresRestoresEveryCellAfterACommentEdit() throws {
        try write(Self.notebook, to: "notebooks/nb.dln")
        try write("x,y\n0,1\n1,0\n", to: "notebooks/points.csv")
        let first = try DLNProcess.run(["figures", "notebooks", "--out", "plots"], directory: root, timeout: 120)
        #expect(first.status == 0, "\(first.stderr)")
        let figure = try #require(contents("plots/nb/line.svg"))
        let stored = try entryFiles("notebooks/.dln-cache/entries")
        #expect(stored.count == Self.titles.count)
        let text = try String(contentsOf: root.appendingPathComponent("notebooks/nb.dln"), encoding: .utf8)
        try write(text.replacingOccurrences(of: "%% fit\n", with: "%% fit\n# the fitted line, evaluated at 3\n"), to: "notebooks/nb.dln")
        let second = try DLNProcess.run(["figures", "notebooks", "--out", "plots"], directory: root, timeout: 120)
        #expect(second.status == 0, "\(second.stderr)")
        #expect((second.stdout + second.stderr).contains("nb: running (source changed)"))
        #expect(contents("plots/nb/line.svg") == figure)
        // no cell ran: every entry is the file the first run wrote
        #expect(try entryFiles("notebooks/.dln-cache/entries") == stored)
    }

    /// Waits until `file` holds `count` occurrences of `text` (the test's own timeout ends a hang).
    func wait(for text: String, count: Int, in file: URL) -> String {
        for _ in 0..<600 {
            let contents = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
            if contents.components(separatedBy: text).count - 1 >= count { return contents }
            usleep(100_000)
        }
        return (try? String(contentsOf: file, encoding: .utf8)) ?? ""
    }

    @Test func watchRunsAgainWhenTheNotebookOrItsDataChangeAndStopsOnCtrlC() throws {
        let process = Process()
        process.executableURL = DLNProcess.executable
        process.arguments = ["run", "nb.dln", "--watch", "--explain"]
        process.currentDirectoryURL = root
        let errors = root.appendingPathComponent("watch.err")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: errors)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        _ = wait(for: "watching nb.dln", count: 1, in: errors)
        try edit("w = f(3)", "w = f(5)")
        _ = wait(for: "watching nb.dln", count: 2, in: errors)
        try write("x,y\n0,1\n1,0\n5,5\n", to: "points.csv")
        let log = wait(for: "watching nb.dln", count: 3, in: errors)
        #expect(log.contains("nb.dln changed: running again"))
        #expect(log.contains("cell 5 'fit': ran: its code changed"))
        #expect(log.contains("points.csv changed: running again"))
        #expect(log.contains("cell 2 'data': ran: points.csv changed"))
        #expect(log.components(separatedBy: "cell 4 'grid': cached").count - 1 == 2)
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
    }

    @Test func trainingRunsAreKeptSoAFigureCellRerunsAlone() throws {
        try write("""
            %% net
            network n {
              input 2
              dense 4, relu
              dense 2
            }
            %% fit
            r = train n on xor() {
              loss: cross_entropy
              optimizer: gd(lr: 0.1)
              batch: all
              epochs: 5
              init: he(seed: 1)
              record: loss, accuracy every 1
            }
            runs = list(r, r)
            %% show
            print(r.history.loss, r.final, r.stopped, r.epochs)
            print(runs[1].history.accuracy)
            """, to: "nb.dln")
        _ = try run()
        try edit("print(runs[1].history.accuracy)", "print(\"accuracy\", runs[1].history.accuracy)")
        let edited = try run()
        #expect(explanations(edited) == ["net": "cached", "fit": "cached", "show": "ran: its code changed"])
        #expect(edited.stdout == (try run(["--no-cache"])).stdout)
    }

    @Test func theLeastRecentlyUsedEntriesGoFirstOverTheLimit() throws {
        try write("%% big\nb = zeros([400000])\nprint(sum(b))\n%% small\ns = 1\nprint(s)\n", to: "nb.dln")
        _ = try run(["--cache-limit", "1"])
        let second = try run(["--cache-limit", "1"])
        #expect(explanations(second) == ["big": "ran: not in the cache (cleaned or evicted)", "small": "cached"])
    }
}

/// A value shared by the threads of a test, behind a lock.
final class UnsafeSendableBox<Value>: @unchecked Sendable {
    var value: Value
    let lock = NSLock()
    init(_ value: Value) { self.value = value }
}
