import Foundation
import Testing

/// `dln run --html/--markdown` end to end: the page is read by a real HTML5 parser
/// (html5lib, strict) and drawn by a real browser (headless Chromium).
@Suite(.serialized) struct ReportTests {
    @Test func aCourseNotebookBecomesOnePageWithEveryCellAndFigure() throws {
        let folder = try ReportChecker.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let notebooks = ReportChecker.repository.appendingPathComponent("notebooks")
        let page = folder.appendingPathComponent("report.html")
        let result = try DLNProcess.run(["run", "03_shallow_networks.dln", "--out", folder.appendingPathComponent("plots").path,
                                         "--html", page.path, "--markdown", folder.appendingPathComponent("report.md").path],
                                        directory: notebooks, timeout: 300)
        #expect(result.status == 0, "\(result.stderr)")
        let structure = try ReportChecker.structure(of: page)
        let code = structure.sections.filter { $0.className?.hasPrefix("cell status-") == true }
        #expect(code.map(\.heading) == ["parameters", "the network", "figure: the 3 x 3 grid", "activation patterns",
                                        "figure: output and linear regions", "count regions empirically"])
        #expect(structure.contents == code.map { "#" + ($0.id ?? "") })
        #expect(structure.sections.map(\.svgs).reduce(0, +) == 2)
        for section in structure.sections where section.svgs > 0 {
            #expect(section.links.contains { $0.hasPrefix("plots/") && $0.hasSuffix(".gp") })
        }
        #expect(structure.bannerLinks.isEmpty)
        #expect(structure.scripts == 0 && structure.eventAttributes.isEmpty)
        #expect(structure.provenance.contains("parameters") && structure.provenance.contains("OpenBLAS"))
        let markdown = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(markdown.contains("(plots/shallow_steps.svg)"))
    }

    @Test func theJSONReportRecordsSetValuesAndFinalParameters() throws {
        let folder = try ReportChecker.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "%% parameters\nn = 3\nlabel = \"a\"\n%% use\nn = n * 2\nprint(n)\n"
            .write(to: folder.appendingPathComponent("nb.dln"), atomically: true, encoding: .utf8)
        let result = try DLNProcess.run(["run", "nb.dln", "--set", "n=5", "--report", "r.json", "--markdown", "r.md"],
                                        directory: folder, timeout: 60)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("r.json"))) as? [String: Any]
        #expect(json?["set"] as? [[String: String]] == [["name": "n", "value": "5"]])
        #expect(json?["parameters"] as? [[String: String]] == [["name": "n", "value": "10"], ["name": "label", "value": "\"a\""]])
        #expect(json?["notebook_path"] as? String == "nb.dln")
        #expect((json?["threads"] as? Int ?? 0) >= 1)
        #expect((json?["start_time"] as? String)?.hasSuffix("Z") == true)
        #expect(json?.keys.contains("openblas_core_type") == true)
        let markdown = try String(contentsOf: folder.appendingPathComponent("r.md"), encoding: .utf8)
        #expect(markdown.contains("| \\-\\-set | n = 5 |") || markdown.contains("| --set | n = 5 |"), "\(markdown)")
    }

    static let failing = """
        %% md
        A notebook that *fails*: <script>alert("markdown")</script>
        %% figure first
        x = linspace(0, 1, 5)
        figure "a_line" (title: "a line") {
          line x, x
        }
        %% hostile output
        print("<script>alert(1)</script> <img src=x onerror=alert(2)>")
        %% the check
        expect 1 + 1 == 3
        %% after
        print("still runs")
        """

    @Test func aFailedExpectationGetsABannerLinkingToItsCellAndNothingIsUnescaped() throws {
        let folder = try ReportChecker.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.failing.write(to: folder.appendingPathComponent("nb.dln"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("out"), withIntermediateDirectories: false)
        let result = try DLNProcess.run(["run", "nb.dln", "--html", "out/report.html"], directory: folder, timeout: 120)
        #expect(result.status == 1)
        let page = folder.appendingPathComponent("out/report.html")
        let structure = try ReportChecker.structure(of: page)
        #expect(structure.bannerLinks == ["#cell-4"])
        #expect(structure.sections.first { $0.id == "cell-4" }?.className == "cell status-failed")
        #expect(structure.sections.first { $0.id == "cell-2" }?.svgs == 1)
        #expect(structure.sections.first { $0.id == "cell-2" }?.links == ["../plots/a_line.svg", "../plots/a_line.gp"])
        #expect(structure.sections.first { $0.id == "cell-3" }?.outputs == ["<script>alert(1)</script> <img src=x onerror=alert(2)>\n"])
        #expect(structure.scripts == 0 && structure.eventAttributes.isEmpty)
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.contains("nb.dln:11:1: expectation failed: 1 + 1 == 3"))
        #expect(html.contains("<title id=\"c2f0-title\">a_line: a line</title>"), "the figure's accessible name")

        // A real browser draws it: the screenshot is not one flat colour.
        let screenshot = folder.appendingPathComponent("shot.png")
        try ReportChecker.screenshot(of: page, to: screenshot, profile: folder.appendingPathComponent("profile"))
        #expect(try ReportChecker.distinctColours(in: screenshot) > 10)
    }

    @Test func pngFiguresAreEmbeddedAsDataAddresses() throws {
        let folder = try ReportChecker.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.failing.write(to: folder.appendingPathComponent("nb.dln"), atomically: true, encoding: .utf8)
        _ = try DLNProcess.run(["run", "nb.dln", "--format", "png", "--html", "r.html"], directory: folder, timeout: 120)
        let structure = try ReportChecker.structure(of: folder.appendingPathComponent("r.html"))
        #expect(structure.sections.first { $0.id == "cell-2" }?.images == ["data:image/png;base64,"])
    }

    @Test func aTimedOutRunStillWritesItsReport() throws {
        let folder = try ReportChecker.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "%% forever\nn = 0\nwhile true { n = n + 1 }\n".write(to: folder.appendingPathComponent("nb.dln"), atomically: true, encoding: .utf8)
        let result = try DLNProcess.run(["run", "nb.dln", "--timeout", "0.5", "--html", "r.html", "--markdown", "r.md"],
                                        directory: folder, timeout: 60)
        #expect(result.status == 1)
        let structure = try ReportChecker.structure(of: folder.appendingPathComponent("r.html"))
        #expect(structure.bannerLinks == ["#cell-1"])
        let markdown = try String(contentsOf: folder.appendingPathComponent("r.md"), encoding: .utf8)
        #expect(markdown.contains("> **This run was interrupted**") || markdown.contains("> **This run failed**"))
        // no temporary file is left behind (the cell cache's folder is not one)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") && $0 != ".dln-cache" }.isEmpty)
    }

    @Test func aRunStoppedBySIGTERMStillWritesItsReport() throws {
        let folder = try ReportChecker.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "%% first\nprint(\"before\")\n%% forever\nn = 0\nwhile true { n = n + 1 }\n"
            .write(to: folder.appendingPathComponent("nb.dln"), atomically: true, encoding: .utf8)
        let process = try DLNProcess.start(["run", "nb.dln", "--html", "r.html"], directory: folder)
        Thread.sleep(forTimeInterval: 1)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 143)
        let structure = try ReportChecker.structure(of: folder.appendingPathComponent("r.html"))
        #expect(structure.bannerLinks == ["#cell-2"])
        #expect(structure.sections.first { $0.id == "cell-1" }?.outputs == ["before\n"])
        #expect(structure.sections.first { $0.id == "cell-2" }?.className == "cell status-interrupted")
        let html = try String(contentsOf: folder.appendingPathComponent("r.html"), encoding: .utf8)
        #expect(html.contains("<strong>This run was interrupted</strong> (exit status 143)"))
    }

    @Test func aReportMayNotOverwriteTheNotebookOrAnotherReport() throws {
        let folder = try ReportChecker.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "%% a\nprint(1)\n".write(to: folder.appendingPathComponent("nb.dln"), atomically: true, encoding: .utf8)
        let overNotebook = try DLNProcess.run(["run", "nb.dln", "--html", "./nb.dln"], directory: folder, timeout: 60)
        #expect(overNotebook.status == 64 || overNotebook.status == 2)
        #expect(overNotebook.stderr.contains("--html would overwrite the notebook"), "\(overNotebook.stderr)")
        #expect(try String(contentsOf: folder.appendingPathComponent("nb.dln"), encoding: .utf8) == "%% a\nprint(1)\n")
        let twice = try DLNProcess.run(["run", "nb.dln", "--report", "r.txt", "--markdown", "r.txt"], directory: folder, timeout: 60)
        #expect(twice.stderr.contains("--report and --markdown name the same file"), "\(twice.stderr)")
    }

    @Test func anUnwritableReportIsAnErrorNamingIt() throws {
        let folder = try ReportChecker.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "%% a\nprint(1)\n".write(to: folder.appendingPathComponent("nb.dln"), atomically: true, encoding: .utf8)
        let result = try DLNProcess.run(["run", "nb.dln", "--html", "missing/folder/r.html"], directory: folder, timeout: 60)
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot write the report"), "\(result.stderr)")
    }
}

