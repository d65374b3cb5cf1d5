import Foundation

/// One progress display across the notebooks of a batch, on standard error.
///
/// On a terminal it keeps one line per notebook in flight — its name, the
/// cell it is running, training progress and the time so far — redrawn in
/// place, with finished notebooks printed above. Elsewhere it prints plain
/// lines: `name: running (source changed)`, `name: finished in 3.2 s`,
/// `name: failed in cell 'x' after 1.0 s`.
public final class ProgressDisplay: @unchecked Sendable {
    private struct Running {
        var started: Date
        var cell = ""
        var progress = ""
    }

    private let live: Bool
    private let write: @Sendable (String) -> Void
    private let lock = NSLock()
    private var running: [(name: String, state: Running)] = []
    private var drawnLines = 0
    private var timer: DispatchSourceTimer?

    /// - Parameters:
    ///   - live: redraw lines in place (stderr is a terminal).
    ///   - write: where the text goes.
    public init(live: Bool, write: @escaping @Sendable (String) -> Void) {
        self.live = live
        self.write = write
        if live {
            let timer = DispatchSource.makeTimerSource(queue: .global())
            timer.schedule(deadline: .now() + 0.25, repeating: 0.25)
            timer.setEventHandler { [weak self] in self?.redraw() }
            timer.resume()
            self.timer = timer
        }
    }

    /// Whether standard error is a terminal.
    public static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    public func upToDate(_ name: String) { print("\(name): up to date") }

    public func started(_ name: String, reasons: [String]) {
        lock.withLock { running.append((name, Running(started: Date()))) }
        let because = " (" + reasons.joined(separator: ", ") + ")"
        print("\(name): running" + because)
    }

    public func cell(_ name: String, _ title: String) {
        update(name) { $0.cell = title; $0.progress = "" }
    }

    public func progress(_ name: String, _ text: String) {
        update(name) { $0.progress = text }
    }

    public func finished(_ name: String, seconds: Double) {
        remove(name)
        print("\(name): finished in \(Self.format(seconds))")
    }

    public func failed(_ name: String, seconds: Double, cell: String?, status: Int32) {
        remove(name)
        let place = cell.map { " in cell '\($0)'" } ?? ""
        print("\(name): failed\(place) after \(Self.format(seconds)) (exit status \(status))")
    }

    /// Prints a line above the live lines (or just prints it).
    public func print(_ line: String) {
        lock.withLock {
            write(clearLive() + line + "\n" + liveText())
        }
    }

    /// Stops redrawing and clears the live lines.
    public func stop() {
        timer?.cancel()
        timer = nil
        lock.withLock { write(clearLive()) }
    }

    public static func format(_ seconds: Double) -> String {
        seconds < 60 ? String(format: "%.1f s", seconds)
            : String(format: "%d min %02d s", Int(seconds) / 60, Int(seconds) % 60)
    }

    private func update(_ name: String, _ change: (inout Running) -> Void) {
        lock.withLock {
            guard let index = running.firstIndex(where: { $0.name == name }) else { return }
            change(&running[index].state)
        }
    }

    private func remove(_ name: String) {
        lock.withLock { running.removeAll { $0.name == name } }
    }

    private func redraw() {
        lock.withLock { write(clearLive() + liveText()) }
    }

    /// Moves up over the lines drawn last time and clears them (caller holds the lock).
    private func clearLive() -> String {
        guard live, drawnLines > 0 else { return "" }
        defer { drawnLines = 0 }
        return "\u{1B}[\(drawnLines)F\u{1B}[J"
    }

    /// The live lines, one per running notebook, cut to the terminal's width (caller holds the lock).
    private func liveText() -> String {
        guard live else { return "" }
        let width = Self.terminalWidth()
        let now = Date()
        drawnLines = running.count
        return running.map { name, state in
            var parts = ["  \(name)"]
            if !state.cell.isEmpty { parts.append(state.cell) }
            if !state.progress.isEmpty { parts.append(state.progress) }
            parts.append(Self.format(now.timeIntervalSince(state.started)))
            let line = parts.joined(separator: " · ")
            return String(line.prefix(max(width - 1, 10))) + "\n"
        }.joined()
    }

    private static func terminalWidth() -> Int {
        var size = winsize()
        guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }
}
