import Foundation
import Language
import Testing
@testable import Library

/// Figures end to end through the real gnuplot: files, sizes, the shared process, the REPL.
@Suite("Figure output", .serialized)
struct FigureOutputTests {
    @Test func writesTheImageBesideItsScript() throws {
        let run = FigureHarness()
        let problem = run.run(shallowNetwork + """
        figure "shallow fit" (xlabel: "x", ylabel: "y", size: 640x400) {
          line x, y, title: "fit"
          scatter [0.1, 0.5, 0.9], [0.2, 1.0, 0.4], title: "data"
        }
        """)
        #expect(problem == nil, "\(problem?.message ?? "")")
        #expect(run.exists("shallow_fit.svg"))
        #expect(run.exists("shallow_fit.gp"))
        #expect(run.svgSize("shallow_fit.svg").map { [$0.0, $0.1] } == [640, 400])
        #expect(run.pathCount("shallow_fit.svg") > 3)
        #expect(run.sink.displayed.count == 1)
        #expect(run.sink.displayed.first?.hasPrefix("figure shallow fit → ") == true)
        #expect(run.sink.displayed.first?.hasSuffix("plots/shallow_fit.svg") == true)
        #expect(run.sink.displayedValues.first?.hostValue is FigureValue)
        let written = run.host.takeWrittenFiles().map { URL(fileURLWithPath: $0).lastPathComponent }
        #expect(written == ["shallow_fit.svg", "shallow_fit.gp"])
    }

    @Test func twentyFiguresStartGnuplotOnce() {
        let run = FigureHarness()
        let source = (1...20).map { "figure \"f\($0)\" { line [0, 1, 2], [0, \($0), 4] }" }.joined(separator: "\n")
        #expect(run.run(source) == nil)
        #expect((1...20).allSatisfy { run.exists("f\($0).svg") && run.exists("f\($0).gp") })
        #expect(run.host.gnuplotStartCount == 1)
        #expect(run.sink.displayed.count == 20)
    }

    @Test func aDeadGnuplotIsRestarted() {
        let run = FigureHarness()
        #expect(run.run("figure \"a\" { line [0, 1], [0, 1] }") == nil)
        run.host.stopGnuplot()
        #expect(run.run("figure \"b\" { line [0, 1], [1, 0] }") == nil)
        #expect(run.exists("b.svg"))
        #expect(run.host.gnuplotStartCount == 2)
    }

    @Test func formatOptionOverridesTheRunsFormat() throws {
        let run = FigureHarness()
        #expect(run.run("figure \"p\" (format: \"png\", size: 320x200) { bars [1, 2, 3], [3, 1, 2] }") == nil)
        let data = try Data(contentsOf: run.file("p.png"))
        #expect(data.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        // PNG IHDR: width and height as big-endian 32-bit integers at offset 16.
        let width: Int = data.dropFirst(16).prefix(4).reduce(0) { $0 << 8 | Int($1) }
        let height: Int = data.dropFirst(20).prefix(4).reduce(0) { $0 << 8 | Int($1) }
        #expect(width == 320 && height == 200)
        #expect(!run.exists("p.svg"))
    }

    @Test func theReplDrawsInTheTerminal() {
        let run = FigureHarness(terminal: true)
        #expect(run.run("figure \"t\" (title: \"in the terminal\") { line linspace(0, 1, 20), linspace(0, 1, 20) ^ 2 }") == nil)
        #expect(run.sink.printed.contains("in the terminal"))
        #expect(run.sink.printed.contains("\u{1B}["))
        #expect(run.sink.printed.split(separator: "\n").count >= 20)
        #expect(!FileManager.default.fileExists(atPath: run.directory.path))
        #expect(run.sink.displayed.isEmpty)
    }

    @Test func terminalSizeComesFromTheEnvironment() {
        func size(_ environment: [String: String]) -> [Int] {
            let size = FigureOutput.terminalDimensions(environment: environment)
            return [size.columns, size.rows]
        }
        #expect(size([:]) == [80, 24])
        #expect(size(["COLUMNS": "120", "LINES": "40"]) == [120, 39])
        #expect(size(["COLUMNS": "x", "LINES": "-3"]) == [80, 24])
    }

    @Test func missingGnuplotIsADiagnosticAndOtherCodeStillRuns() {
        let run = FigureHarness()
        run.host.useGnuplot(at: "/nonexistent/bin/gnuplot")
        let problem = run.run("figure \"fit\" { line [0, 1], [0, 1] }")
        #expect(problem?.kind == .io)
        #expect(problem?.message.contains("figure 'fit'") == true)
        #expect(problem?.hint?.contains("apt-get install gnuplot") == true)
        #expect(run.run("print(1 + 1)") == nil)
        #expect(run.sink.printed == "2\n")
        #expect(!run.exists("fit.svg"))
    }

    @Test func gnuplotMessagesNameTheFigure() throws {
        let run = FigureHarness()
        let fake = run.directory.deletingLastPathComponent().appendingPathComponent("fake-gnuplot")
        try FileManager.default.createDirectory(at: fake.deletingLastPathComponent(), withIntermediateDirectories: true)
        // Answers every figure with an error on "line 7" of its script, as gnuplot would.
        try """
        #!/bin/bash
        while IFS= read -r line; do
          case "$line" in
            load*) script=${line#load \\'}; script=${script%\\'} ;;
            print*) marker=${line#print \\'}; marker=${marker%\\'}
                    echo "\\"$script\\" line 7: undefined variable: boom" >&2; echo "$marker" >&2 ;;
          esac
        done
        """.write(to: fake, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
        run.host.useGnuplot(at: fake.path, timeout: 10)
        let problem = run.run("x = 1\nfigure \"broken\" { line [0, 1], [0, 1] }")
        #expect(problem?.message == "figure 'broken': gnuplot reported: line 7: undefined variable: boom")
        #expect(problem?.range?.startLocation.line == 2)
        #expect(problem?.hint?.hasSuffix("broken.gp") == true)
        #expect(run.exists("broken.gp"))
        #expect(!run.exists("broken.svg"))
    }

    @Test func hostileTitlesRunNothing() throws {
        let run = FigureHarness()
        let marker = run.directory.deletingLastPathComponent().appendingPathComponent("pwned")
        let hostile = [
            "`touch \(marker.path)`",
            "x' . system('touch \(marker.path)') . '",
            "a\\nsystem \\\"touch \(marker.path)\\\"",
            "\\\"; !touch \(marker.path); \\\"",
        ]
        for (index, text) in hostile.enumerated() {
            let problem = run.run("""
            figure "h\(index) \(text)" (title: "\(text)", xlabel: "\(text)") {
              panel "\(text)" (ylabel: "\(text)") {
                line [0, 1], [0, 1], title: "\(text)"
                text "\(text)", 0.5, 0.5
                vline 0.5, label: "\(text)"
              }
            }
            """)
            #expect(problem == nil, "\(text): \(problem?.message ?? "")")
        }
        #expect(!FileManager.default.fileExists(atPath: marker.path))
        let files = try FileManager.default.contentsOfDirectory(atPath: run.directory.path)
        #expect(files.count == hostile.count * 2)
        #expect(files.allSatisfy { !$0.contains("/") && !$0.hasPrefix(".") })
        #expect(run.host.gnuplotStartCount == 1)
    }
}