/// The Python side of the report tests: a virtual environment under `.build/test-venv`
/// with html5lib and pypng, made once and reused.
enum ReportChecker {
    struct Section: Decodable {
        var id: String?
        var className: String?
        var heading: String?
        var svgs: Int
        var images: [String]
        var outputs: [String]
        var links: [String]
        enum CodingKeys: String, CodingKey { case id, heading, svgs, images, outputs, links, className = "class" }
    }

    struct Structure: Decodable {
        var title: String
        var sections: [Section]
        var bannerLinks: [String]
        var scripts: Int
        var eventAttributes: [String]
        var contents: [String]
        var provenance: [String]
        enum CodingKeys: String, CodingKey {
            case title, sections, scripts, contents, provenance
            case bannerLinks = "banner_links", eventAttributes = "event_attributes"
        }
    }

    struct Failure: Error, CustomStringConvertible { var description: String }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("ReportChecks/check_report.py")

    /// The environment's Python, made on first use (a static let runs once, even in parallel tests).
    static let python: Result<URL, Failure> = {
        let venv = repository.appendingPathComponent(".build/test-venv")
        let python = venv.appendingPathComponent("bin/python")
        let ready = venv.appendingPathComponent(".dln-report-checks")
        if FileManager.default.fileExists(atPath: ready.path) { return .success(python) }
        do {
            try command("/usr/bin/env", ["python3", "-m", "venv", venv.path])
            try command(python.path, ["-m", "pip", "install", "--quiet", "html5lib", "pypng"])
            FileManager.default.createFile(atPath: ready.path, contents: Data())
            return .success(python)
        } catch {
            return .failure(Failure(description: "cannot make the test environment: \(error)"))
        }
    }()

