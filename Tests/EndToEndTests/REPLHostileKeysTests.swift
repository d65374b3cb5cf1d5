import Foundation
import Testing

/// The REPL survives any keystroke and any history file.
@Suite("REPL under hostile keys", .serialized)
struct REPLHostileKeysTests {
    let history = FileManager.default.temporaryDirectory.appendingPathComponent("dln-history-\(UUID().uuidString)").path

    /// Tab after one character inside a string trapped in Foundation's path handling
    /// (SIGILL), ending the session.
    @Test func tabInsideStringsKeepsTheSession() throws {
        let terminal = try TerminalSession(history: history)
        #expect(terminal.waitFor("dln> "))
        terminal.type("kept = 7\r")
        // The binding is made before the first Ctrl-C, which would otherwise interrupt it on a busy machine.
        #expect(terminal.waitFor("dln> ", after: "kept = 7"))
        for typed in ["csv(\"d\t", "csv(\"é\t", "csv(\"日本\t\t", "\"~\t", "\"~nobody/\t", "\"/\t", "\"../\t", "\"\t\t", "\"a/b/\t"] {
            terminal.type(typed)
            usleep(100_000)
            terminal.type("\u{03}")
        }
        usleep(200_000)
        terminal.type("kept * 6\r")
        #expect(terminal.waitFor("42", timeout: 30))
        #expect(!terminal.screen.contains("Fatal error"))
        #expect(terminal.quit() == 0)
    }

    /// Seeded random keys — printable text, quotes, Tab inside and outside strings,
    /// multi-byte UTF-8, arrows, line editing, Enter, Ctrl-C storms — then the binding
    /// made before them must still be there.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func randomKeystrokesLeaveTheSessionAlive(seed: UInt64) throws {
        let terminal = try TerminalSession(history: history)
        #expect(terminal.waitFor("dln> "))
        terminal.type("before_storm = 1234\r")
        #expect(terminal.waitFor("dln> before_storm = 1234"))
        var random = SplitMix(seed: seed)
        for _ in 0..<400 {
            terminal.type(Self.keys[Int(random.next() % UInt64(Self.keys.count))])
            usleep(2_000)
        }
        usleep(300_000)
        terminal.type("\u{03}")
        usleep(100_000)
        terminal.type("before_storm + 1\r")
        #expect(terminal.waitFor("1235"), "seed \(seed): \(terminal.screen.suffix(600))")
        #expect(!terminal.screen.contains("Fatal error"))
        #expect(terminal.quit() == 0)
    }

    /// What the storm types. No Ctrl-D (it ends the session on an empty line), Ctrl-Z or
    /// Ctrl-\ (they stop the process), and no ':' (a command such as :quit could form).
    static let keys: [String] = Array("abcxyz019 _.,()[]{}+-*/=<>\"\"\"\\#'").map(String.init)
        + ["\t", "\t", "\t\t", "\"d\t", "\"/\t", "é", "日", "本", "🙂", "ß", "\u{0301}", "\u{2028}",
           "\u{03}", "\u{03}\u{03}\u{03}\u{03}\u{03}", "\u{7f}", "\u{7f}\u{7f}", "\u{01}", "\u{05}", "\u{0b}", "\u{15}",
           "\u{1b}[A", "\u{1b}[B", "\u{1b}[C", "\u{1b}[D", "\u{1b}", "\r", "csv(\"", "zeros([2, 3])\r"]

    /// A FIFO as the history file hung the REPL before its prompt (opening it blocks).
    @Test func aFIFOAsHistoryIsRefused() throws {
        let folder = try Hostile.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("history").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let terminal = try TerminalSession(history: fifo)
        #expect(terminal.waitFor("dln> "), "\(terminal.screen)")
        #expect(terminal.screen.contains("warning: not using the history file"))
        #expect(terminal.screen.contains("it is a FIFO"))
        terminal.type("1 + 1\r")
        #expect(terminal.waitFor("2"))
        #expect(terminal.quit() == 0)
    }

    /// A symbolic link as the history file was followed: the REPL wrote where it pointed.
    @Test func aSymlinkAsHistoryIsNotFollowed() throws {
        let folder = try Hostile.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("elsewhere").path
        try Data("untouched\n".utf8).write(to: URL(fileURLWithPath: target))
        let link = folder.appendingPathComponent("history").path
        #expect(symlink(target, link) == 0)
        let terminal = try TerminalSession(history: link)
        #expect(terminal.waitFor("dln> "))
        #expect(terminal.screen.contains("it is a symbolic link"))
        terminal.type("secret_entry = 5\r")
        #expect(terminal.waitFor("dln> secret_entry = 5"))
        #expect(terminal.quit() == 0)
        #expect(FileManager.default.contents(atPath: target) == Data("untouched\n".utf8))
    }
}

/// SplitMix64: a small seeded generator, so a failing storm can be replayed.
struct SplitMix {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
