import Ink

/// A Markdown cell as HTML, through Ink, with nothing of the cell's own becoming markup:
/// `<`, `&` and `"` are swapped for private-use characters before Ink reads the text
/// (so raw HTML and entities stay text, in code spans too) and escaped after; LaTeX
/// (`$…$`, `$$…$$`) is set aside first, so Ink's emphasis cannot touch `a_1 * b_2`,
/// and comes back as written for MathJax or KaTeX, should the page load one.
struct MarkdownCellRenderer {
    private static let lessThan: Character = "\u{E000}"
    private static let ampersand: Character = "\u{E001}"
    private static let quote: Character = "\u{E002}"
    private static let mathOpen: Character = "\u{E003}"
    private static let mathClose: Character = "\u{E004}"
    private static let guardParagraph: Character = "\u{E005}"

    func html(of markdown: String) -> String {
        let (text, formulas) = Self.settingMathAside(Self.hidingMarkup(markdown))
        var parser = MarkdownParser()
        parser.addModifier(Modifier(target: .links) { Self.neutralisingUnsafeLinks($0.html) })
        parser.addModifier(Modifier(target: .images) { Self.neutralisingUnsafeLinks($0.html) })
        parser.addModifier(Modifier(target: .headings) { Self.demoted($0.html) })
        // Ink 0.6 reads past the end of its text (a crash) when the text ends in blanks
        // inside a list or an unclosed front matter (`---`): a paragraph of its own at both
        // ends keeps it from there (and from looking for front matter), and is taken out again.
        let guarded = "\(Self.guardParagraph)\n\n\(text)\n\n\(Self.guardParagraph)"
        let html = parser.html(from: guarded)
            .replacingOccurrences(of: "<p>\(Self.guardParagraph)</p>", with: "")
            .replacingOccurrences(of: String(Self.guardParagraph), with: "")
        return Self.restoringMath(Self.escapingHiddenMarkup(html), formulas)
    }

    private static func hidingMarkup(_ text: String) -> String {
        String(text.map { character -> Character in
            switch character {
            case "<": return lessThan
            case "&": return ampersand
            case "\"": return quote
            case lessThan, ampersand, quote, mathOpen, mathClose, guardParagraph: return "\u{FFFD}"
            default: return character
            }
        })
    }

    private static func escapingHiddenMarkup(_ html: String) -> String {
        var result = ""
        for character in html {
            switch character {
            case lessThan: result += "&lt;"
            case ampersand: result += "&amp;"
            case quote: result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }

    /// Replaces each formula outside code by a numbered marker Ink leaves alone.
    static func settingMathAside(_ text: String) -> (String, [String]) {
        var formulas: [String] = []
        var result = ""
        var rest = Substring(text)
        while let start = rest.firstIndex(where: { $0 == "$" || $0 == "`" }) {
            result += rest[..<start]
            if rest[start] == "`" {
                // Code (spans and fences) is copied as it is: `$ dln run` is no formula.
                let fence = rest[start...].prefix { $0 == "`" }
                let end = rest[fence.endIndex...].range(of: String(fence))?.upperBound ?? fence.endIndex
                result += rest[start..<end]
                rest = rest[end...]
                continue
            }
            let delimiter = rest[start...].hasPrefix("$$") ? "$$" : "$"
            let bodyStart = rest.index(start, offsetBy: delimiter.count)
            guard let close = rest[bodyStart...].range(of: delimiter), close.lowerBound > bodyStart,
                  delimiter == "$$" || !rest[bodyStart..<close.lowerBound].contains("\n") else {
                result += delimiter
                rest = rest[bodyStart...]
                continue
            }
            formulas.append(String(rest[start..<close.upperBound]))
            result += "\(mathOpen)\(formulas.count - 1)\(mathClose)"
            rest = rest[close.upperBound...]
        }
        return (result + rest, formulas)
    }

    /// Puts each formula back, escaped, in a `<span class="math">`.
    private static func restoringMath(_ html: String, _ formulas: [String]) -> String {
        guard !formulas.isEmpty else { return html }
        var result = ""
        var rest = Substring(html)
        while let open = rest.firstIndex(of: mathOpen), let close = rest[open...].firstIndex(of: mathClose) {
            result += rest[..<open]
            let number = Int(rest[rest.index(after: open)..<close]) ?? -1
            if formulas.indices.contains(number) {
                result += "<span class=\"math\">\(escapingHiddenMarkup(HTMLText.escaped(formulas[number])))</span>"
            }
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// A heading one level down (`#` becomes `<h2>`): the page's `<h1>` is the notebook's name.
    private static func demoted(_ html: String) -> String {
        guard html.count > 4, let level = html.dropFirst(2).first?.wholeNumberValue, (1...6).contains(level) else { return html }
        let lower = min(level + 1, 6)
        return "<h\(lower)" + html.dropFirst(3).dropLast(5) + "</h\(lower)>"
    }

    /// A link or image whose address names a scheme other than http(s) or mailto
    /// (`javascript:`, `data:`) loses its address.
    private static func neutralisingUnsafeLinks(_ html: String) -> String {
        guard let attribute = html.range(of: html.hasPrefix("<img") ? "src=\"" : "href=\""),
              let end = html[attribute.upperBound...].firstIndex(of: "\"") else { return html }
        let address = html[attribute.upperBound..<end]
        return isSafe(address) ? html : html.replacingCharacters(in: attribute.upperBound..<end, with: "#")
    }

    static func isSafe<S: StringProtocol>(_ address: S) -> Bool {
        let lowered = address.lowercased().filter { !$0.isWhitespace && !$0.isASCIIControl }
        guard let colon = lowered.firstIndex(of: ":") else { return true }
        let scheme = lowered[..<colon]
        // A colon after a slash, `?` or `#` belongs to a path, not a scheme.
        if scheme.contains(where: { "/?#".contains($0) }) { return true }
        return ["http", "https", "mailto"].contains(String(scheme))
    }
}

private extension Character {
    var isASCIIControl: Bool { asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? false }
}
