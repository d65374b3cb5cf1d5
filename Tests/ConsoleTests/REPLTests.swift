import Foundation
import Language
import Library
import Testing
@testable import Console

/// A line reader that replays scripted input and records the prompts it was shown.
final class ScriptedReader: LineReader {
    var inputs: [LineInput]
    var prompts: [String] = []
    var history: [String] = []

    init(_ inputs: [LineInput]) { self.inputs = inputs }

    func readLine(prompt: String) -> LineInput {
        prompts.append(prompt)
        return inputs.isEmpty ? .endOfInput : inputs.removeFirst()
    }

    func addToHistory(_ entry: String) { history.append(entry) }
}

/// A sink that keeps what the REPL writes and reports.
final class CapturingSink: StandardStreamsSink {
    var text = ""
    var reported: [Diagnostic] = []
    override func write(_ text: String) { self.text += text }
    override func report(_ diagnostic: Diagnostic) { reported.append(diagnostic) }
}

func makeREPL(_ lines: [String]) -> (REPL, ScriptedReader, CapturingSink) {
    let reader = ScriptedReader(lines.map { .line($0) })
    let sink = CapturingSink(showsCellTitles: false)
    let session = NotebookSession(output: OutputSettings(drawsInTerminal: true), sink: sink)
    return (REPL(session: session, reader: reader, sink: sink, interrupts: InterruptState()), reader, sink)
}

@Suite("REPL")
struct REPLTests {
    @Test func unfinishedInputContinuesOnTheNextLine() {
        let (repl, reader, sink) = makeREPL(["fn twice(x) {", "  2 * x", "}", "twice(21)"])
        repl.run()
        #expect(reader.prompts == ["dln> ", "...> ", "...> ", "dln> ", "dln> "])
        #expect(sink.text == "42\n")
        #expect(reader.history == ["fn twice(x) {\n  2 * x\n}", "twice(21)"])
        #expect(sink.reported.isEmpty)
    }

    @Test func errorsKeepTheSessionAndItsState() {
        let (repl, _, sink) = makeREPL(["a = 5", "a @ b", "a + 1"])
        repl.run()
        #expect(sink.reported.count == 1)
        #expect(sink.reported.first?.message == "unknown name 'b'")
        #expect(sink.text == "6\n")
    }

    @Test func ctrlCAtThePromptDropsTheUnfinishedInput() {
        let reader = ScriptedReader([.line("x = (1 +"), .interrupted, .line("7")])
        let sink = CapturingSink(showsCellTitles: false)
        let repl = REPL(session: NotebookSession(sink: sink), reader: reader, sink: sink, interrupts: InterruptState())
        repl.run()
        #expect(sink.text == "7\n")
        #expect(sink.reported.isEmpty)
    }

    @Test func commandsListResetAndQuit() {
        let (repl, reader, sink) = makeREPL([":vars", "w = [1, 2; 3, 4]", ":vars", ":reset", ":vars", ":nope", ":quit", "1"])
        repl.run()
        #expect(sink.text.contains("no names are bound yet"))
        #expect(sink.text.contains("w\ttensor (2, 2) float32"))
        #expect(sink.text.contains("the session is empty again"))
        #expect(sink.reported.first?.message == "unknown command ':nope'")
        #expect(!reader.prompts.isEmpty && reader.inputs.count == 1)
    }

    @Test func helpCoversCommandsFunctionsAndKeywords() {
        let (repl, _, sink) = makeREPL([":help", ":help grad", ":help :load", ":help expect", ":help rleu"])
        repl.run()
        #expect(sink.text.contains(":load FILE"))
        #expect(sink.text.contains("grad(f, at: p)"))
        #expect(sink.text.contains("expect a ~= b within tol"))
        #expect(sink.text.contains("no help on 'rleu'; did you mean 'relu'?"))
    }

