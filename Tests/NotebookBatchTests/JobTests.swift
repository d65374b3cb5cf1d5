import Foundation
import Testing
@testable import NotebookBatch

@Suite("Notebook jobs")
struct JobTests {
    @Test func discoversNotebooksDirectlyInTheFolder() throws {
        let folder = try TemporaryFolder()
        try folder.write("", to: "b.dln")
        try folder.write("", to: "a.dln")
        try folder.write("", to: "notes.md")
        try folder.write("", to: "examples/c.dln")
        #expect(try NotebookJob.discover(in: folder.url).map(\.lastPathComponent) == ["a.dln", "b.dln"])
    }

    @Test func namesItsFolders() {
        let job = NotebookJob(notebook: URL(fileURLWithPath: "/n/lesson.dln"), outputRoot: URL(fileURLWithPath: "/p"), processID: 42)
        #expect(job.name == "lesson")
        #expect(job.output.path == "/p/lesson")
        #expect(job.staging.path == "/p/.lesson.tmp-42")
    }

    @Test func explainsStaleness() throws {
        let folder = try TemporaryFolder()
        let notebook = try folder.write("%% x\n", to: "n/lesson.dln")
        let job = NotebookJob(notebook: notebook, outputRoot: folder.url.appendingPathComponent("plots"))
        let fingerprint = try Fingerprint(notebook: notebook, settings: [], version: "1")
        #expect(job.staleness(of: fingerprint) == ["no figures yet"])
        try folder.write("<svg/>", to: "plots/lesson/a.svg")
        let outputs = Manifest.hashOutputs(in: job.output)
        try Manifest(notebook: "lesson.dln", fingerprint: fingerprint, outputs: outputs).write(to: job.output)
        #expect(job.staleness(of: fingerprint).isEmpty)
        try folder.write("<svg>edited</svg>", to: "plots/lesson/a.svg")
        #expect(job.staleness(of: fingerprint) == ["a.svg missing or edited"])
    }

    @Test func replacesAFolderWhole() throws {
        let folder = try TemporaryFolder()
        try folder.write("old", to: "out/old.svg")
        try folder.write("new", to: "stage/new.svg")
        try OutputReplacement.replace(folder.url.appendingPathComponent("out"), with: folder.url.appendingPathComponent("stage"))
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent("out").path)
        #expect(names == ["new.svg"])
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("stage").path))
    }

    @Test func removesOnlyAbandonedStaging() throws {
        let folder = try TemporaryFolder()
        let job = NotebookJob(notebook: URL(fileURLWithPath: "/n/lesson.dln"), outputRoot: folder.url)
        let own = ".lesson.tmp-\(ProcessInfo.processInfo.processIdentifier)"
        try folder.write("", to: "\(own)/x")
        try folder.write("", to: ".lesson.tmp-999999999/x")
        job.removeAbandonedStaging()
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent(own).path))
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent(".lesson.tmp-999999999").path))
    }
}

@Suite("Child output lines")
struct LineSplitterTests {
    func lines(_ chunks: [String]) -> [String] {
        var splitter = LineSplitter(), lines: [String] = []
        for chunk in chunks { splitter.feed(Data(chunk.utf8)) { lines.append($0) } }
        splitter.finish { lines.append($0) }
        return lines
    }

    @Test func splitsAtBreaksAcrossChunks() {
        #expect(lines(["%% a\nepo", "ch 1\rlast"]) == ["%% a", "epoch 1", "last"])
        #expect(lines(["one\n", "", "two\n"]) == ["one", "two"])
    }

    @Test func cutsLinesLongerThanOneMebibyte() {
        let long = String(repeating: "y", count: 3 << 20)
        let result = lines([String(long.prefix(1 << 19)), String(long.dropFirst(1 << 19)) + "\nnext"])
        #expect(result.count == 2)
        #expect(result[0] == String(repeating: "y", count: LineSplitter.maximumLineLength) + LineSplitter.cutMark)
        #expect(result[1] == "next")
    }
}
