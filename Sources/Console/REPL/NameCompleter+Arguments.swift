import Language

/// Argument labels inside a builtin's call: `rand([2], se` completes to `seed:`, from
/// the parameters the builtin declares.
extension NameCompleter {
    /// The labels of the builtin whose call `line` ends inside that start with `word`.
    func argumentLabels(forWord word: String, inLine line: String) -> [String] {
        guard let name = Self.calleeOfOpenCall(in: line),
              case .builtin(let builtin)? = session.evaluator.globals.lookup(name) else { return [] }
        let positional = builtin.maximumArity == nil ? [] : builtin.parameters
        let labels = Set(positional).union(builtin.namedParameters ?? [])
        return labels.filter { $0.hasPrefix(word) }.sorted().map { $0 + ":" }
    }

    /// The name before the innermost `(` still open at the end of `line`; nil when the
    /// end is not directly inside a call (inside a list or record, or outside any call).
    static func calleeOfOpenCall(in line: String) -> String? {
        let characters = Array(line)
        var depth = 0
        for index in characters.indices.reversed() {
            switch characters[index] {
            case ")", "]", "}": depth += 1
            case "[", "{":
                if depth == 0 { return nil }
                depth -= 1
            case "(":
                if depth > 0 { depth -= 1; continue }
                let name = characters[..<index].reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                return name.isEmpty ? nil : String(name.reversed())
            default: continue
            }
        }
        return nil
    }
}
