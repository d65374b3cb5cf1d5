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

    /// The literals of `source` that name regular files under `folder`
    /// (relative paths only), sorted; the notebook itself is left out.
    static func referencedFiles(in source: String, folder: URL, excluding notebook: URL? = nil) -> [String] {
        let ownPath = notebook?.standardizedFileURL.path
        return stringLiterals(in: source).filter { literal in
            guard !literal.isEmpty, !literal.hasPrefix("/"), !literal.contains("\0") else { return false }
            let url = folder.appendingPathComponent(literal).standardizedFileURL
            guard url.path != ownPath else { return false }
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }.sorted()
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
