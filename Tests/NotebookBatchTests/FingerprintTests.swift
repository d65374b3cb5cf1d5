import Foundation
import Testing
@testable import NotebookBatch

@Suite("Fingerprints")
struct FingerprintTests {
    let folder: TemporaryFolder
    let notebook: URL

    init() throws {
        folder = try TemporaryFolder()
        try folder.write("x,y\n0,1\n", to: "data/points.csv")
        notebook = try folder.write("""
            %% data
            points = csv("data/points.csv", label: "y")   # "not/a/file.csv"
            figure "line" { line [0, 1], [0, 1] }
            """, to: "lesson.dln")
    }

    func fingerprint(settings: [String] = [], version: String = "1.0") throws -> Fingerprint {
        try Fingerprint(notebook: notebook, settings: settings, version: version)
    }

    @Test func readsOnlyLiteralsThatNameFiles() throws {
        #expect(try fingerprint().inputs.keys.sorted() == ["data/points.csv"])
    }

    @Test func isStableWhenNothingChanges() throws {
        let first = try fingerprint(settings: ["epochs=3"])
        let second = try fingerprint(settings: ["epochs=3"])
        #expect(first == second)
        #expect(second.changes(since: first).isEmpty)
    }

    @Test func changesWithTheSource() throws {
        let before = try fingerprint()
        try folder.write("%% other\n", to: "lesson.dln")
        #expect(try fingerprint().changes(since: before).contains("source changed"))
    }

    @Test func changesWithAReferencedFile() throws {
        let before = try fingerprint()
        try folder.write("x,y\n0,2\n", to: "data/points.csv")
        #expect(try fingerprint().changes(since: before) == ["data/points.csv changed"])
    }

    @Test func changesWhenAReferencedFileAppears() throws {
        let before = try fingerprint()
        try folder.write("x\n", to: "not/a/file.csv")
        #expect(try fingerprint().changes(since: before) == ["not/a/file.csv is new"])
    }

    @Test func ignoresUnreferencedFiles() throws {
        let before = try fingerprint()
        try folder.write("unrelated", to: "data/other.csv")
        #expect(try fingerprint().changes(since: before).isEmpty)
    }

    @Test func changesWithTheSettings() throws {
        let before = try fingerprint(settings: ["epochs=3"])
        #expect(try fingerprint(settings: ["epochs=4"]).changes(since: before) == ["--set values changed"])
        #expect(try fingerprint().changes(since: before) == ["--set values changed"])
    }

    @Test func changesWithTheVersion() throws {
        let before = try fingerprint(version: "1.0")
        #expect(try fingerprint(version: "1.1").changes(since: before) == ["dln version changed (1.0 → 1.1)"])
    }

    @Test func decodesEscapesInLiterals() {
        let literals = SourceReferences.stringLiterals(in: #"a = "x\"y" + "tab\there" # "c""# + "\r\nb = \"open\r\n\"d\"")
        #expect(literals == ["x\"y", "tab\there", "c", "d"])
    }
}
