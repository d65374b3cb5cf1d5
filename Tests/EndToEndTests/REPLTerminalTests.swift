import Foundation
import Testing

/// Drives the real `dln repl` through a pseudo-terminal, as a person at a
/// keyboard would: `setsid --ctty` makes the terminal the session's
/// controlling terminal, so Ctrl-C typed into it raises SIGINT.
final class TerminalSession {
    private let master: Int32
    private let process = Process()
    private let lock = NSLock()
    private var buffer = ""
    private var reader: Thread?

    init(arguments: [String] = ["repl"], history: String, environment extra: [String: String] = [:]) throws {
        var master: Int32 = 0, slave: Int32 = 0
        var size = winsize(ws_row: 40, ws_col: 120, ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0 else { throw POSIXError(.EIO) }
        self.master = master
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
        // --wait: setsid forks (we are a group leader) and must wait for dln.
        process.arguments = ["--ctty", "--wait", DLNProcess.executable.path] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "xterm"
        environment["INPUTRC"] = "/dev/null"
        environment["DLN_HISTORY"] = history
        environment.merge(extra) { $1 }
        process.environment = environment
        let terminal = FileHandle(fileDescriptor: slave, closeOnDealloc: true)
        process.standardInput = terminal
        process.standardOutput = terminal
        process.standardError = terminal
        try process.run()
        let thread = Thread { [weak self] in self?.readLoop() }
        reader = thread
        thread.start()
    }

    private func readLoop() {
        var bytes = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(master, &bytes, bytes.count)
            if count <= 0 { return }
            let text = String(decoding: bytes[0..<count], as: UTF8.self)
            lock.withLock { buffer += text }
        }
    }

    /// Everything the terminal showed so far.
    var screen: String { lock.withLock { buffer } }

    func type(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBufferPointer { write(master, $0.baseAddress, $0.count) }
    }

    /// Waits until the output contains `text` (true) or 10 seconds pass (false).
    @discardableResult
    /// Waits until the screen shows `text` (after the last `marker`, when given).
    func waitFor(_ text: String, after marker: String? = nil, timeout: Double = 10) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let shown = screen
            let tail = marker.flatMap { shown.range(of: $0, options: .backwards) }.map { String(shown[$0.upperBound...]) } ?? shown
            if tail.contains(text) { return true }
            usleep(20_000)
        }
        return false
    }

    /// Clears the line (Ctrl-C), sends Ctrl-D and waits for dln to leave.
    func quit() -> Int32 {
        type("\u{03}")
        usleep(100_000)
        type("\u{04}")
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        close(master)
        return process.terminationStatus
    }
}

@Suite("REPL in a terminal", .serialized)
struct REPLTerminalTests {
    let history = FileManager.default.temporaryDirectory.appendingPathComponent("dln-history-\(UUID().uuidString)").path

    @Test func multiLineFunctionAndTabCompletion() throws {
        let terminal = try TerminalSession(history: history)
        #expect(terminal.waitFor("dln> "))
        terminal.type("fn square(x) {\r")
        #expect(terminal.waitFor("...> "))
        terminal.type("x ^ 2\r}\r")
        terminal.type("squ\t(12)\r")
        #expect(terminal.waitFor("144"))
        #expect(terminal.screen.contains("square(12)"))
        #expect(terminal.quit() == 0)
    }

    @Test func historySurvivesARestart() throws {
        let first = try TerminalSession(history: history)
        #expect(first.waitFor("dln> "))
        first.type("marker_value = 31337\r")
        #expect(first.waitFor("dln> marker_value = 31337"))
        #expect(first.quit() == 0)
        let second = try TerminalSession(history: history)
        #expect(second.waitFor("dln> "))
        second.type("\u{1b}[A")  // Up arrow
        #expect(second.waitFor("marker_value = 31337"))
        #expect(second.quit() == 0)
        let permissions = try FileManager.default.attributesOfItem(atPath: history)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
    }

    @Test func ctrlCStopsALongComputationAndKeepsTheSession() throws {
        let terminal = try TerminalSession(history: history)
        #expect(terminal.waitFor("dln> "))
        terminal.type("i = 0\r")
        terminal.type("while true { i = i + 1 }\r")
        usleep(500_000)
        terminal.type("\u{03}")  // Ctrl-C
        #expect(terminal.waitFor("interrupted"))
        terminal.type("i > 0\r")
        #expect(terminal.waitFor("true"))
        // Each step waits for readline's echo: keys typed before the prompt is back
        // would reach the evaluation, not the line editor.
        terminal.type("unfinished = (1 +")
        #expect(terminal.waitFor("unfinished = (1 +"))
        terminal.type("\u{03}")  // Ctrl-C at the prompt clears the line
        #expect(terminal.waitFor("dln> ", after: "unfinished = (1 +"))
        terminal.type("40 + 2\r")
        #expect(terminal.waitFor("42"))
        #expect(!terminal.screen.contains("Fatal error"))
        #expect(terminal.quit() == 0)
    }
}

extension REPLTerminalTests {
    /// The scenario: define a network, train it, press Ctrl-C
    /// halfway, inspect the weights and keep using the network.
    @Test func ctrlCStopsTrainingAndKeepsTheNetwork() throws {
        let terminal = try TerminalSession(history: history)
        #expect(terminal.waitFor("dln> "))
        terminal.type("data d = xor()\r")
        terminal.type("network net {\r  input 2\r  dense 64, tanh\r  dense 1\r}\r")
        terminal.type("run = train net on d {\r  loss: bce\r  optimizer: sgd(lr: 0.01)\r  epochs: 100000000\r}\r")
        usleep(1_500_000)
        let start = Date()
        terminal.type("\u{03}")
        #expect(terminal.waitFor("interrupted"))
        #expect(Date().timeIntervalSince(start) < 2)
        terminal.type("shape(net.layers[0].weight)\r")
        #expect(terminal.waitFor("(2, 64)"))
        terminal.type("size(net(d.x)) * 1000 + 7\r")
        #expect(terminal.waitFor("4007"))
        #expect(!terminal.screen.contains("Fatal error"))
        #expect(terminal.quit() == 0)
    }
}

@Suite("REPL without a terminal")
struct REPLPipeTests {
    @Test func readsPlainLinesWithoutPromptsOrEscapes() throws {
        let result = try DLNProcess.run(["repl"], input: "a = [1, 2]\nfn f(x) {\n  x * 3\n}\nf(a)\nnope\n")
        #expect(result.status == 0)
        #expect(result.stdout == "[3, 6]\n(2,) float32\n")
        #expect(result.stderr.contains("unknown name 'nope'"))
        #expect(!result.stdout.contains("dln>") && !result.stdout.contains("\u{1b}"))
    }
}
