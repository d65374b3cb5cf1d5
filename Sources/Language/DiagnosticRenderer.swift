import Foundation

/// Renders diagnostics in dln's one error format:
///
/// ```
/// nb.dln:12:5: error: unknown name 'rleu'
///    12 | h = rleu(theta0 + x)
///       |     ^~~~
/// hint: did you mean 'relu'?
/// ```
///
/// Failed expectations use the label `expectation failed` instead of `error`; notes
/// follow as `note: …` lines, then the hint, then `note: in cell '…'` when the cell is known.
public struct DiagnosticRenderer: Sendable {
    /// Whether to show the source line with a caret underline.
    public var showsSourceLine: Bool

    public init(showsSourceLine: Bool = true) {
        self.showsSourceLine = showsSourceLine
    }

    /// Renders several diagnostics, separated by newlines.
    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(render).joined(separator: "\n")
    }

    /// Renders one diagnostic (no trailing newline).
    public func render(_ diagnostic: Diagnostic) -> String {
        var lines: [String] = []
        let label = diagnostic.kind == .expectation ? "expectation failed" : "error"
        if let range = diagnostic.range {
            let location = range.startLocation
            lines.append("\(range.file.name):\(location.line):\(location.column): \(label): \(Self.shortened(diagnostic.message))")
            if showsSourceLine { lines.append(contentsOf: sourceExcerpt(range)) }
        } else {
            lines.append("\(label): \(Self.shortened(diagnostic.message))")
        }
        for note in diagnostic.notes { lines.append("note: \(note)") }
        if let hint = diagnostic.hint { lines.append("hint: \(hint)") }
        if let title = diagnostic.cellTitle { lines.append("note: in cell '\(title)'") }
        return lines.joined(separator: "\n")
    }

    /// Messages longer than this many characters are cut (they can quote a 10 MB token).
    public static let maximumMessageLength = 300
    /// Source lines longer than this many characters are shown as a window around the
    /// problem, with `…` where text was left out.
    public static let maximumExcerptWidth = 160

    static func shortened(_ message: String) -> String {
        guard message.count > maximumMessageLength else { return message }
        return String(message.prefix(maximumMessageLength)) + "… (\(message.count) characters)"
    }

    private func sourceExcerpt(_ range: SourceRange) -> [String] {
        let file = range.file
        let location = file.location(ofOffset: range.start)
        let lineBytes = file.byteRange(ofLine: location.line)
        let number = String(location.line)
        let gutter = String(repeating: " ", count: max(0, 5 - number.count)) + number
        let blank = String(repeating: " ", count: gutter.count)
        let start = min(max(range.start, lineBytes.lowerBound), lineBytes.upperBound)
        // A window of the line: all of it when short, else up to 60 characters before the
        // problem and the rest of the width after it.
        let limit = Self.maximumExcerptWidth
        var windowStart = lineBytes.lowerBound, windowEnd = lineBytes.upperBound
        if windowEnd - windowStart > 4 * limit {
            windowStart = max(lineBytes.lowerBound, start - 4 * (limit / 2))
            windowEnd = min(lineBytes.upperBound, start + 4 * limit)
        }
        let before = Array(file.text(in: windowStart..<start))
        let after = Array(file.text(in: start..<windowEnd))
        let fits = before.count + after.count <= limit
        let shownBefore = fits ? before[...] : before.suffix(limit * 3 / 8)
        let shownAfter = fits ? after[...] : after.prefix(limit - shownBefore.count)
        let cutBefore = shownBefore.count < before.count || windowStart > lineBytes.lowerBound
        let cutAfter = shownAfter.count < after.count || windowEnd < lineBytes.upperBound
        let lineText = (cutBefore ? "…" : "") + String(shownBefore) + String(shownAfter) + (cutAfter ? "…" : "")
        // Padding keeps tabs so the caret lines up under tab-indented code.
        let padding = (cutBefore ? " " : "") + String(shownBefore.map { $0 == "\t" ? "\t" : " " })
        let underlineEnd = min(range.end, lineBytes.upperBound)
        let width = underlineEnd > start ? file.text(in: start..<min(underlineEnd, windowEnd)).count : 1
        let underline = "^" + String(repeating: "~", count: max(0, min(width, shownAfter.count) - 1))
        return ["\(gutter) | \(lineText)", "\(blank) | \(padding)\(underline)"]
    }
}

/// "Did you mean …?" suggestions by edit distance.
public enum Suggestions {
    /// Optimal-string-alignment distance: insertions, deletions, substitutions and
    /// transpositions of adjacent characters each cost 1.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var table = Array(repeating: Array(repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { table[i][0] = i }
        for j in 0...y.count { table[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                var best = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    best = min(best, table[i - 2][j - 2] + 1)
                }
                table[i][j] = best
            }
        }
        return table[x.count][y.count]
    }

    /// The candidate closest to `name`, if it is close enough to be a plausible typo.
    public static func closest(to name: String, among candidates: some Sequence<String>) -> String? {
        let limit = max(1, min(3, name.count / 3))
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != name {
            let distance = candidate.lowercased() == name.lowercased() ? 0 : editDistance(name, candidate)
            guard distance <= limit, distance < max(name.count, candidate.count) else { continue }
            if let current = best, current.distance < distance
                || (current.distance == distance && current.name <= candidate) { continue }
            best = (candidate, distance)
        }
        return best?.name
    }

    /// `did you mean 'x'?` for the closest candidate, or nil.
    public static func didYouMean(_ name: String, among candidates: some Sequence<String>) -> String? {
        closest(to: name, among: candidates).map { "did you mean '\($0)'?" }
    }
}
