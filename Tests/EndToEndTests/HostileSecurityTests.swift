import Foundation
import Testing

/// Nothing in a notebook runs a shell command, loads code or writes outside its folder:
/// hostile text goes through the language into gnuplot, figure names into file names,
/// cell titles and paths through the command line. A canary file that must never appear
/// is the proof.
@Suite("security", .serialized)
struct HostileSecurityTests {
    static let hasGnuplot = FaultTests.gnuplotPath != nil

    /// dln string literals that try to run `touch CANARY` through gnuplot.
    static func attacks(_ canary: String) -> [String] {
        [
            "`touch \(canary)`",
            "system('touch \(canary)')",
            "x'.system('touch \(canary)').'",
            "it''s `touch \(canary)`",
            "'''.system(\\\"touch \(canary)\\\").'",
            "\\n!touch \(canary)\\n",
            "\\r!touch \(canary)",
            "a\\nEOD\\n!touch \(canary)\\n$data0 << EOD",
            "@GPVAL_TERM `touch \(canary)`",
            "\\\" . system(\\\"touch \(canary)\\\") . \\\"",
            "\\\"'; system('touch \(canary)'); '",
            "x\u{2028}!touch \(canary)",
            "x\u{85}!touch \(canary)",
            "\\0!touch \(canary)",
            "set output '\(canary)'",
        ]
    }

