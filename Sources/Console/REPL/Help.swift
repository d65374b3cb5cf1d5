import Language
import Library

/// The text of `:help` and `:help topic`.
enum Help {
    static func text(for topic: String?, commands: [(name: String, usage: String, summary: String)]) -> String {
        guard let topic, !topic.isEmpty else { return overview(commands) }
        let name = topic.hasPrefix(":") ? String(topic.dropFirst()) : topic
        if let command = commands.first(where: { $0.name == name }) {
            return "\(command.usage)\n  \(command.summary)"
        }
        if let entry = HelpCatalog.entry(name) {
            return "\(entry.usage)\n  \(entry.summary)"
        }
        let known = HelpCatalog.entries.map(\.name) + commands.map(\.name)
        return "no help on '\(topic)'" + (Suggestions.didYouMean(name, among: known).map { "; \($0)" } ?? "")
    }

    private static func overview(_ commands: [(name: String, usage: String, summary: String)]) -> String {
        var lines = ["Type dln code to run it; an unfinished line continues on the next.", "", "Commands:"]
        let width = commands.map(\.usage.count).max() ?? 0
        for command in commands {
            lines.append("  " + command.usage.padding(toLength: width + 2, withPad: " ", startingAt: 0) + command.summary)
        }
        lines.append("")
        lines.append("Functions: " + HelpCatalog.functions.map(\.name).joined(separator: ", "))
        lines.append("Keywords: " + HelpCatalog.keywords.map(\.name).joined(separator: ", "))
        lines.append("Use :help NAME for one of them. Ctrl-C stops a running computation; Ctrl-D leaves.")
        return lines.joined(separator: "\n")
    }
}
