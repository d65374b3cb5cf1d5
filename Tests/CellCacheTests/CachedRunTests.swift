import Foundation
import Language
import Library
import Testing
@testable import CellCache

/// Runs notebooks in-process with a cache in a temporary folder, as `dln run` does.
private final class Harness {
    let folder: CacheFolder
    let output: URL

    init() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dln-cached-run-\(UUID().uuidString)")
        folder = try CacheFolder.open(root.appendingPathComponent("cache"))
        output = root.appendingPathComponent("plots")
    }

    /// Runs `text`; returns the session (its globals), what it printed and each cell's explanation.
    func run(_ text: String, precision: Precision = .single,
             warnings: UnsafeWarnings = UnsafeWarnings()) -> (session: NotebookSession, printed: String, explained: [String]) {
        let sink = BufferSink()
        let ending = CellEndingSink(target: sink)
        let recorder = CellOutputRecorder(target: ending, outputDirectory: output)
        let session = NotebookSession(output: OutputSettings(directory: output), sink: recorder, precision: precision)
        session.host.keepsRecordedResults = true
        let settings = CachedRun.Settings(folder: folder, notebook: URL(fileURLWithPath: "/nb.dln"), overrides: [],
                                          precision: precision.description, version: "test", outputDirectory: output, refreshes: false)
        let cache = CachedRun(settings: settings, evaluator: session.evaluator, recorder: recorder,
                              restoring: session.host as? any StoredValueRestoring,
                              noteWrittenFile: { session.host.recordWrittenFile($0) },
                              recordResult: { session.host.record($0, as: $1) }, warn: { warnings.messages.append($0) })
        // As `dln run` does: each cell's files and results go to the cache as the cell ends.
        ending.onEnd = { cache.cellEnded($0, files: session.host.takeWrittenFiles(), results: session.host.takeRecordedResults()) }
        var options = RunOptions()
        options.restorer = cache
        let report = session.runner.run(Notebook(name: "nb.dln", text: text), options: options)
        cache.finish()
        return (session, sink.transcript, report.cells.compactMap(\.cacheExplanation))
    }
}

final class UnsafeWarnings { var messages: [String] = [] }

/// Passes output on and calls `onEnd` as each cell ends.
private final class CellEndingSink: OutputSink {
    let target: any OutputSink
    var onEnd: (CellReport) -> Void = { _ in }
    init(target: any OutputSink) { self.target = target }
    func write(_ text: String) { target.write(text) }
    func display(_ value: Value, text: String) { target.display(value, text: text) }
    func report(_ diagnostic: Diagnostic) { target.report(diagnostic) }
    func beginCell(_ cell: Cell) { target.beginCell(cell) }
    func endCell(_ report: CellReport) {
        target.endCell(report)
        onEnd(report)
    }
}

/// The exact stored form of a tensor (its element bytes), or the value's text for others.
private func exactly(_ name: String, in session: NotebookSession) -> String {
    guard let value = session.evaluator.globals.lookup(name) else { return "<unbound>" }
    if let tensor = value.hostValue as? any StorableHostValue, let form = tensor.storedForm { return form.bytes.base64EncodedString() }
    return "\(value.typeName): \(session.evaluator.formatInline(value))"
}

@Suite struct CachedRunTests {
    static let values = """
        %% make
        a = -0.0
        b = 1 / 0
        c = 0.1 + 0.2
        s = "naïve ∑ text"
        t = true
        r = 1..<4
        rec = {lr: 0.1, name: "x", inner: {k: [1, 2]}}
        xs = list(1, "two", none)
        m = [1, 2; 3, 4] / 3
        mask = m > 0.5
        fn twice(v) = 2 * v
        show = print
        ops = {square: v -> v * v, shift: v -> v + c}
        %% use
        print(a, b, c, s, t, r, rec, xs)
        print(m, mask, twice(m), show, ops.square(3), ops.shift(1))
        """

    @Test func restoredValuesAreExactlyWhatRunningGave() throws {
        for precision in [Precision.single, .double] {
            let harness = try Harness()
            let first = harness.run(Self.values, precision: precision)
            let second = harness.run(Self.values, precision: precision)
            #expect(second.explained == ["cached", "cached"])
            #expect(second.printed == first.printed)
            for name in ["a", "b", "c", "s", "t", "r", "rec", "xs", "m", "mask", "show"] {
                #expect(exactly(name, in: second.session) == exactly(name, in: first.session), "\(name)")
            }
            #expect(second.session.evaluator.globals.lookup("a")?.number?.sign == .minus)
            // the function is made again from the cell's own declaration, and works
            let third = harness.run(Self.values.replacingOccurrences(of: "print(m, mask", with: "print(twice(3), m, mask"), precision: precision)
            #expect(third.explained == ["cached", "ran: its code changed"])
            #expect(third.printed.contains("6"))
        }
    }

