import Foundation

/// A named piece of dln source text (a notebook file, a REPL entry, a `--set` value).
///
/// Offsets used throughout the module are UTF-8 byte offsets into ``bytes``.
public final class SourceFile: Sendable {
    /// The name shown in diagnostics, e.g. `nb.dln`.
    public let name: String
    /// The full text.
    public let text: String
    /// The text as UTF-8 bytes; the lexer works on these.
    public let bytes: [UInt8]
    /// Byte offset of the start of every line (line 1 starts at offset 0).
    let lineStarts: [Int]

    /// Creates a source file from text that is already valid Unicode.
    public init(name: String, text: String) {
        self.name = name
        self.text = text
        let bytes = Array(text.utf8)
        self.bytes = bytes
        lineStarts = SourceFile.lineStarts(of: bytes)
    }

    /// Where each line begins. A plain indexed loop: notebooks can be tens of megabytes.
    static func lineStarts(of bytes: [UInt8]) -> [Int] {
        var starts = [0]
        bytes.withUnsafeBufferPointer { buffer in
            for offset in 0..<buffer.count where buffer[offset] == 0x0A {
                starts.append(offset + 1)
            }
        }
        return starts
    }

    /// Creates a source file from raw bytes, rejecting invalid UTF-8 with a lexical
    /// diagnostic that names the byte offset of the first bad byte.
    public convenience init(name: String, utf8 bytes: [UInt8]) throws {
        if let bad = SourceFile.firstInvalidUTF8Offset(in: bytes) {
            let line = 1 + bytes[..<bad].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            throw DiagnosticError(Diagnostic(
                .lexical,
                "\(name): invalid UTF-8 at byte offset \(bad) (line \(line))",
                hint: "dln notebooks must be saved as UTF-8 text"))
        }
        self.init(name: name, text: String(decoding: bytes, as: UTF8.self))
    }

    /// Returns the byte offset of the first byte that is not part of valid UTF-8, or nil.
    public static func firstInvalidUTF8Offset(in bytes: [UInt8]) -> Int? {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 { index += 1; continue }
            let need: Int
            var scalar: UInt32
            let minimum: UInt32
            if lead & 0xE0 == 0xC0 { need = 1; scalar = UInt32(lead & 0x1F); minimum = 0x80 }
            else if lead & 0xF0 == 0xE0 { need = 2; scalar = UInt32(lead & 0x0F); minimum = 0x800 }
            else if lead & 0xF8 == 0xF0 { need = 3; scalar = UInt32(lead & 0x07); minimum = 0x10000 }
            else { return index }
            if index + need >= count { return index }
            for k in 1...need {
                let byte = bytes[index + k]
                if byte & 0xC0 != 0x80 { return index }
                scalar = scalar << 6 | UInt32(byte & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return index }
            index += need + 1
        }
        return nil
    }

    /// The number of lines (a trailing newline starts one more, empty, line).
    public var lineCount: Int { lineStarts.count }

    /// The 1-based line and column of a byte offset (clamped into the file).
    public func location(ofOffset offset: Int) -> SourceLocation {
        let clamped = max(0, min(offset, bytes.count))
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
        let start = lineStarts[low]
        let column = String(decoding: bytes[start..<clamped], as: UTF8.self).count + 1
        return SourceLocation(line: low + 1, column: column, offset: clamped)
    }

    /// The byte range of a 1-based line, without its line terminator.
    public func byteRange(ofLine line: Int) -> Range<Int> {
        guard line >= 1, line <= lineStarts.count else { return bytes.count..<bytes.count }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return start..<max(start, end)
    }

    /// The text of a 1-based line, without its line terminator.
    public func text(ofLine line: Int) -> String {
        String(decoding: bytes[byteRange(ofLine: line)], as: UTF8.self)
    }

    /// The text of a byte range (clamped).
    public func text(in range: Range<Int>) -> String {
        let lower = max(0, min(range.lowerBound, bytes.count))
        let upper = max(lower, min(range.upperBound, bytes.count))
        return String(decoding: bytes[lower..<upper], as: UTF8.self)
    }
}

/// A 1-based line and column (columns count characters), plus the byte offset.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var offset: Int

    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    public var description: String { "\(line):\(column)" }
}

/// A half-open byte range in a ``SourceFile``; every AST node and token carries one.
public struct SourceRange: Equatable, Sendable, CustomStringConvertible {
    public let file: SourceFile
    public var start: Int
    public var end: Int

    public init(file: SourceFile, start: Int, end: Int) {
        self.file = file
        self.start = start
        self.end = max(start, end)
    }

    /// The smallest range covering both `self` and `other`.
    public func union(_ other: SourceRange) -> SourceRange {
        guard other.file === file else { return self }
        return SourceRange(file: file, start: min(start, other.start), end: max(end, other.end))
    }

    /// Where the range starts.
    public var startLocation: SourceLocation { file.location(ofOffset: start) }

    /// The source text covered by the range.
    public var text: String { file.text(in: start..<end) }

    public var description: String { "\(file.name):\(startLocation)" }

    public static func == (lhs: SourceRange, rhs: SourceRange) -> Bool {
        lhs.file === rhs.file && lhs.start == rhs.start && lhs.end == rhs.end
    }
}