    static func structure(of page: URL) throws -> Structure {
        let output = try command(python.get().path, [script.path, page.path])
        return try JSONDecoder().decode(Structure.self, from: Data(output.utf8))
    }

    static func distinctColours(in png: URL) throws -> Int {
        struct Colours: Decodable { var colours: Int }
        let output = try command(python.get().path, [script.path, "--colours", png.path])
        return try JSONDecoder().decode(Colours.self, from: Data(output.utf8)).colours
    }

    static func screenshot(of page: URL, to png: URL, profile: URL) throws {
        let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let chromium else { throw Failure(description: "chromium is not installed (scripts/setup installs it)") }
        try command(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile.path)",
                               "--window-size=1000,1400", "--screenshot=\(png.path)", page.absoluteString])
    }

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dln-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Runs a program; its standard output, or an error with its standard error.
    @discardableResult
    static func command(_ path: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let group = DispatchGroup()
        nonisolated(unsafe) var errorData = Data()
        DispatchQueue.global().async(group: group) { errorData = errors.fileHandleForReading.readDataToEndOfFile() }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        group.wait()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(path) \(arguments.joined(separator: " ")) exited with \(process.terminationStatus): "
                          + String(decoding: errorData.suffix(2000), as: UTF8.self))
        }
        return String(decoding: data, as: UTF8.self)
    }
}