    @Test func loadedNotebooksKeepTheirCells() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("repl-\(UUID().uuidString).dln")
        try "%% first\na = 2\n%% second\nb = a * 10\nb\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let (repl, _, sink) = makeREPL([":load \(file.path)", ":cells", "b + 1", ":run second", ":run third"])
        repl.run()
        #expect(sink.text.contains("%% second\n20\n"))
        #expect(sink.text.contains("1\t   first\n2\t   second\n"))
        #expect(sink.text.contains("21\n"))
        #expect(sink.reported.last?.message == "the notebook has no cell 'third'")
    }
}

@Suite("Completion")
struct CompletionTests {
    let session = NotebookSession(sink: NullSink())

    @Test func namesKeywordsAndBuiltins() throws {
        try session.evaluator.run(Parser.parse("learning_rate = 0.1").program)
        let completer = NameCompleter(session: session)
        #expect(completer.completions(forWord: "lea", inLine: "lea").contains("learning_rate"))
        #expect(completer.completions(forWord: "lea", inLine: "lea").contains("leaky_relu"))
        #expect(completer.completions(forWord: "whi", inLine: "whi") == ["while"])
        #expect(completer.completions(forWord: ":lo", inLine: ":lo") == [":load"])
    }

    @Test func argumentLabelsInsideABuiltinsCall() throws {
        let completer = NameCompleter(session: session)
        #expect(completer.completions(forWord: "se", inLine: "x = rand([2], se") == ["seed:"])
        #expect(completer.completions(forWord: "", inLine: "x = linspace(0, 1, ").suffix(3) == ["count:", "end:", "start:"])
        #expect(completer.completions(forWord: "se", inLine: "x = rand([se").isEmpty, "inside a list, not the call")
        #expect(NameCompleter.calleeOfOpenCall(in: "f(g(1), h[2], ") == "f")
        #expect(NameCompleter.calleeOfOpenCall(in: "f(1)") == nil)
        try session.evaluator.run(Parser.parse("fn rand(n) = n").program)
        #expect(completer.completions(forWord: "se", inLine: "rand(se").isEmpty, "a rebound name is not the builtin")
    }

    @Test func membersAfterADot() throws {
        try session.evaluator.run(Parser.parse("config = {rate: 1, epochs: 2}\nt = [1, 2]").program)
        let completer = NameCompleter(session: session)
        #expect(completer.completions(forWord: "config.", inLine: "config.") == ["config.epochs", "config.rate"])
        #expect(completer.completions(forWord: "t.sh", inLine: "t.sh") == ["t.shape"])
    }

    @Test func pathsInsideStrings() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("complete-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("data"), withIntermediateDirectories: true)
        try Data().write(to: folder.appendingPathComponent("digits.csv"))
        defer { try? FileManager.default.removeItem(at: folder) }
        let completer = NameCompleter(session: session)
        let word = folder.path + "/d"
        #expect(completer.completions(forWord: word, inLine: "x = csv(\"" + word) == [folder.path + "/data/", folder.path + "/digits.csv"])
    }
}

@Suite("History file")
struct HistoryFileTests {
    @Test func isCreatedReadableByItsOwnerOnly() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hist-\(UUID().uuidString)/dln/history").path
        let history = HistoryFile(path: path)
        #expect(history.prepare() == .ready)
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
        chmod(path, 0o644)
        #expect(history.prepare() == .ready)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
    }
}

@Suite("History file refusals")
struct HistoryFileRefusalTests {
    @Test func refusesFIFOsDevicesFoldersAndSymlinks() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hist-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(mkfifo(folder + "/fifo", 0o600) == 0)
        #expect(HistoryFile(path: folder + "/fifo").prepare() == .refused("it is a FIFO"))
        #expect(HistoryFile(path: "/dev/null").prepare() == .refused("it is a device"))
        #expect(HistoryFile(path: folder).prepare() == .refused("it is a folder"))
        #expect(symlink(folder + "/target", folder + "/link") == 0)
        #expect(HistoryFile(path: folder + "/link").prepare() == .refused("it is a symbolic link"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/target"), "the link's target is not created")
        #expect(HistoryFile(path: folder + "/new/dln/history").prepare() == .ready)
    }
}
