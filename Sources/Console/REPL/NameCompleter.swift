import Foundation
import Language
import Library

/// Tab completion in the REPL: keywords, built-in functions and bound names, and a
/// builtin's argument labels inside its call; members after a dot (`net.layers`,
/// `run.history.loss`); file paths inside string literals.
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
            .union(KeywordHelp.all.map(\.name))
        return names.filter { $0.hasPrefix(word) }.sorted() + argumentLabels(forWord: word, inLine: line)
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
                value = try? host.member(name, context: context)
            } else {
                return []
            }
        }
        switch value {
        case let .record(record)?: return record.names
        case let .host(host)?: return host.memberNames
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

    /// At most this many file names are listed: a folder of a million files must not stall a keystroke.
    static let maximumListedFiles = 10_000

    /// File names completing `word`, a path typed inside a string. Plain string handling
    /// and POSIX calls only: Foundation's path helpers trap on some user text (a Tab
    /// after `csv("d` ended the session), and any keystroke must leave the REPL alive.
    private func paths(matching word: String) -> [String] {
        let expanded = Self.expandingTilde(word)
        let (folder, prefix) = Self.splitAtLastSlash(expanded)
        let shownFolder = String(word.utf8.dropLast(prefix.utf8.count)) ?? ""
        // Hidden files only when asked for.
        let wanted = Self.fileNames(in: folder.isEmpty ? "." : folder)
            .filter { $0.hasPrefix(prefix) && (!$0.hasPrefix(".") || prefix.hasPrefix(".")) }
        return wanted.sorted().map { name in
            shownFolder + name + (Self.isFolder(folder + name) ? "/" : "")
        }
    }

    /// `~` and `~/…` with `$HOME`; anything else (`~user`) as typed.
    static func expandingTilde(_ word: String) -> String {
        guard word == "~" || word.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty
        else { return word }
        let rest = String(word.utf8.dropFirst()) ?? ""
        return (home.hasSuffix("/") ? String(home.utf8.dropLast()) ?? home : home) + rest
    }

    /// `a/b/c` → (`a/b/`, `c`); `c` → (``, `c`); `a/` → (`a/`, ``). Cut on bytes: `/` is
    /// one byte in UTF-8 and never part of another character.
    static func splitAtLastSlash(_ path: String) -> (folder: String, name: String) {
        let bytes = Array(path.utf8)
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return ("", path) }
        return (String(decoding: bytes[...slash], as: UTF8.self), String(decoding: bytes[(slash + 1)...], as: UTF8.self))
    }

    /// The names in a folder (UTF-8 ones; others cannot be typed back), or none if it cannot be read.
    static func fileNames(in folder: String) -> [String] {
        guard !folder.utf8.contains(0), let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while names.count < maximumListedFiles, let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw -> String? in
                guard let base = raw.baseAddress else { return nil }
                return String(validatingCString: base.assumingMemoryBound(to: CChar.self))
            }
            guard let name, name != ".", name != ".." else { continue }
            names.append(name)
        }
        return names
    }

    static func isFolder(_ path: String) -> Bool {
        guard !path.utf8.contains(0) else { return false }
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }
}
