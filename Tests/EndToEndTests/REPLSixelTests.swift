import Foundation
import Testing

/// `:plots sixel` in the real REPL on a pseudo-terminal: figures arrive as sixel
/// images from gnuplot's sixelgd terminal, and as text where gnuplot cannot draw sixel.
@Suite("REPL sixel figures", .serialized)
struct REPLSixelTests {
    let history = FileManager.default.temporaryDirectory.appendingPathComponent("dln-history-\(UUID().uuidString)").path
    let figure = "figure \"f\" { line [0, 1, 2], [0, 1, 4], title: \"rising\" }\r"

    @Test func plotsSixelDrawsSixelImagesAndTextSwitchesBack() throws {
        let terminal = try TerminalSession(history: history)
        #expect(terminal.waitFor("dln> "))
        terminal.type(":plots sixel\r")
        #expect(terminal.waitFor("figures are drawn here as sixel images"))
        terminal.type(figure)
        // A sixel image: DCS (ESC P) … 'q', colour registers, then ST (ESC \).
        #expect(terminal.waitFor("\u{1b}\\", timeout: 30))
        let screen = terminal.screen
        let start = try #require(screen.range(of: "\u{1b}P"))
        #expect(screen[start.upperBound...].prefix(20).contains("q"))
        #expect(screen[start.upperBound...].contains("#0;2;"))
        terminal.type(":plots text\r")
        #expect(terminal.waitFor("figures are drawn here as text"))
        terminal.type("figure \"g\" { line [0, 1], [1, 0], title: \"falling\" }\r")
        #expect(terminal.waitFor("falling", timeout: 30))
        #expect(terminal.quit() == 0)
    }

    /// A gnuplot without the sixelgd terminal (the real one, reading scripts whose
    /// terminal name was changed) makes the REPL say so and draw text.
    @Test func withoutSixelgdTheREPLFallsBackToText() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dln-nosixel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let wrapper = folder.appendingPathComponent("gnuplot")
        // dln sends `load '<script>'`: rename the terminal in the script before gnuplot reads it
        // (a shell loop, which passes each line on at once; exec keeps gnuplot the process dln stops).
        let script = #"""
            #!/bin/bash
            exec gnuplot "$@" < <(while IFS= read -r line; do
              case "$line" in "load '"*) file=${line#load \'}; sed -i s/sixelgd/nosuchterminal/ "${file%\'}";; esac
              printf '%s\n' "$line"
            done)
            """#
        try (script + "\n").write(to: wrapper, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: wrapper.path)
        let terminal = try TerminalSession(history: history, environment: ["DLN_GNUPLOT": wrapper.path])
        #expect(terminal.waitFor("dln> "))
        terminal.type(":plots sixel\r")
        terminal.type(figure)
        #expect(terminal.waitFor("cannot draw sixel images", timeout: 30))
        #expect(terminal.waitFor("rising", timeout: 30))
        #expect(!terminal.screen.contains("\u{1b}P"))
        #expect(terminal.quit() == 0)
    }
}
