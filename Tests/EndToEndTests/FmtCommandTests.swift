import Foundation
import Testing

/// `dln fmt` on the course notebooks and on hostile input, through the built binary.
@Suite("dln fmt")
struct FmtCommandTests {
    static let root = EditorGrammarTests.root

    static var courseNotebooks: [String] {
        EditorGrammarTests.notebooks.map(\.path)
    }

    private func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dln-fmt-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func courseNotebooksAreFormatted() throws {
        let run = try DLNProcess.run(["fmt", "--check"] + Self.courseNotebooks)
        #expect(run.status == 0, "would change:\n\(run.stdout)\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test func formattingIsIdempotentOnEveryNotebook() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for path in Self.courseNotebooks {
            // Disturb the layout (indentation gone, blanks at line ends, extra blank lines), format, format again.
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let messy = text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.hasPrefix("%%") ? String($0) : String($0.drop { $0 == " " }) + " \t" }
                .joined(separator: "\n\n")
            let copy = folder.appendingPathComponent(URL(fileURLWithPath: path).lastPathComponent)
            try messy.write(to: copy, atomically: true, encoding: .utf8)
            let once = try DLNProcess.run(["fmt", copy.path])
            try #require(once.status == 0, "\(once.stderr)")
            let formatted = try Data(contentsOf: copy)
            let again = try DLNProcess.run(["fmt", "--check", copy.path])
            #expect(again.status == 0 && again.stdout.isEmpty, "\(copy.lastPathComponent) changes again: \(again.stdout)")
            #expect(try Data(contentsOf: copy) == formatted)
            // Same tokens as the original: dln check still finds nothing new.
            let checked = try DLNProcess.run(["check", copy.path], directory: URL(fileURLWithPath: path).deletingLastPathComponent())
            let original = try DLNProcess.run(["check", path], directory: URL(fileURLWithPath: path).deletingLastPathComponent())
            #expect(checked.status == original.status)
        }
    }

    @Test func checkListsWhatWouldChangeAndTouchesNothing() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let messy = folder.appendingPathComponent("messy.dln"), tidy = folder.appendingPathComponent("tidy.dln")
        try "x  =  [1,2]\nfor i in 0..<2 {\nprint(i)\n}\n".write(to: messy, atomically: true, encoding: .utf8)
        try "x = [1, 2]\n".write(to: tidy, atomically: true, encoding: .utf8)
        let before = try Data(contentsOf: messy)
        let check = try DLNProcess.run(["fmt", "--check", messy.path, tidy.path])
        #expect(check.status == 1)
        #expect(check.stdout == messy.path + "\n")
        #expect(try Data(contentsOf: messy) == before)

        chmod(messy.path, 0o600)
        let format = try DLNProcess.run(["fmt", messy.path, tidy.path])
        #expect(format.status == 0)
        #expect(try String(contentsOf: messy, encoding: .utf8) == "x = [1, 2]\nfor i in 0..<2 {\n  print(i)\n}\n")
        let mode = try FileManager.default.attributesOfItem(atPath: messy.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains("dln-tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test(arguments: [
        ("x = 1 $ 2\n", "unexpected character '$'"),
        ("s = \"open\ny = 1\n", "unterminated string"),
        ("t = f\"{a\"\n", "f-string"),
        ("n = 1e999\n", "out of range"),
    ])
    func refusesNotebooksThatDoNotLex(text: String, message: String) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("bad.dln")
        try ("  " + text).write(to: file, atomically: true, encoding: .utf8)
        let before = try Data(contentsOf: file)
        let run = try DLNProcess.run(["fmt", file.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("bad.dln:1:") && run.stderr.contains(message), "\(run.stderr)")
        #expect(try Data(contentsOf: file) == before)
    }

    @Test func unreadableInputIsADiagnostic() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let binary = folder.appendingPathComponent("binary.dln")
        try Data([0x78, 0x20, 0x3D, 0x20, 0xFF, 0xFE, 0x0A]).write(to: binary)
        let invalid = try DLNProcess.run(["fmt", binary.path])
        #expect(invalid.status == 1)
        #expect(invalid.stderr.contains("invalid UTF-8"))
        #expect(try Data(contentsOf: binary) == Data([0x78, 0x20, 0x3D, 0x20, 0xFF, 0xFE, 0x0A]))

        let missing = try DLNProcess.run(["fmt", folder.appendingPathComponent("none.dln").path])
        #expect(missing.status == 2)
        #expect(!missing.stderr.isEmpty)
        let directory = try DLNProcess.run(["fmt", folder.path])
        #expect(directory.status == 2)
        #expect(!directory.stderr.isEmpty)
    }

    @Test func stdoutPrintsWithoutWriting() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("a.dln")
        try "%%a\ny=f( 1 )\n".write(to: file, atomically: true, encoding: .utf8)
        let run = try DLNProcess.run(["fmt", "--stdout", file.path])
        #expect(run.status == 0)
        #expect(run.stdout == "%% a\ny=f(1)\n")
        #expect(try String(contentsOf: file, encoding: .utf8) == "%%a\ny=f( 1 )\n")
    }
}
