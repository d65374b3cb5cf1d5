import Foundation
import Testing
@testable import Gnuplot

/// Notebook strings must never run a command or touch a file.
@Suite(.enabled(if: gnuplotAvailable, "gnuplot is not installed"))
struct SafetyTests {
    static func attacks(touching path: String) -> [String] {
        [
            "`touch \(path)`",
            "system(\"touch \(path)\")",
            "'; system(\"touch \(path)\"); '",
            "'.system(\"touch \(path)\").'",
            "\n!touch \(path)\n",
            "x'\n!touch \(path)\n#",
            "\r!touch \(path)",
            "\\\n!touch \(path)",
            "x' \\\n!touch \(path) \\",
            "\"`touch \(path)`\"",
            "'\"`touch \(path)`\"'",
            "@cmd",
            "'; cmd = \"!touch \(path)\"; @cmd; '",
            "'; set output \"\(path)\"; plot x; '",
            "'; load \"\(path)\"; '",
            "'; set print \"\(path)\"; print 1; '",
            "'; save \"\(path)\"; '",
            "'; set table \"\(path)\"; plot x; '",
            "EOD\n!touch \(path)\nEOD",
            "{/Symbol `touch \(path)`} ^{`touch \(path)`} &{`touch \(path)`}",
            "$(touch \(path))",
            "../../../../tmp/escape",
            "'@GPVAL_LAST_PLOT'",
            "\"'\" @GPVAL_LAST_PLOT",
            "'''; print 1; '''",
            "a''''; system(\"touch \(path)\"); ''''",
            "'`touch \(path)`",
            "\u{0}!touch \(path)",
            "\u{2028}!touch \(path)",
        ]
    }

    @Test func hostileStringsTouchNothing() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("pwned")
        let process = GnuplotProcess()
        let writer = FigureWriter(process: process)
        for (index, attack) in Self.attacks(touching: target.path).enumerated() {
            // Text in every place a string can go; the figure name too.
            let figure = Fixtures.hostile(attack, name: attack)
            do {
                let output = try writer.write(figure, to: directory.appendingPathComponent("out\(index)"))
                // A macro expanded by mistake shows up as "… is not a string variable".
                #expect(!output.warnings.contains { $0.text.contains("variable") }, "attack \(index): \(output.warnings)")
            } catch {
                Issue.record("attack \(index) broke the script: \(error)")
            }
            #expect(!FileManager.default.fileExists(atPath: target.path), "attack \(index) created a file: \(attack)")
        }
        #expect(process.startCount == 1, "an attack made gnuplot exit")
        // Each output folder holds exactly the script and the image.
        for index in Self.attacks(touching: "").indices {
            let names = contents(of: directory.appendingPathComponent("out\(index)"))
            #expect(names.count == 2 && names.allSatisfy { !$0.hasPrefix(".") }, "\(names)")
        }
    }

    @Test func hostileTextIsShownVerbatim() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = "''it''s `date` @GPVAL_TERM ^{2} & <b>'"
        let output = try FigureWriter(process: GnuplotProcess()).write(Fixtures.hostile(text), to: directory)
        let svg = try String(contentsOf: output.image, encoding: .utf8)
        #expect(svg.contains("''it''s `date` @GPVAL_TERM ^{2} &amp; &lt;b>'"))
        #expect(output.warnings.isEmpty, "\(output.warnings)")
    }
}
