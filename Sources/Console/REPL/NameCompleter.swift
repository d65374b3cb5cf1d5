import Foundation
import Language
import Library

/// Tab completion in the REPL: keywords, built-in functions and bound names;
/// members after a dot (`net.layers`, `run.history.loss`); file paths inside
/// string literals.
public final class NameCompleter: Completer {
    /// The session whose names are offered (the REPL replaces it on `:reset`).
    public var session: NotebookSession

    public init(session: NotebookSession) {
        self.session = session
    }

    static let declarationWords = ["data", "network", "loss", "train", "figure", "panel", "on"]

    public func completions(forWord word: String, inLine line: String) -> [String] {
        if isInsideString(line) { return paths(matching: word) }
        if line.hasPrefix(":"), !line.contains(" ") {
            return REPL.commands.map { ":" + $0.name }.filter { $0.hasPrefix(word) }
        }
        if let dot = word.lastIndex(of: ".") {
            let base = String(word[..<dot]), partial = String(word[word.index(after: dot)...])
            return members(of: base).filter { $0.hasPrefix(partial) }.map { base + "." + $0 }.sorted()
        }
        let evaluator = session.evaluator
        let names = evaluator.globals.visibleNames
            .union(Keyword.allCases.map(\.rawValue))
            .union(Self.declarationWords)
        return names.filter { $0.hasPrefix(word) }.sorted()
    }

    /// The member names of the value an expression like `net.layers` has,
    /// evaluated without side effects beyond reading names and members.
    private func members(of expression: String) -> [String] {
        let evaluator = session.evaluator
        var value: Value?
        for (index, part) in expression.split(separator: ".", omittingEmptySubsequences: false).enumerated() {
            let name = String(part)
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return [] }
            if index == 0 {
                value = evaluator.globals.lookup(name)
            } else if case let .record(record)? = value {
                value = record[name]
            } else if let host = value?.hostValue {
                let context = EvaluationContext(evaluator: evaluator, environment: evaluator.globals, range: nil)
                value = try? evaluator.host.member(name, of: host, context: context)
            } else {
                return []
            }
        }
        switch value {
        case let .record(record)?: return record.names
        case let .host(host)?: return evaluator.host.memberNames(of: host)
        default: return []
        }
    }

    private func isInsideString(_ line: String) -> Bool {
        var inside = false, escaped = false
        for character in line {
            if escaped { escaped = false; continue }
            if character == "\\" && inside { escaped = true } else if character == "\"" { inside.toggle() }
        }
        return inside
    }

    private func paths(matching word: String) -> [String] {
        let expanded = word.hasPrefix("~") ? NSString(string: word).expandingTildeInPath : word
        let folder = expanded.hasSuffix("/") ? expanded : (expanded as NSString).deletingLastPathComponent
        let prefix = expanded.hasSuffix("/") ? "" : (expanded as NSString).lastPathComponent
        let listed = (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? []
        let shownFolder = word.hasSuffix("/") ? word : String(word.dropLast(prefix.count))
        return listed.filter { $0.hasPrefix(prefix) && (!$0.hasPrefix(".") || prefix.hasPrefix(".")) }  // hidden files only when asked for
            .sorted()
            .map { name in
                var isDirectory: ObjCBool = false
                let full = (folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name))
                _ = FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory)
                return shownFolder + name + (isDirectory.boolValue ? "/" : "")
            }
    }
}
