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

    @Test func aFileTooLargeToLoadStandsForItselfBySizeAndTime() throws {
        let url = folder.url.appendingPathComponent("data/points.csv")
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: UInt64(FileDigest.maximumHashedSize) + 1)   // sparse: no disk, no read
        try handle.close()
        let first = try fingerprint()
        let value = try #require(first.inputs["data/points.csv"])
        #expect(value.hasPrefix("unhashed:size=4294967297:modified="))
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1)], ofItemAtPath: url.path)
        #expect(try fingerprint().changes(since: first) == ["data/points.csv changed"])
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
        #expect(try fingerprint(settings: ["epochs=3", "--precision 64"]).changes(since: before) == ["run options changed"])
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

/// `--check` runs nothing: it reads only regular files inside the notebooks
/// folder, and names the literals that point elsewhere.
@Suite("Fingerprints: what is read")
struct FingerprintBoundsTests {
    @Test func literalsOutsideTheFolderAreNamedAndNotRead() throws {
        let folder = try TemporaryFolder()
        let outside = try folder.write("secret", to: "outside.csv")
        try folder.write("x\n", to: "notebooks/data/in.csv")
        let notebook = try folder.write("""
            a = "../outside.csv"   # "data/../../outside.csv"
            b = "\(outside.path)"
            c = "data/in.csv"
            d = "data/pipe"
            """, to: "notebooks/lesson.dln")
        let pipe = notebook.deletingLastPathComponent().appendingPathComponent("data/pipe").path
        #expect(mkfifo(pipe, 0o644) == 0)
        var warnings: [String] = []
        let fingerprint = try Fingerprint(notebook: notebook, settings: [], version: "1") { warnings.append($0) }
        #expect(fingerprint.inputs.keys.sorted() == ["data/in.csv"], "no file outside, no FIFO (reading it would block)")
        #expect(warnings.sorted() == [
            "the string \"../outside.csv\" names a file outside the notebooks folder; it is not fingerprinted",
            "the string \"\(outside.path)\" names a file outside the notebooks folder; it is not fingerprinted",
            "the string \"data/../../outside.csv\" names a file outside the notebooks folder; it is not fingerprinted",
        ].sorted())
    }

    @Test func aLinkOutOfTheFolderIsNotFollowed() throws {
        let folder = try TemporaryFolder()
        let outside = try folder.write("secret", to: "outside.csv")
        let notebook = try folder.write("x = \"link.csv\"", to: "notebooks/lesson.dln")
        try FileManager.default.createSymbolicLink(at: notebook.deletingLastPathComponent().appendingPathComponent("link.csv"),
                                                   withDestinationURL: outside)
        var warnings: [String] = []
        let fingerprint = try Fingerprint(notebook: notebook, settings: [], version: "1") { warnings.append($0) }
        #expect(fingerprint.inputs.isEmpty)
        #expect(warnings.count == 1)
    }

    @Test func largeFilesAreHashedInChunks() throws {
        let folder = try TemporaryFolder()
        // 3 MiB + 1: several chunks and a partial last one; the digest must match hashing it whole.
        let bytes = (0..<(3 << 20) + 1).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let file = folder.url.appendingPathComponent("big.bin")
        try Data(bytes).write(to: file)
        #expect(FileDigest.hex(ofFileAt: file) == FileDigest.hex(of: Data(bytes)))
    }
}
