import Foundation

/// Reads gnuplot's stderr for one figure into messages.
///
/// gnuplot echoes a failing command (`gnuplot> plot …`), marks the column
/// with `^`, then prints `"<file>" line N: <message>`; warnings look the same
/// with `warning:` before the message. Lines without a line number are
/// treated as warnings.
enum GnuplotMessages {
    struct Parsed {
        var message: ScriptMessage
        var isWarning: Bool
    }

    static func parse(_ text: String, scriptPath: String) -> [Parsed] {
        var result: [Parsed] = []
        let filePrefix = "\"\(scriptPath)\" "
        for rawLine in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            var line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("gnuplot>") || line.allSatisfy({ $0 == "^" }) { continue }
            var lineNumber: Int?
            var numbered = false
            let fromScript = line.hasPrefix(filePrefix)
            if fromScript { line.removeFirst(filePrefix.count) }
            if line.hasPrefix("line "), let colon = line.firstIndex(of: ":") {
                let number = Int(line[line.index(line.startIndex, offsetBy: 5)..<colon])
                if number != nil {
                    numbered = true
                    if fromScript { lineNumber = number }
                    line = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                }
            }
            let lowered = line.lowercased()
            let hasWarningPrefix = lowered.hasPrefix("warning:")
            // Only numbered messages are errors; anything else (e.g. font library chatter) is a note.
            let isWarning = hasWarningPrefix || !numbered
            if hasWarningPrefix { line = line.dropFirst("warning:".count).trimmingCharacters(in: .whitespaces) }
            result.append(Parsed(message: ScriptMessage(line: lineNumber, text: line), isWarning: isWarning))
        }
        return result
    }
}
