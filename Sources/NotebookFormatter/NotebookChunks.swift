import Language

/// A notebook cut into what the formatter treats alike: `%%` marker lines, code, prose.
struct NotebookChunks {
    enum Kind: Equatable {
        /// A `%%` line and its trimmed title (nil for a bare `%%`).
        case marker(String?)
        case code, prose
    }

    struct Chunk {
        var kind: Kind
        /// Whole lines of the file (for a marker, the line without its terminator).
        var range: Range<Int>
        /// Whether a `%%` marker comes after this body.
        var followedByMarker = false
    }

    let all: [Chunk]

    init(_ notebook: Notebook) {
        var chunks: [Chunk] = []
        var codeStart = 0
        for cell in notebook.cells {
            if let line = cell.markerLine {
                let marker = notebook.source.byteRange(ofLine: line)
                if marker.lowerBound > codeStart { chunks.append(Chunk(kind: .code, range: codeStart..<marker.lowerBound)) }
                if !chunks.isEmpty { chunks[chunks.count - 1].followedByMarker = true }
                chunks.append(Chunk(kind: .marker(cell.title), range: marker))
            } else if cell.bodyRange.lowerBound > codeStart {
                chunks.append(Chunk(kind: .code, range: codeStart..<cell.bodyRange.lowerBound))
            }
            chunks.append(Chunk(kind: cell.kind == .markdown ? .prose : .code, range: cell.bodyRange))
            codeStart = cell.bodyRange.upperBound
        }
        let end = notebook.source.bytes.count
        if end > codeStart { chunks.append(Chunk(kind: .code, range: codeStart..<end)) }
        all = chunks
    }
}

/// The lines of a byte range (without terminators; a final line without `\n` counts).
struct SourceLines {
    let lines: [Range<Int>]

    init(source: SourceFile, range: Range<Int>) {
        var lines: [Range<Int>] = []
        let bytes = source.bytes
        var start = range.lowerBound
        var index = range.lowerBound
        while index < range.upperBound {
            if bytes[index] == 0x0A {
                lines.append(start..<(index > start && bytes[index - 1] == 0x0D ? index - 1 : index))
                start = index + 1
            }
            index += 1
        }
        if start < range.upperBound {
            lines.append(start..<(bytes[range.upperBound - 1] == 0x0D ? range.upperBound - 1 : range.upperBound))
        }
        self.lines = lines
    }
}
