import CReadline
import Foundation
import StandardStreams

/// Line editing through GNU readline: the user's `~/.inputrc` (Emacs or vi
/// keys), persistent history with reverse search, Tab completion.
///
/// Readline runs in its callback mode, so that the reader can poll for a
/// Ctrl-C (delivered by `InterruptMonitor`, not by readline) while it waits
/// for keys, and clear the line instead of ending the session.
public final class ReadlineReader: LineReader {
    private let history: HistoryFile
    /// False once the history file was refused: the session goes on without it.
    private var usesHistoryFile: Bool
    private let interrupted: () -> Bool

    /// - Parameters:
    ///   - completer: offers candidates on Tab.
    ///   - interrupted: tells whether a Ctrl-C arrived since the last call;
    ///     polled while waiting for keys.
    public init(history: HistoryFile, completer: Completer?, interrupted: @escaping () -> Bool) {
        self.history = history
        self.interrupted = interrupted
        ReadlineState.completer = completer
        rl_readline_name = UnsafePointer(strdup("dln"))
        rl_catch_signals = 0
        rl_attempted_completion_function = readlineCompletion
        rl_completer_word_break_characters = UnsafePointer(strdup(" \t\n\"'`()[]{},;+-*/^@=<>:!"))
        stifle_history(Int32(clamping: history.limit))
        usesHistoryFile = Self.prepare(history)
        if usesHistoryFile { read_history(history.path) }
    }

    /// Prepares the history file, warning on standard error when it cannot be used.
    private static func prepare(_ history: HistoryFile) -> Bool {
        guard case .refused(let reason) = history.prepare() else { return true }
        let message = "warning: not using the history file '\(history.path)': \(reason); going on without history\n"
        StandardStream.write(message, to: STDERR_FILENO)
        return false
    }

    public func readLine(prompt: String) -> LineInput {
        ReadlineState.result = nil
        rl_callback_handler_install(prompt, readlineLineHandler)
        var poller = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        while ReadlineState.result == nil {
            if interrupted() {
                rl_free_line_state()
                rl_replace_line("", 0)
                rl_crlf()
                rl_callback_handler_remove()
                return .interrupted
            }
            guard poll(&poller, 1, 50) > 0 else { continue }
            // The terminal went away (hang-up): end the session like Ctrl-D.
            if poller.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0, poller.revents & Int16(POLLIN) == 0 {
                rl_callback_handler_remove()
                return .endOfInput
            }
            rl_callback_read_char()
        }
        return ReadlineState.result ?? .endOfInput
    }

    public func addToHistory(_ entry: String) {
        guard !entry.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        add_history(entry)
        if usesHistoryFile, history.prepare() == .ready {
            append_history(1, history.path)
            history_truncate_file(history.path, Int32(clamping: history.limit))
        }
    }
}

/// Readline calls back through C function pointers, which cannot capture:
/// the one reader's state lives here (there is one terminal per process).
enum ReadlineState {
    nonisolated(unsafe) static var result: LineInput?
    nonisolated(unsafe) static var completer: Completer?
    nonisolated(unsafe) static var candidates: [String] = []
}

private func readlineLineHandler(_ line: UnsafeMutablePointer<CChar>?) {
    // Removing the handler here stops readline from printing the next prompt
    // before the input has been evaluated.
    rl_callback_handler_remove()
    guard let line else {
        ReadlineState.result = .endOfInput
        return
    }
    ReadlineState.result = .line(String(cString: line))
    free(line)
}

private func readlineCompletion(
    _ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32
) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    rl_attempted_completion_over = 1
    guard let text, let completer = ReadlineState.completer else { return nil }
    let line = rl_line_buffer.map { String(cString: $0) } ?? ""
    let prefix = String(line.utf8.prefix(Int(end))) ?? line
    ReadlineState.candidates = completer.completions(forWord: String(cString: text), inLine: prefix)
    // No space after a completed name: it is usually followed by '(' or '.'.
    rl_completion_append_character = 0
    return rl_completion_matches(text, readlineCandidate)
}

private func readlineCandidate(_ text: UnsafePointer<CChar>?, _ state: Int32) -> UnsafeMutablePointer<CChar>? {
    let index = Int(state)
    guard index < ReadlineState.candidates.count else { return nil }
    return strdup(ReadlineState.candidates[index])
}
