import Foundation
import Testing
@testable import Gnuplot

@Suite struct MissingGnuplotTests {
    @Test func missingExecutableSaysHowToInstall() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let process = GnuplotProcess(configuration: .init(executablePath: "/nonexistent/gnuplot"))
        #expect {
            try FigureWriter(process: process).write(Fixtures.shallowFit, to: directory)
        } throws: { error in
            guard let error = error as? GnuplotError, case .gnuplotNotFound(let path) = error else { return false }
            return path == "/nonexistent/gnuplot" && error.message.contains("apt-get install gnuplot-nox")
        }
        #expect(process.startCount == 0)
        #expect(contents(of: directory) == ["shallow_fit.gp"])
    }
}

@Suite(.enabled(if: gnuplotAvailable, "gnuplot is not installed"))
struct ProcessTests {
    @Test func twentyFiguresShareOneProcess() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let writer = FigureWriter(process: GnuplotProcess())
        for index in 0..<20 {
            var figure = Fixtures.shallowFit
            figure.name = "figure\(index)"
            try writer.write(figure, to: directory)
        }
        #expect(writer.process.startCount == 1)
        #expect(contents(of: directory).count == 40)
    }

    /// A figure whose script gnuplot rejects: a log axis with only non-positive data.
    var broken: Figure {
        Figure(name: "broken fig", panel: Panel(x: Axis(scale: .log10), series: [.line(Line(xs: [-1, -2], ys: [1, 2]))]))
    }

    @Test func gnuplotErrorsNameTheFigureAndLine() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let writer = FigureWriter(process: GnuplotProcess())
        #expect {
            try writer.write(broken, to: directory)
        } throws: { error in
            guard let error = error as? GnuplotError, case .scriptFailed(let figure, let messages) = error,
                  let first = messages.first, let line = first.line else { return false }
            let script = (try? String(contentsOf: directory.appendingPathComponent("broken_fig.gp"), encoding: .utf8)) ?? ""
            let scriptLines = script.components(separatedBy: "\n")
            return figure == "broken fig" && error.message.hasPrefix("figure 'broken fig': gnuplot reported: line ")
                && line > 0 && line <= scriptLines.count
                && scriptLines[line - 1].contains("$data0 using 1:2")
        }
        // No image and no temporary file: only the script, kept for inspection.
        #expect(contents(of: directory) == ["broken_fig.gp"])
        // The same process goes on to draw the next figure.
        try writer.write(Fixtures.shallowFit, to: directory)
        #expect(writer.process.startCount == 1)
        #expect(contents(of: directory) == ["broken_fig.gp", "shallow_fit.gp", "shallow_fit.svg"])
    }

    @Test func failedRedrawKeepsThePreviousImage() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let writer = FigureWriter(process: GnuplotProcess())
        var figure = broken
        figure.panels[0].x.scale = .linear
        let output = try writer.write(figure, to: directory)
        let before = try Data(contentsOf: output.image)
        #expect(throws: GnuplotError.self) { try writer.write(broken, to: directory) }
        #expect(try Data(contentsOf: output.image) == before)
        #expect(contents(of: directory) == ["broken_fig.gp", "broken_fig.svg"])
    }

    @Test func aDeadProcessIsRestarted() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let writer = FigureWriter(process: GnuplotProcess())
        try writer.write(Fixtures.shallowFit, to: directory)
        writer.process.terminate()
        try writer.write(Fixtures.classes, to: directory)
        #expect(writer.process.startCount == 2)
    }

    @Test func aScriptThatExitsGnuplotIsReported() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = directory.appendingPathComponent("exit.gp")
        try "exit gnuplot\n".write(to: script, atomically: true, encoding: .utf8)
        let process = GnuplotProcess()
        #expect(throws: GnuplotError.self) { try process.run(scriptAt: script, figure: "exit", output: nil) }
        try FigureWriter(process: process).write(Fixtures.shallowFit, to: directory)
        #expect(process.startCount == 2)
    }

    @Test func slowFiguresTimeOut() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = directory.appendingPathComponent("slow.gp")
        try "pause 5\n".write(to: script, atomically: true, encoding: .utf8)
        let process = GnuplotProcess(configuration: .init(timeout: 0.5))
        #expect {
            try process.run(scriptAt: script, figure: "slow", output: nil)
        } throws: { error in
            guard let error = error as? GnuplotError, case .timedOut(let figure, _) = error else { return false }
            return figure == "slow"
        }
        try FigureWriter(process: process).write(Fixtures.shallowFit, to: directory)
        #expect(process.startCount == 2)
    }
}
