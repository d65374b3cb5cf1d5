import Foundation

/// Makes gnuplot's SVG heatmaps smaller without changing a drawn pixel.
///
/// `with image pixels` writes every cell as its own line,
/// `<polygon fill = 'rgb(r, g, b)' points = 'x0,y1 x1,y1 x1,y0 x0,y0 '/>`, about 110
/// bytes; six 81×81 maps came to 4.3 MB. Consecutive cells of one row with the same
/// colour, each starting where the last ended, become one rectangle, and every cell is
/// written as a short path (`<path fill='#rrggbb' d='Mx0,y1Hx1Vy0Hx0z'/>`) with
/// gnuplot's own coordinate text, so edges stay exactly where gnuplot put them. Lines of
/// any other form pass through unchanged.
enum SVGCellRuns {
    /// One axis-aligned cell as gnuplot wrote it; coordinates kept as their text.
    struct Cell: Equatable {
        var indent: Substring
        var colour: String
        var left: Substring, right: Substring, bottom: Substring, top: Substring

        var path: String { "\(indent)<path fill='\(colour)' d='M\(left),\(bottom)H\(right)V\(top)H\(left)z'/>" }

        /// Whether `next` continues this cell's run: same row, same colour, starting at this one's right edge.
        func continues(into next: Cell) -> Bool {
            next.colour == colour && next.bottom == bottom && next.top == top && next.left == right && next.indent == indent
        }
    }

    /// `svg` with its cells merged into runs and written as paths.
    static func compacted(_ svg: String) -> String {
        var output: [Substring] = []
        var run: Cell?
        func flush() {
            if let cell = run { output.append(Substring(cell.path)) }
            run = nil
        }
        for line in svg.split(separator: "\n", omittingEmptySubsequences: false) {
            guard let cell = cell(in: line) else {
                flush()
                output.append(line)
                continue
            }
            if var current = run, current.continues(into: cell) {
                current.right = cell.right
                run = current
            } else {
                flush()
                run = cell
            }
        }
        flush()
        return output.joined(separator: "\n")
    }

    /// Compacts the SVG at `url` (a temporary file dln created, not yet in place).
    static func compact(at url: URL) throws {
        let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        let compact = compacted(text)
        if compact.utf8.count != text.utf8.count { try Data(compact.utf8).write(to: url) }
    }

    /// The cell a line draws, or nil when it is anything else.
    static func cell(in line: Substring) -> Cell? {
        let prefix = "<polygon fill = 'rgb(", middle = ")' points = '", suffix = " '/>"
        let indent = line.prefix { $0 == "\t" || $0 == " " }
        var rest = line.dropFirst(indent.count)
        guard rest.hasPrefix(prefix), rest.hasSuffix(suffix) else { return nil }
        rest = rest.dropFirst(prefix.count).dropLast(suffix.count)
        guard let split = rest.range(of: middle) else { return nil }
        let channels = rest[..<split.lowerBound].split(separator: ",").compactMap { UInt8($0.trimmingCharacters(in: .whitespaces)) }
        let points = rest[split.upperBound...].split(separator: " ").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        guard channels.count == 3, points.count == 4, points.allSatisfy({ $0.count == 2 && $0.allSatisfy(isNumber) }) else { return nil }
        // gnuplot's order: bottom left, bottom right, top right, top left.
        let (left, bottom, right, top) = (points[0][0], points[0][1], points[1][0], points[2][1])
        guard points[1][1] == bottom, points[2][0] == right, points[3][0] == left, points[3][1] == top else { return nil }
        let colour = "#" + channels.map { String(format: "%02x", $0) }.joined()
        return Cell(indent: indent, colour: colour, left: left, right: right, bottom: bottom, top: top)
    }

    private static func isNumber(_ text: Substring) -> Bool {
        !text.isEmpty && Double(text) != nil && text.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }
    }
}
