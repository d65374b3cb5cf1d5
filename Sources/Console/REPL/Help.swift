import Language
import Library

/// The text of `:help` and `:help topic`: REPL commands, then the session's builtins
/// (each describes itself), then keywords.
public enum Help {
    public typealias Command = (name: String, usage: String, summary: String)

    public static func text(for topic: String?, commands: [Command], builtins: [Builtin]) -> String {
        guard let topic, !topic.isEmpty else { return overview(commands, builtins: builtins) }
        let name = topic.hasPrefix(":") ? String(topic.dropFirst()) : topic
        if let command = commands.first(where: { $0.name == name }) {
            return "\(command.usage)\n  \(command.summary)"
        }
        if let builtin = builtins.first(where: { $0.name == name }) { return builtin.help.plainText }
        if let keyword = KeywordHelp.named(name) { return keyword.plainText }
        let known = builtins.map(\.name) + KeywordHelp.all.map(\.name) + commands.map(\.name)
        return "no help on '\(topic)'" + (Suggestions.didYouMean(name, among: known).map { "; \($0)" } ?? "")
    }

    private static func overview(_ commands: [Command], builtins: [Builtin]) -> String {
        var lines = ["Type dln code to run it; an unfinished line continues on the next.", "", "Commands:"]
        let width = commands.map(\.usage.count).max() ?? 0
        for command in commands {
            lines.append("  " + command.usage.padding(toLength: width + 2, withPad: " ", startingAt: 0) + command.summary)
        }
        lines.append("")
        lines += names(builtins)
        lines.append("Use :help NAME for one of them. Ctrl-C stops a running computation; Ctrl-D leaves.")
        return lines.joined(separator: "\n")
    }

    /// The builtins by topic, then the keywords: what `dln help` lists.
    public static func names(_ builtins: [Builtin]) -> [String] {
        var lines = ["Functions:"]
        let topics = Dictionary(grouping: builtins, by: \.help.topic.title)
        for title in topics.keys.sorted() {
            lines.append("  \(title): " + (topics[title] ?? []).map(\.name).joined(separator: ", "))
        }
        lines.append("Keywords: " + KeywordHelp.all.map(\.name).joined(separator: ", "))
        return lines
    }
}
