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
        #expect(job.stagingPrefix == ".lesson.dln-tmp-42-")
    }

    /// Staging folders are new folders with unguessable names.
    @Test func stagingFoldersHaveRandomNames() throws {
        let folder = try TemporaryFolder()
        let job = NotebookJob(notebook: URL(fileURLWithPath: "/n/lesson.dln"), outputRoot: folder.url)
        let first = try job.createStaging(), second = try job.createStaging()
        #expect(first != second)
        #expect(first.lastPathComponent.hasPrefix(".lesson.dln-tmp-\(ProcessInfo.processInfo.processIdentifier)-"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: first.path).isEmpty)
    }

    /// Only a folder with dln's manifest may be replaced: not the user's own folder, a
    /// file, or a link.
    @Test func replacesOnlyFoldersItMade() throws {
        let folder = try TemporaryFolder()
        let job = NotebookJob(notebook: URL(fileURLWithPath: "/n/data.dln"), outputRoot: folder.url)
        #expect(job.outputOwnershipProblem() == nil, "a missing folder is made")
        try folder.write("1,2\n", to: "data/train.csv")
        #expect(job.outputOwnershipProblem()?.contains("it was not made by dln figures (it has no .dln-manifest.json)") == true)
        try folder.write("{}", to: "data/.dln-manifest.json")
        #expect(job.outputOwnershipProblem() == nil)
        let other = NotebookJob(notebook: URL(fileURLWithPath: "/n/link.dln"), outputRoot: folder.url)
        try FileManager.default.createSymbolicLink(at: other.output, withDestinationURL: job.output)
        #expect(other.outputOwnershipProblem()?.contains("it is a symbolic link") == true)
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
        let own = ".lesson.dln-tmp-\(ProcessInfo.processInfo.processIdentifier)-ab12"
        let abandoned = [".lesson.tmp-999999999", ".lesson.dln-tmp-999999999-ab12", ".lesson.dln-old-999999999-cd34"]
        try folder.write("", to: "\(own)/x")
        try folder.write("", to: ".lesson.dln-tmp-999999999-ab12.report.json")
        try folder.write("", to: "..lesson.dln-tmp-999999999-ab12.report.json.dln-tmp-5-ff")
        for name in abandoned { try folder.write("", to: "\(name)/x") }
        job.removeAbandonedStaging()
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent(own).path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == [own])
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
