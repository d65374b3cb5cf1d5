import Foundation
import Testing
@testable import Gnuplot

@Suite(.enabled(if: gnuplotAvailable, "gnuplot is not installed"))
struct RenderingTests {
    @Test func everyFixtureRendersToSVGWithoutWarnings() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let writer = FigureWriter(process: GnuplotProcess())
        for figure in Fixtures.all {
            let output = try writer.write(figure, to: directory)
            let svg = try String(contentsOf: output.image, encoding: .utf8)
            let size = figure.resolvedSize
            #expect(svgSize(svg).map { [$0.0, $0.1] } == [size.width, size.height], "\(figure.name)")
            #expect(svg.components(separatedBy: "<path").count > 10, "\(figure.name) looks blank")
            #expect(svg.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("</svg>"), "\(figure.name) is truncated")
            #expect(output.warnings.isEmpty || figure.name == "non_finite", "\(figure.name): \(output.warnings)")
        }
        #expect(writer.process.startCount == 1)
    }

    @Test func pngHasTheRequestedSizeAndIsNotBlank() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let process = GnuplotProcess()
        let writer = FigureWriter(process: process)
        let output = try writer.write(Fixtures.shallowFit, to: directory, terminal: .png(PixelSize(width: 320, height: 240)))
        let data = try Data(contentsOf: output.image)
        #expect(pngSize(data).map { [$0.0, $0.1] } == [320, 240])

        // Let gnuplot decode the PNG and count colours by their range.
        let stats = directory.appendingPathComponent("stats.txt")
        let script = directory.appendingPathComponent("stats.gp")
        try """
            stats \(GnuplotSyntax.quoted(output.image.path)) binary filetype=png using ($1 + 256*$2 + 65536*$3) nooutput
            set print \(GnuplotSyntax.quoted(stats.path))
            print STATS_min, STATS_max
            unset print
            """.write(to: script, atomically: true, encoding: .utf8)
        _ = try process.run(scriptAt: script, figure: "stats", output: nil)
        let numbers = try String(contentsOf: stats, encoding: .utf8).split(whereSeparator: \.isWhitespace).compactMap { Double($0) }
        #expect(numbers.count == 2 && numbers[0] < numbers[1], "PNG is a single colour: \(numbers)")
    }

    @Test func pdfsDrawnAtDifferentTimesAreTheSameBytes() throws {
        let writer = FigureWriter(process: GnuplotProcess())
        let first = try writer.draw(Fixtures.shallowFit, terminal: .pdf())
        Thread.sleep(forTimeInterval: 1.1)   // cairo's date has whole seconds
        let second = try writer.draw(Fixtures.shallowFit, terminal: .pdf())
        #expect(first == second)
        #expect(String(decoding: first, as: UTF8.self).contains("/CreationDate (D:19700101000000"))
    }

    @Test func onlyTheCreationDateDigitsChange() {
        let pdf = Array("x /CreationDate (D:20261121104709Z) y".utf8)
        #expect(ReproduciblePDF.fixingCreationDate(pdf) == Array("x /CreationDate (D:19700101000000Z) y".utf8))
        let short = Array("/CreationDate (D:2026)".utf8)
        #expect(ReproduciblePDF.fixingCreationDate(short) == Array("/CreationDate (D:1970)".utf8))
        let none = Array("%PDF-1.5 no date".utf8)
        #expect(ReproduciblePDF.fixingCreationDate(none) == none)
    }

    @Test func pdfAndDumbAndSixelRender() throws {
        let writer = FigureWriter(process: GnuplotProcess())
        let pdf = try writer.draw(Fixtures.lossSurface, terminal: .pdf())
        #expect(pdf.starts(with: Data("%PDF".utf8)))
        let text = String(decoding: try writer.draw(Fixtures.shallowFit, terminal: .dumb(columns: 70, rows: 20)), as: UTF8.self)
        // gnuplot starts a dumb page with a form feed.
        let lines = text.split(separator: "\n").map { $0.filter { $0 != "\u{0C}" } }.filter { !$0.isEmpty }
        #expect(lines.count >= 19 && lines.allSatisfy { $0.count <= 70 })
        #expect(text.contains("fit"))
        let coloured = try writer.draw(Fixtures.shallowFit, terminal: .dumb(ansiColour: true))
        #expect(coloured.contains(0x1B))
        let sixel = try writer.draw(Fixtures.activations, terminal: .sixel(PixelSize(width: 200, height: 100)))
        #expect(sixel.starts(with: [0x1B, 0x50]))
        #expect(writer.process.startCount == 1)
    }

    @Test func savedScriptRerunsOnItsOwn() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = try FigureWriter(process: GnuplotProcess()).write(Fixtures.classes, to: directory)
        let original = try Data(contentsOf: output.image)
        try FileManager.default.removeItem(at: output.image)
        // gnuplot alone, in the folder, as a reader of the notebook would run it.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: GnuplotProcess.Configuration.defaultExecutablePath)
        process.arguments = [output.script.lastPathComponent]
        process.currentDirectoryURL = directory
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(try Data(contentsOf: output.image) == original)
    }
}
