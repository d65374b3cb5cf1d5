import Foundation
import Testing

/// Every kind of value a cell binds is kept by `dln run`'s cell cache, so that a restored
/// cell leaves what running it leaves: training after a restore goes on bit for bit.
@Suite("cell cache values")
struct CellCacheValueTests {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("dln-cache-values-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    func write(_ text: String) throws {
        try Data(text.utf8).write(to: root.appendingPathComponent("nb.dln"))
    }

    func edit(_ old: String, _ new: String) throws {
        let text = try String(contentsOf: root.appendingPathComponent("nb.dln"), encoding: .utf8)
        #expect(text.contains(old))
        try write(text.replacingOccurrences(of: old, with: new))
    }

    func run(_ arguments: [String] = []) throws -> DLNProcess.Result {
        let result = try DLNProcess.run(["run", "nb.dln", "--explain"] + arguments, directory: root, timeout: 300)
        #expect(result.status == 0, "\(result.stderr)")
        return result
    }

    /// Each cell's `--explain` text, in order.
    func explanations(_ result: DLNProcess.Result) -> [String] {
        result.stderr.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("cell "), let colon = line.range(of: "': ") else { return nil }
            return String(line[colon.upperBound...])
        }
    }

    /// Trainings with a named optimiser (SGD with momentum, Adam), a random stream, a
    /// loss and a data set; the last cell trains again from where the others left off.
    static let training = """
        %% data
        data d = xor()
        rng = random(seed: 3)
        first_draw = rng.normal([2])
        halves = d[0:2]

        %% networks
        network n {
          input 2
          dense 6, relu
          dense 2
        }
        network m {
          input 2
          dense 5, relu
          dense 2
        }
        opt = adam(lr: 0.02)
        momentum = sgd(lr: 0.05, momentum: 0.9)
        loss ce = cross_entropy + 0.001 * l2

        %% first training
        r1 = train n on d {
          loss: ce
          optimizer: opt
          batch: all
          epochs: 4
          init: he(seed: 1)
        }
        r2 = train m on d {
          loss: cross_entropy
          optimizer: momentum
          batch: all
          epochs: 4
          init: he(seed: 2)
        }

        %% second training
        r3 = train n on d {
          loss: ce
          optimizer: opt
          batch: all
          epochs: 3
          record: loss every 1
        }
        r4 = train m on d {
          loss: cross_entropy
          optimizer: momentum
          batch: all
          epochs: 3
          record: loss every 1
        }
        print(r3.history.loss, r4.history.loss)
        print(n(d.x), m(d.x))
        print(rng.uniform([3]), first_draw, halves.count, ce)
        print(evaluate(n, d, metric: "loss"))
        """

    @Test func aTrainingAfterRestoredTrainingsGoesOnBitForBit() throws {
        try write(Self.training)
        let first = try run()
        #expect(Set(explanations(first)) == ["ran: not in the cache"])
        let second = try run()
        #expect(explanations(second) == ["cached", "cached", "cached", "cached"])
        #expect(second.stdout == first.stdout)
        try edit("print(r3.history.loss, r4.history.loss)", "print(\"losses\", r3.history.loss, r4.history.loss)")
        let edited = try run()
        #expect(explanations(edited) == ["cached", "cached", "cached", "ran: its code changed"])
        let uninterrupted = try run(["--no-cache"])
        #expect(edited.stdout == uninterrupted.stdout)
        #expect(edited.stdout.contains("losses"))
    }

    @Test func editingACellAfterATrainingCellDoesNotRunTheTraining() throws {
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
              optimizer: sgd(lr: 0.1)
              batch: all
              epochs: 5
              init: he(seed: 1)
            }
            %% use
            print(n(xor().x))
            """)
        _ = try run()
        try edit("print(n(xor().x))", "print(\"outputs\", n(xor().x))")
        let edited = try run()
        #expect(explanations(edited) == ["cached", "cached", "ran: its code changed"])
        #expect(edited.stdout.contains("outputs [["))
        #expect(edited.stdout == (try run(["--no-cache"])).stdout)
    }

    @Test func handWrittenStepsWithParametersAndARandomStreamAreKept() throws {
        try write("""
            %% start
            rng = random(seed: 5)
            w = param(rng.normal([3]))
            x = rng.uniform([4, 3])
            y = rng.uniform([4])
            opt = adam(lr: 0.1)
            %% steps
            for i in 0..<3 {
              step(opt, mean((x @ w - y) ^ 2))
            }
            %% more
            for i in 0..<3 {
              step(opt, mean((x @ w - y) ^ 2))
            }
            print(w, rng.normal([2]))
            """)
        _ = try run()
        try edit("print(w, rng.normal([2]))", "print(\"w\", w, rng.normal([2]))")
        let edited = try run()
        #expect(explanations(edited) == ["cached", "cached", "ran: its code changed"])
        #expect(edited.stdout == (try run(["--no-cache"])).stdout)
    }

    @Test func resultsRecordedThroughFunctionsOrAnAliasAreRecordedAgainFromTheCache() throws {
        try write("""
            %% helpers
            fn note(v) {
              record("v", v)
              v
            }
            fn twice(v) = 2 * note(v)
            keep = record
            %% pure
            k = 3
            %% use
            w = twice(k)
            %% alias
            keep("k", k)
            """)
        _ = try run(["--report", "first.json"])
        let second = try run(["--report", "second.json"])
        #expect(explanations(second) == ["cached", "cached", "cached", "cached"])
        let report = try String(contentsOf: root.appendingPathComponent("second.json"), encoding: .utf8)
        #expect(report.contains("\"v\" : 3") && report.contains("\"k\" : 3"), "\(report)")
        // A run that restores `use` but runs `alias` again still has both results.
        try edit("keep(\"k\", k)", "keep(\"k\", k + 1)")
        _ = try run(["--report", "third.json"])
        let third = try String(contentsOf: root.appendingPathComponent("third.json"), encoding: .utf8)
        #expect(third.contains("\"v\" : 3") && third.contains("\"k\" : 4"), "\(third)")
    }

    @Test func aReportOfRestoredCellsShowsWhatARunShows() throws {
        try write("""
            %% data
            x = linspace(0, 1, 5)
            print("sum", sum(x))
            %% figure
            figure "line" (xlabel: "x") { line x, 2 * x }
            x
            """)
        _ = try run(["--html", "first.html", "--markdown", "first.md"])
        let second = try run(["--html", "second.html", "--markdown", "second.md"])
        #expect(explanations(second) == ["cached", "cached"])
        for (first, later) in [("first.html", "second.html"), ("first.md", "second.md")] {
            let withoutTimes = { (name: String) throws -> String in
                let text = try String(contentsOf: root.appendingPathComponent(name), encoding: .utf8)
                return text.replacingOccurrences(of: #"[0-9]+\.[0-9]+ s\b"#, with: "TIME", options: .regularExpression)
                    .replacingOccurrences(of: #"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]+Z"#, with: "START", options: .regularExpression)
                    .replacingOccurrences(of: name, with: "REPORT")
            }
            let restored = try withoutTimes(later)
            #expect(restored == (try withoutTimes(first)))
            #expect(restored.contains("<svg") || restored.contains("line.svg"))
        }
    }

    @Test func entriesOfAnOlderFormatAreIgnoredWithAWarningAndTheCellRuns() throws {
        try write("%% a\nx = [1, 2]\nprint(x)\n%% b\nprint(x * 2)\n")
        let first = try run()
        let entries = root.appendingPathComponent(".dln-cache/entries")
        let files = try FileManager.default.subpathsOfDirectory(atPath: entries.path).filter { $0.hasSuffix(".json") }
        #expect(files.count == 2)
        for file in files {
            let url = entries.appendingPathComponent(file)
            let text = try String(contentsOf: url, encoding: .utf8)
            #expect(text.contains("\"format\":\"dln cell cache 3\""))
            try Data(text.replacingOccurrences(of: "dln cell cache 3", with: "dln cell cache 2").utf8).write(to: url)
        }
        let old = try run()
        #expect(explanations(old) == ["ran: its cache entry was of another format", "ran: its cache entry was of another format"])
        #expect(old.stderr.contains("it is of another format ('dln cell cache 2', this dln writes 'dln cell cache 3'); the cell runs"))
        #expect(old.stdout == first.stdout)
        #expect(explanations(try run()) == ["cached", "cached"])
    }

    @Test func editingACellBeforeATrainingItDoesNotReadRunsItAlone() throws {
        try write("""
            %% net
            network n {
              input 2
              dense 4, relu
              dense 2
            }
            %% unrelated
            k = 2
            print("k", k)
            %% fit
            r = train n on xor() {
              loss: cross_entropy
              optimizer: sgd(lr: 0.1, momentum: 0.5)
              batch: all
              epochs: 5
              init: he(seed: 1)
            }
            %% use
            print(n(xor().x), k)
            """)
        _ = try run()
        try edit("print(\"k\", k)", "print(\"k is\", k)")
        let edited = try run()
        #expect(explanations(edited) == ["cached", "ran: its code changed", "cached", "ran: cell 'unrelated' changed"])
        #expect(edited.stdout == (try run(["--no-cache"])).stdout)
        // a training whose network is also held under another name cannot be kept, and runs again
        try edit("%% fit\n", "%% fit\nnets = list(n)\n")
        _ = try run()
        try edit("print(\"k is\", k)", "print(\"k now\", k)")
        let shared = try run()
        #expect(explanations(shared) == ["cached", "ran: its code changed", "ran: an earlier cell ran, and this one changes objects in place",
                                         "ran: cell 'unrelated' changed"])
        #expect(shared.stdout == (try run(["--no-cache"])).stdout)
    }
}
