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
        // The temporary file is written, then the rename fails (the source vanished).
        let target = folder.appendingPathComponent("taken")
        try Data("old".utf8).write(to: target)
        let temporary = try AtomicFile.createTemporary(beside: target)
        unlink(temporary.path)
        let error = #expect(throws: FileWriteError.self) { try AtomicFile.moveIntoPlace(temporary, target) }
        #expect(error?.step == .putInPlace)
        #expect(error?.path == target.path)
        #expect(try String(contentsOf: target, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["taken"])
    }

    /// A link planted at the temporary name older dln versions used (`.<name>.tmp-<pid>`)
    /// or at any name is never written through: temporaries are new files (O_EXCL|O_NOFOLLOW)
    /// with random names.
    @Test func aPlantedLinkIsNeverWrittenThrough() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let victim = folder.appendingPathComponent("victim")
        try Data("precious".utf8).write(to: victim)
        let target = folder.appendingPathComponent("a.txt")
        let predictable = folder.appendingPathComponent(".a.txt.tmp-\(getpid())")
        try FileManager.default.createSymbolicLink(at: predictable, withDestinationURL: victim)
        try AtomicFile.write(Data("new".utf8), to: target)
        #expect(try String(contentsOf: victim, encoding: .utf8) == "precious")
        #expect(try String(contentsOf: target, encoding: .utf8) == "new")
        let first = try AtomicFile.createTemporary(beside: target), second = try AtomicFile.createTemporary(beside: target)
        defer { unlink(first.path); unlink(second.path) }
        #expect(first != second)
        #expect(first.lastPathComponent.hasPrefix(".a.txt.dln-tmp-\(getpid())-"))
    }

    /// Devices, named pipes, folders and links are never renamed over (as root, `--report
    /// /dev/null` used to replace /dev/null with a regular file); the refusal names what
    /// is there, and nothing is left behind.
    @Test func onlyRegularFilesAreReplaced() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipe = folder.appendingPathComponent("pipe"), directory = folder.appendingPathComponent("dir")
        let regular = folder.appendingPathComponent("regular"), link = folder.appendingPathComponent("link")
        #expect(mkfifo(pipe.path, 0o644) == 0)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
        try Data("kept".utf8).write(to: regular)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: regular)
        let cases = [(pipe, "a named pipe (FIFO)"), (directory, "a folder"), (link, "a symbolic link")]
        for (url, kind) in cases {
            #expect(throws: FileWriteError(path: url.path, step: .refused, reason: "it is \(kind), not a regular file")) {
                try AtomicFile.write(Data("x".utf8), to: url)
            }
        }
        #expect(FileKind.unreplaceable(at: "/dev/null") == "a character device")
        #expect(throws: FileWriteError.self) { try AtomicFile.createTemporary(beside: URL(fileURLWithPath: "/dev/null")) }
        #expect(FileKind.unreplaceable(at: pipe.path) != nil && FileKind.unreplaceable(at: link.path) != nil)
        #expect(try String(contentsOf: regular, encoding: .utf8) == "kept")
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder.path)) == ["pipe", "dir", "regular", "link"])
    }

    /// A run killed while writing leaves its temporary; the next write of the same file
    /// removes it, but never one of a process that is still running.
    @Test func abandonedTemporariesAreRemoved() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let dead = ".a.txt.dln-tmp-999999999-1f", alive = ".a.txt.dln-tmp-\(getpid())-2f"
        for name in [dead, alive] { try Data("partial".utf8).write(to: folder.appendingPathComponent(name)) }
        try AtomicFile.write(Data("x".utf8), to: folder.appendingPathComponent("a.txt"))
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder.path)) == ["a.txt", alive])
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