    @Test(.enabled(if: hasGnuplot, "gnuplot is not installed"))
    func hostileStringsNeverRunCommands() throws {
        let folder = try Hostile.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let canary = folder.appendingPathComponent("PWNED").path
        var cells = ["x = linspace(0, 1, 5)"]
        for (index, attack) in Self.attacks(canary).enumerated() {
            let text = "\"\(attack)\""
            cells.append("""
                %% attack \(index)
                figure "f\(index)" (title: \(text), xlabel: \(text), ylabel: \(text)) {
                  panel \(text) {
                    line x, x, title: \(text)
                    text \(text), 0.5, 0.5
                    vline 0.5, label: \(text)
                  }
                }
                """)
        }
        let notebook = folder.appendingPathComponent("attack.dln")
        try Data(cells.joined(separator: "\n").utf8).write(to: notebook)
        let result = try DLNProcess.run(["run", "attack.dln", "--quiet"], directory: folder, timeout: 120)
        Hostile.expectNoCrash(result, "hostile strings")
        #expect(result.status == 0, "status \(result.status): \(result.stderr.prefix(3000))")
        #expect(!FileManager.default.fileExists(atPath: canary), "a notebook string ran a command")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("plots").path)) ?? []
        #expect(files.filter { $0.hasSuffix(".svg") }.count == Self.attacks(canary).count, "\(files)")
        // Nothing but the notebook, the plots folder and the cell cache appeared.
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder.path)) == ["attack.dln", "plots", ".dln-cache"])
    }

    @Test(.enabled(if: hasGnuplot, "gnuplot is not installed"))
    func figureNamesStayInTheOutputFolder() throws {
        let folder = try Hostile.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let work = folder.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let names = ["../escape", "../../escape2", "/tmp/dln-absolute-\(UUID().uuidString)", "..", ".", "", "a/b/c",
                     "~/home", ".hidden", "$(touch PWNED)", "`touch PWNED`", "name\\nwith newline", "x\\0y",
                     String(repeating: "long", count: 100), "ünïcødé", "con", "plots/../../escape3"]
        var cells = ["x = linspace(0, 1, 5)"]
        for (index, name) in names.enumerated() {
            cells.append("%% figure \(index)\nfigure \"\(name)\" { line x, x }")
        }
        try Data(cells.joined(separator: "\n").utf8).write(to: work.appendingPathComponent("names.dln"))
        let result = try DLNProcess.run(["run", "names.dln", "--quiet"], directory: work, timeout: 120)
        Hostile.expectNoCrash(result, "figure names")
        #expect(result.status == 0 || result.status == 1, "\(result.stderr.prefix(2000))")
        // Everything written is directly inside work/plots; nothing escaped to folder or /tmp.
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder.path)) == ["work"])
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: work.path)) == ["names.dln", "plots", ".dln-cache"])
        let plots = work.appendingPathComponent("plots")
        for name in try FileManager.default.contentsOfDirectory(atPath: plots.path) {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: plots.appendingPathComponent(name).path, isDirectory: &isDirectory)
            #expect(!isDirectory.boolValue, "a figure made the folder \(name)")
            #expect(!name.hasPrefix("."), "hidden file \(name)")
            #expect(name.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 32 && $0 != "/" }, "\(name)")
            #expect(name.count <= 104, "\(name)")
        }
        #expect(!FileManager.default.fileExists(atPath: names[2]), "an absolute figure name wrote outside --out")
    }

    /// Text that is data — cell titles, Markdown cells, the notebook's own name, `--set`
    /// strings, printed strings — is never evaluated, and the JSON report escapes it.
    @Test func dataIsNeverEvaluated() throws {
        let folder = try Hostile.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let canary = folder.appendingPathComponent("PWNED").path
        let notebookName = "$(touch PWNED);`touch PWNED`.dln"
        let text = """
            %% parameters
            label = "none"
            %% print("title ran") `touch \(canary)` "quote\\
            s = "print(\\"string ran\\")"
            print(s)
            %% md
            print("markdown ran")
            x = system("touch \(canary)")
            %% last
            print(label)
            """
        try Data(text.utf8).write(to: folder.appendingPathComponent(notebookName))
        let report = folder.appendingPathComponent("report.json")
        let result = try DLNProcess.run(["run", notebookName, "--set", "label=\"print(\\\"set ran\\\")\"",
                                         "--report", report.path],
                                        directory: folder, timeout: 60)
        Hostile.expectNoCrash(result, "data as code")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("title ran\n") && !result.stdout.contains("markdown ran"))
        #expect(!result.stdout.contains("string ran\n") && !result.stdout.contains("set ran\n"))
        #expect(result.stdout.contains("print(\"string ran\")") && result.stdout.contains("print(\"set ran\")"))
        #expect(!FileManager.default.fileExists(atPath: canary))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any]
        #expect(json?["notebook"] as? String == notebookName)
    }

    /// `--out` and `--report` are the user's own choice and may be anywhere, but a path
    /// with control characters never reaches gnuplot.
    @Test(.enabled(if: hasGnuplot, "gnuplot is not installed"))
    func outputPathsWithControlCharacters() throws {
        let folder = try Hostile.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("x = linspace(0, 1, 5)\nfigure \"f\" { line x, x }\n".utf8).write(to: folder.appendingPathComponent("p.dln"))
        let result = try DLNProcess.run(["run", "p.dln", "--out", "plots\n!touch PWNED\n"], directory: folder, timeout: 60)
        Hostile.expectNoCrash(result, "control characters in --out")
        #expect(result.status == 1)
        #expect(result.stderr.contains("paths with control characters cannot be given to gnuplot"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("PWNED").path))
    }

    /// The REPL's history file is private: created 0600 in a 0700 folder, and made private
    /// again if it was not (see also REPLTerminalTests.historySurvivesARestart).
    @Test func historyFileIsPrivate() throws {
        let folder = try Hostile.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fresh = folder.appendingPathComponent("new/dln/history")
        let loose = folder.appendingPathComponent("loose-history")
        try Data("1 + 1\n".utf8).write(to: loose)
        chmod(loose.path, 0o666)
        let previous = umask(0)
        defer { umask(previous) }
        for path in [fresh, loose] {
            let terminal = try TerminalSession(history: path.path)
            #expect(terminal.waitFor("dln> "))
            terminal.type("x = 1\r")
            #expect(terminal.waitFor("dln> x = 1"))
            #expect(terminal.quit() == 0)
            let mode = try FileManager.default.attributesOfItem(atPath: path.path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(path.lastPathComponent): mode \(String(mode ?? 0, radix: 8))")
        }
        let folderMode = try FileManager.default.attributesOfItem(atPath: fresh.deletingLastPathComponent().path)[.posixPermissions] as? Int
        #expect(folderMode == 0o700, "mode \(String(folderMode ?? 0, radix: 8))")
    }
}
