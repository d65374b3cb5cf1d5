import Foundation
import Testing

/// The golden corpus (see `Corpus/README.md`): every notebook under `Corpus/good` and
/// `Corpus/bad` is run by the built `dln` from the corpus folder and compared with its
/// expectations. Set `DLN_UPDATE_GOLDEN=1` to rewrite the `.stdout` files of good cases.
@Suite("golden corpus")
struct GoldenCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")

    static func cases(_ folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: corpus.appendingPathComponent(folder).path)) ?? []
        return names.filter { $0.hasSuffix(".dln") }.sorted()
    }

    @Test func theCorpusIsThere() {
        #expect(Self.cases("good").count >= 15)
        #expect(Self.cases("bad").count >= 40)
    }

    @Test(arguments: cases("good"))
    func goodNotebook(_ name: String) throws {
        let path = "good/" + name
        let header = try CorpusHeader(path: Self.corpus.appendingPathComponent(path))
        let reportFile = FileManager.default.temporaryDirectory.appendingPathComponent("dln-report-\(UUID()).json")
        defer { try? FileManager.default.removeItem(at: reportFile) }
        let result = try DLNProcess.run(header.arguments(for: path) + ["--report", reportFile.path], directory: Self.corpus)

        let expectedFile = Self.corpus.appendingPathComponent(path.replacingOccurrences(of: ".dln", with: ".stdout"))
        if ProcessInfo.processInfo.environment["DLN_UPDATE_GOLDEN"] != nil {
            try result.stdout.write(to: expectedFile, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: expectedFile, encoding: .utf8)
        #expect(result.stdout == expected, "stdout of \(path)")
        #expect(result.stderr == "", "stderr of \(path)")
        #expect(result.status == 0, "exit status of \(path)")
        try checkReport(reportFile, status: 0)
    }

    @Test(arguments: cases("bad"))
    func badNotebook(_ name: String) throws {
        let path = "bad/" + name
        let header = try CorpusHeader(path: Self.corpus.appendingPathComponent(path))
        let clock = ContinuousClock()
        let start = clock.now
        let result = try DLNProcess.run(header.arguments(for: path), directory: Self.corpus, timeout: 30,
                                        memoryLimit: DLNProcess.hostileMemoryLimit)
        #expect(clock.now - start < .seconds(10), "\(path) took too long")
        #expect(result.status == header.exitStatus, "exit status of \(path); stderr:\n\(result.stderr)")
        expectNoCrash(result, path)
        var lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false)[...]
        for expected in header.stderr {
            // "… text" matches a line ending with text (for messages that hold an absolute path).
            let matches: (Substring) -> Bool = expected.hasPrefix("… ")
                ? { $0.hasSuffix(expected.dropFirst(2)) } : { $0 == expected }
            guard let found = lines.firstIndex(where: matches) else {
                Issue.record("\(path): stderr lacks the line (in order)\n\(expected)\nstderr was:\n\(result.stderr)")
                break
            }
            lines = lines[(found + 1)...]
        }
        if let stdout = header.stdout {
            #expect(result.stdout == stdout.map { $0 + "\n" }.joined(), "stdout of \(path)")
        }
    }

    /// Cases whose bytes cannot live in the corpus as text.
    @Test func nonUTF8NotebookIsAFileError() throws {
        let result = try runBytes([0x78, 0x20, 0x3D, 0x20, 0xFF, 0xFE, 0x0A], name: "latin1.dln")
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("error: latin1.dln: invalid UTF-8 at byte offset 4 (line 1)\n"))
        #expect(result.stderr.contains("hint: dln notebooks must be saved as UTF-8 text"))
        expectNoCrash(result, "latin1.dln")
    }

    @Test func emptyNotebookFails() throws {
        for bytes in [[], Array("\n\n".utf8), Array("# only a comment\n".utf8)] as [[UInt8]] {
            let result = try runBytes(bytes, name: "empty.dln")
            #expect(result.status == 1)
            #expect(result.stderr == "error: the notebook 'empty.dln' is empty\nhint: cells start with a '%%' line\n")
            expectNoCrash(result, "empty.dln")
        }
    }

    private func runBytes(_ bytes: [UInt8], name: String) throws -> DLNProcess.Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dln-corpus-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(bytes).write(to: folder.appendingPathComponent(name))
        return try DLNProcess.run(["run", name], directory: folder, timeout: 30)
    }

    private func expectNoCrash(_ result: DLNProcess.Result, _ path: String) {
        #expect(!result.stderr.contains("Fatal error"), "\(path) trapped")
        #expect(!result.stderr.contains("Stack dump"), "\(path) printed a stack trace")
        #expect(result.status < 128, "\(path) ended by a signal")
    }

    /// The `--report` JSON has the documented shape.
    private func checkReport(_ file: URL, status: Int) throws {
        let data = try Data(contentsOf: file)
        let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(report["notebook"] is String)
        #expect(report["dln_version"] is String)
        #expect(report["status"] as? String == "passed")
        #expect(report["exit_status"] as? Int == status)
        #expect(report["duration_seconds"] is Double)
        #expect(report["diagnostics"] is [Any])
        let cells = try #require(report["cells"] as? [[String: Any]])
        #expect(!cells.isEmpty)
        for cell in cells {
            #expect(cell["index"] is Int)
            #expect(cell["title"] is String || cell["title"] is NSNull)
            #expect(["code", "markdown"].contains(cell["kind"] as? String))
            #expect(["passed", "skipped"].contains(cell["status"] as? String))
            #expect(cell["duration_seconds"] is Double)
            #expect(cell["displayed"] is [String])
            #expect(cell["output"] is String)
            #expect(cell["files"] is [String])
            #expect((cell["diagnostics"] as? [Any])?.isEmpty == true)
        }
    }
}

/// The leading `#` lines of a corpus notebook: `# args:`, `# command:`, `# exit:`,
/// `# stderr:` and `# stdout:` (see `Corpus/README.md`).
struct CorpusHeader {
    var extraArguments: [String] = []
    var command: [String]?
    var exitStatus: Int32 = 0
    var stderr: [String] = []
    var stdout: [String]?

    init(path: URL) throws {
        let text = try String(contentsOf: path, encoding: .utf8)
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("#") else { break }
            func value(_ key: String) -> String? {
                guard line.hasPrefix(key) else { return nil }
                let rest = line.dropFirst(key.count)
                return String(rest.hasPrefix(" ") ? rest.dropFirst() : rest)
            }
            if let words = value("# args:") { extraArguments += words.split(separator: " ").map(String.init) }
            if let words = value("# command:") { command = words.split(separator: " ").map(String.init) }
            if let status = value("# exit:") { exitStatus = Int32(status) ?? -1 }
            if let text = value("# stderr:") { stderr.append(text) }
            if let text = value("# stdout:") { stdout = (stdout ?? []) + [text] }
        }
    }

    func arguments(for path: String) -> [String] {
        (command ?? ["run", path]) + extraArguments
    }
}