    @Test func valuesThatCannotBeKeptAreNamedAndTheirCellRunsWhenNeeded() throws {
        let harness = try Harness()
        let notebook = "%% make\nw = param([1, 2]) * 2\nk = 3\n%% use\nprint(w * k)\n"
        _ = harness.run(notebook)
        let entries = harness.folder.entryFiles()
        let decoded = entries.compactMap { try? JSONDecoder().decode(CacheEntry.self, from: Data(contentsOf: $0)) }
        let make = try #require(decoded.first { $0.cell == "make" })
        #expect(make.unkept == [CacheEntry.Unkept(name: "w", reason: "a tensor made by recorded operations, or holding a gradient")])
        #expect(make.bindings.map(\.name) == ["k"])
        let edited = harness.run(notebook.replacingOccurrences(of: "print(w * k)", with: "print(w * k * 2)"))
        #expect(edited.explained == ["ran: cell 'use' needs 'w', which the cache cannot keep (a tensor made by recorded operations, or holding a gradient)",
                                     "ran: its code changed"])
    }

    @Test func aValueHeldUnderTwoNamesIsNotKept() throws {
        let harness = try Harness()
        _ = harness.run("%% a\nx = param([1, 2])\n%% b\ny = x\nz = 1\n%% c\nprint(y)\n")
        let entries = harness.folder.entryFiles()
        let decoded = entries.compactMap { try? JSONDecoder().decode(CacheEntry.self, from: Data(contentsOf: $0)) }
        let b = try #require(decoded.first { $0.cell == "b" })
        #expect(b.unkept == [CacheEntry.Unkept(name: "y", reason: "it shares an object with 'x'")])
    }

    @Test func aRestoredCellRecordsItsResultsAgainInOrder() throws {
        let notebook = """
            %% first
            record("loss", 0.5)
            record("note", "a")
            %% helper
            fn keep(v) { record("loss", v) }
            %% second
            keep(0.25)
            record("done", true)
            %% last
            record("note", "b")
            """
        let first = try Harness()
        let ran = first.run(notebook)
        let restored = first.run(notebook)
        #expect(restored.explained == ["cached", "cached", "cached", "cached"])
        let expected: [String: ResultValue] = ["loss": .number(0.25), "note": .text("b"), "done": .flag(true)]
        #expect(ran.session.host.results == expected)
        #expect(restored.session.host.results == expected)
        // Only the first cell runs again; the later ones' records still replace its values.
        let edited = first.run(notebook.replacingOccurrences(of: "record(\"loss\", 0.5)", with: "record(\"loss\", 0.75)"))
        #expect(edited.explained == ["ran: its code changed", "cached", "cached", "cached"])
        #expect(edited.session.host.results == expected)
    }

    /// `reshape(p, shape(p))` wraps p's tensor again: the two names share it, so it is not kept twice.
    @Test func twoWrappersOfOneTrainableTensorAreOneObject() throws {
        let notebook = "%% make\np = param([1, 2])\nq = reshape(p, [2])\nopt = sgd(lr: 0.1)\n%% fit\nstep(opt, sum(p * p))\n%% show\nprint(q)\n"
        let harness = try Harness()
        let first = harness.run(notebook)
        #expect(first.printed.contains("[0.8, 1.6]"), "\(first.printed)")
        let entries = harness.folder.entryFiles().compactMap { try? JSONDecoder().decode(CacheEntry.self, from: Data(contentsOf: $0)) }
        let make = try #require(entries.first { $0.cell == "make" })
        #expect(make.unkept.map(\.name).sorted() == ["p", "q"])
        let edited = harness.run(notebook.replacingOccurrences(of: "print(q)", with: "print(\"q\", q)"))
        #expect(edited.printed.contains("q [0.8, 1.6]"), "\(edited.printed)")
    }

    /// A cell restored after an earlier one ran puts new objects where it changed them; an
    /// alias made by a cell it does not depend on (not there when the entry was stored) makes it run.
    @Test func anAliasOfWhatACellChangesMakesItRun() throws {
        let before = "%% make\np = param([1, 2])\nopt = sgd(lr: 0.1)\n%% other\nk = 1\n%% fit\nstep(opt, sum(p * p))\n%% show\nprint(p)\n"
        let after = before.replacingOccurrences(of: "k = 1", with: "ls = list(p)").replacingOccurrences(of: "print(p)", with: "print(ls[0])")
        let harness = try Harness()
        _ = harness.run(before)
        let edited = harness.run(after)
        #expect(edited.explained == ["cached", "ran: its code changed", "ran: 'ls' holds what 'p' held, which this cell changes in place",
                                     "ran: its code changed"])
        #expect(edited.printed == (try Harness()).run(after).printed)
        #expect(edited.printed.contains("[0.8, 1.6]"), "\(edited.printed)")
    }

    @Test func anEntryOfTheOtherPrecisionIsNeverRestored() throws {
        let harness = try Harness()
        _ = harness.run("%% a\nm = [1, 2]\n", precision: .single)
        let double = harness.run("%% a\nm = [1, 2]\n", precision: .double)
        #expect(double.explained == ["ran: the precision changed"])
        #expect(exactly("m", in: double.session).count > 0)
    }

    @Test func tensorBytesThatDoNotFitAreRefused() {
        let good = StoredHostForm(kind: "tensor", bytes: Data([4, 0] + [UInt8](repeating: 0, count: 8)) + Data([0, 0, 128, 63]))
        #expect(TensorStorageProbe.restores(good))
        var short = good
        short.bytes.removeLast()
        #expect(!TensorStorageProbe.restores(short))
        #expect(!TensorStorageProbe.restores(StoredHostForm(kind: "network", bytes: good.bytes)))
        #expect(!TensorStorageProbe.restores(StoredHostForm(kind: "tensor", bytes: Data([4, 0, 255, 255, 255, 255, 255, 255, 255, 255]))))
    }
}

/// Restores through a float32 host.
private enum TensorStorageProbe {
    static func restores(_ form: StoredHostForm) -> Bool {
        let session = NotebookSession(sink: BufferSink(), precision: .single)
        return (session.host as? any StoredValueRestoring)?.restoredValue(form, template: nil, globals: session.evaluator.globals) != nil
    }
}
