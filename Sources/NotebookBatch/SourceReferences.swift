import Foundation

/// The files a notebook may read, found conservatively: every string literal
/// in its source (code, comments and prose alike) that names an existing
/// regular file relative to the notebook's folder, e.g. `"data/digits.csv"`.
enum SourceReferences {
    /// The string literals of `source`, in order, without duplicates;
    /// escapes are decoded as the language's lexer does.
    static func stringLiterals(in source: String) -> [String] {
        var literals: [String] = []
        var seen: Set<String> = []
        for line in source.split(whereSeparator: \.isNewline) {
            var iterator = line.makeIterator()
            while let character = iterator.next() {
                guard character == "\"" else { continue }
                guard let literal = readLiteral(&iterator) else { break }
                if seen.insert(literal).inserted { literals.append(literal) }
            }
        }
        return literals
    }

    /// The literals of `source` that name regular files inside `folder`
    /// (relative, or absolute but inside it; symbolic links resolved), sorted;
    /// the notebook itself is left out. A literal naming a regular file
    /// outside the folder (`../x`, `/tmp/x`, a link out) is never read: `warn`
    /// gets a message naming it, since `--check` must run nothing and read
    /// only the project's own files.
    static func referencedFiles(in source: String, folder: URL, excluding notebook: URL? = nil,
                                warn: (String) -> Void = { _ in }) -> [String] {
        let root = folder.resolvingSymlinksInPath().standardizedFileURL.path
        let ownPath = notebook?.resolvingSymlinksInPath().standardizedFileURL.path
        return stringLiterals(in: source).filter { literal in
            guard !literal.isEmpty, !literal.contains("\0") else { return false }
            let path = location(of: literal, in: folder).path
            guard path != ownPath, isRegularFile(path) else { return false }
            guard path == root || path.hasPrefix(root == "/" ? "/" : root + "/") else {
                warn("the string \"\(literal)\" names a file outside the notebooks folder; it is not fingerprinted")
                return false
            }
            return true
        }.sorted()
    }

    /// Where a literal points, with `..` and symbolic links resolved.
    static func location(of literal: String, in folder: URL) -> URL {
        let url = literal.hasPrefix("/") ? URL(fileURLWithPath: literal) : folder.appendingPathComponent(literal)
        return url.resolvingSymlinksInPath().standardizedFileURL
    }

    /// Whether `path` is a regular file (`stat` only: FIFOs and devices are never opened).
    private static func isRegularFile(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
    }

    /// Reads up to the closing quote; nil when the line ends first.
    private static func readLiteral(_ iterator: inout Substring.Iterator) -> String? {
        var value = ""
        while let character = iterator.next() {
            switch character {
            case "\"": return value
            case "\\":
                guard let escape = iterator.next() else { return nil }
                switch escape {
                case "n": value.append("\n")
                case "t": value.append("\t")
                case "r": value.append("\r")
                case "0": value.append("\0")
                default: value.append(escape)
                }
            default: value.append(character)
            }
        }
        return nil
    }
}
