import Foundation
import Language
import Library
import Testing
@testable import Console

/// `:reload` after editing the loaded notebook.
@Suite("REPL :reload")
struct REPLReloadTests {
    let file: URL

    init() throws {
        file = FileManager.default.temporaryDirectory.appendingPathComponent("dln-reload-\(UUID().uuidString).dln")
    }

    func write(_ text: String) throws { try Data(text.utf8).write(to: file) }

    /// Loads `text`, then replaces it by `edited` and reloads; returns what the reload wrote and the session.
    func reload(_ text: String, _ edited: String) throws -> (written: String, repl: REPL, sink: CapturingSink) {
        try write(text)
        let (repl, _, sink) = makeREPL([])
        repl.handle(":load \(file.path)")
        sink.text = ""
        try write(edited)
        repl.handle(":reload")
        return (sink.text, repl, sink)
    }

    static let notebook = """
        %% parameters
        lr = 0.1
        %% data
        x = linspace(0, 1, 3)
        print("data ran")
        %% fit
        w = lr * sum(x)
        print("fit ran", w)
        %% other
        print("other ran")
        """

    @Test func onlyTheChangedCellAndItsDependentsRun() throws {
        let edited = Self.notebook.replacingOccurrences(of: "lr = 0.1", with: "lr = 0.5")
        let (written, repl, _) = try reload(Self.notebook, edited)
        #expect(written == """
            %% parameters (its code changed)
            %% fit (parameter lr changed)
            fit ran 0.75
            reloaded \(file.path): 2 cells ran, 2 unchanged

            """)
        #expect(abs((repl.session.evaluator.globals.lookup("w")?.asNumber ?? 0) - 0.75) < 1e-6)
    }

    @Test func aCommentEditRunsNothing() throws {
        let (written, _, _) = try reload(Self.notebook, Self.notebook.replacingOccurrences(of: "%% fit\n", with: "%% fit\n# the fit\n"))
        #expect(written == "reloaded \(file.path): 0 cells ran, 4 unchanged\n")
    }

    @Test func aCellThatRebindsWhatItReadsGetsItFromItsCellAgain() throws {
        let text = "%% a\nx = 1\n%% b\nx = x + 1\nprint(\"x is\", x)\n"
        let (written, repl, _) = try reload(text, text.replacingOccurrences(of: "x is", with: "now x is"))
        #expect(written.contains("%% a (cell 'b' needs 'x' as this cell left it)"))
        #expect(written.contains("now x is 2"))
        #expect(repl.session.evaluator.globals.lookup("x")?.number == 2)
    }

    @Test func aSyntaxErrorRunsNothingAndKeepsTheSession() throws {
        let (written, repl, sink) = try reload(Self.notebook, Self.notebook.replacingOccurrences(of: "w = lr", with: "w = = lr"))
        #expect(written.isEmpty)
        #expect(!sink.reported.isEmpty)
        #expect(abs((repl.session.evaluator.globals.lookup("w")?.asNumber ?? 0) - 0.15) < 1e-6)
    }

    @Test func reloadNeedsALoadedNotebook() {
        let (repl, _, sink) = makeREPL([":reload"])
        repl.run()
        #expect(sink.reported.map(\.message) == ["no notebook is loaded"])
    }
}
