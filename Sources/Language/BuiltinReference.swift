import Foundation

/// The builtin tables of `docs/language.md`, generated from the builtins' own help.
///
/// A table sits between `<!-- builtins: TOPIC, TOPIC… -->` and `<!-- end builtins -->`;
/// ``updating(_:)`` rewrites what lies between with one row per builtin of those topics.
public struct BuiltinReference {
    public let builtins: [Builtin]

    public init(builtins: [Builtin]) {
        self.builtins = builtins
    }

    static let openingPrefix = "<!-- builtins: "
    static let closing = "<!-- end builtins -->"

    /// The command that regenerates the tables of the reference.
    public static let regenerationCommand = "swift run dln help --update-reference docs/language.md"

    /// A problem with the markers of a document.
    public struct MarkerError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The table of builtins of `topics`, by name.
    public func table(topics: [String]) -> [String] {
        let rows = builtins.filter { topics.contains($0.help.topic.title) }.sorted { $0.name < $1.name }.map { builtin in
            "| " + builtin.help.forms.map { "`\($0)`" }.joined(separator: ", ") + " | " + escaped(builtin.help.summary) + " |"
        }
        return ["| builtin | does |", "| --- | --- |"] + rows
    }

    /// `document` with every marked table regenerated. Throws when a marker is not closed,
    /// names a topic no builtin has, or when a topic of some builtin has no table.
    public func updating(_ document: String) throws -> String {
        var output: [String] = []
        var listed: Set<String> = []
        var lines = document.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...]
        while let line = lines.popFirst() {
            output.append(line)
            guard line.hasPrefix(Self.openingPrefix), line.hasSuffix("-->") else { continue }
            let topics = line.dropFirst(Self.openingPrefix.count).dropLast(3)
                .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            for topic in topics where !builtins.contains(where: { $0.help.topic.title == topic }) {
                throw MarkerError(description: "no builtin has the topic '\(topic)' named in: \(line)")
            }
            guard let end = lines.firstIndex(of: Self.closing) else {
                throw MarkerError(description: "no '\(Self.closing)' after: \(line)")
            }
            lines = lines[(end + 1)...]
            output += table(topics: topics) + [Self.closing]
            listed.formUnion(topics)
        }
        let missing = Set(builtins.map(\.help.topic.title)).subtracting(listed).sorted()
        guard missing.isEmpty else {
            throw MarkerError(description: "no table lists the builtins of \(missing.joined(separator: ", ")); add a '\(Self.openingPrefix)…-->' marker")
        }
        return output.joined(separator: "\n")
    }

    /// A summary inside a table cell: `|` would end the cell.
    private func escaped(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
}
