import Foundation
import Testing
@testable import FileWriting

@Suite("Atomic files")
struct AtomicFileTests {
    /// A new empty folder for one test.
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dln-atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func writesTheWholeFileAndLeavesNoTemporary() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("a.txt")
        try AtomicFile.write(Data("first".utf8), to: file)
        try AtomicFile.write(Data("second".utf8), to: file)
        #expect(try String(contentsOf: file, encoding: .utf8) == "second")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["a.txt"])
    }

    @Test func aFailedWriteNamesTheDestinationAndTheReason() throws {
        let missing = URL(fileURLWithPath: "/nonexistent-dln-folder/a.txt")
        #expect(throws: FileWriteError(path: missing.path, step: .write, reason: "open: No such file or directory")) {
            try AtomicFile.write(Data("x".utf8), to: missing)
        }
    }

    @Test func aFailedRenameLeavesTheOldFileAndNoTemporary() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A folder in the way: the temporary file is written, the rename fails.
        let target = folder.appendingPathComponent("taken")
        try FileManager.default.createDirectory(at: target.appendingPathComponent("inside"), withIntermediateDirectories: true)
        let error = #expect(throws: FileWriteError.self) { try AtomicFile.write(Data("x".utf8), to: target) }
        #expect(error?.step == .putInPlace)
        #expect(error?.path == target.path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["taken"])
    }

    @Test func foldersAreCreatedWithTheirParents() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let nested = folder.appendingPathComponent("a/b/c")
        try AtomicFile.createDirectory(nested)
        try AtomicFile.createDirectory(nested)
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: nested.path, isDirectory: &isDirectory) && isDirectory.boolValue)
        let file = folder.appendingPathComponent("file")
        try AtomicFile.write(Data(), to: file)
        #expect(throws: FileWriteError(path: file.path, step: .createFolder, reason: "a file of that name is in the way")) {
            try AtomicFile.createDirectory(file)
        }
    }

    @Test func messagesReadAsBefore() {
        let error = FileWriteError(path: "plots/a.gp", step: .write, reason: "open: Read-only file system")
        #expect(error.description == "plots/a.gp: could not be written: open: Read-only file system")
    }
}
