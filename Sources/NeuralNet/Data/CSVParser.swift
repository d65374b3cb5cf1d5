/// What the CSV parser hands on, one cell and one record at a time.
protocol CSVRecordConsumer {
    /// A cell's bytes (valid UTF-8, quotes removed), its 0-based place in
    /// the record and the 1-based line its record starts on.
    mutating func cell(_ bytes: [UInt8], index: Int, line: Int) throws
    /// The end of a record of `cellCount` cells (blank lines are not records).
    mutating func endRecord(cellCount: Int, line: Int) throws
}

/// Splits CSV bytes (RFC 4180: commas, double quotes, `""` for a quote inside
/// quotes, line breaks inside quotes, LF or CRLF) into cells as chunks arrive,
/// so that memory holds one cell rather than the text. NUL bytes and invalid
/// UTF-8 are refused with their line and column: a C-string parser would stop
/// at a NUL and read `1\0abc` as 1.
struct CSVParser<Consumer: CSVRecordConsumer> {
    /// The longest cell (1 MiB): a number or a label, never a document.
    static var maximumCellLength: Int { 1 << 20 }
    /// The most cells in a record (2^20).
    static var maximumCellsPerRecord: Int { 1 << 20 }

    var consumer: Consumer
    private let file: String
    private var state = State.unquoted
    private var cell: [UInt8] = []
    private var cellIndex = 0
    private var wasQuoted = false
    private var skipLineFeed = false
    private var line = 1, column = 0, recordLine = 1
    private var bytesSeen = 0
    private var utf8 = UTF8Validator()

    private enum State { case unquoted, quoted, quoteInQuotes, afterQuote }

    init(file: String, consumer: Consumer) {
        self.file = file
        self.consumer = consumer
    }

    /// Parses the next bytes of the file.
    mutating func feed(_ chunk: [UInt8]) throws {
        var bytes = chunk[...]
        if bytesSeen == 0, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }   // a BOM
        bytesSeen += chunk.count
        for byte in bytes { try take(byte) }
    }

    /// Ends the file: the last record may lack its line break.
    mutating func finish() throws {
        guard utf8.isComplete else { throw error("the file ends inside a UTF-8 character") }
        switch state {
        case .quoted:
            throw DataError.malformedText(file: file, line: recordLine, reason: "a quoted cell is not closed before the end of the file")
        case .quoteInQuotes: state = .afterQuote
        case .unquoted, .afterQuote: break
        }
        if !cell.isEmpty || cellIndex > 0 || wasQuoted { try endRecord() }
    }

    private func error(_ reason: String) -> DataError {
        .malformedText(file: file, line: line, reason: "column \(column): \(reason)")
    }

    private mutating func take(_ byte: UInt8) throws {
        if skipLineFeed {
            skipLineFeed = false
            if byte == UInt8(ascii: "\n") { return }   // CRLF: the CR ended the record
        }
        // A bad byte inside a character is reported at the character's column.
        let insideCharacter = !utf8.isComplete
        guard utf8.accepts(byte) else {
            if !insideCharacter { column += 1 }
            throw error("invalid UTF-8 (byte 0x\(String(byte, radix: 16, uppercase: true))); save the file as UTF-8")
        }
        if byte & 0xC0 != 0x80 { column += 1 }
        guard byte != 0 else { throw error("a NUL byte (0x00); a CSV file holds text") }
        if state == .quoteInQuotes {
            if byte == UInt8(ascii: "\"") {
                state = .quoted
                return try append(byte)
            }
            state = .afterQuote   // that quote closed the cell
        }
        if state == .quoted { return try takeQuoted(byte) }
        try takeUnquoted(byte)
    }

    private mutating func takeQuoted(_ byte: UInt8) throws {
        if byte == UInt8(ascii: "\"") {
            state = .quoteInQuotes
            return
        }
        try append(byte)
        if byte == UInt8(ascii: "\n") { nextLine() }
    }

    private mutating func takeUnquoted(_ byte: UInt8) throws {
        switch byte {
        case UInt8(ascii: ","):
            try endCell()
        case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
            try endRecord()
            skipLineFeed = byte == UInt8(ascii: "\r")
            nextLine()
            recordLine = line
        case UInt8(ascii: "\"") where state == .unquoted && cell.allSatisfy({ $0 == 0x20 || $0 == 0x09 }):
            state = .quoted
            wasQuoted = true
            cell.removeAll(keepingCapacity: true)
        default:
            guard state != .afterQuote else {
                guard byte == 0x20 || byte == 0x09 else { throw error("unexpected text after a closing quote in a cell") }
                return
            }
            try append(byte)
        }
    }

    private mutating func nextLine() {
        line += 1
        column = 0
    }

    private mutating func append(_ byte: UInt8) throws {
        guard cell.count < Self.maximumCellLength else {
            throw error("a cell longer than \(Self.maximumCellLength) bytes")
        }
        cell.append(byte)
    }

    private mutating func endCell() throws {
        guard cellIndex + 1 < Self.maximumCellsPerRecord else {
            throw DataError.malformedText(file: file, line: recordLine, reason: "a record of more than \(Self.maximumCellsPerRecord) cells")
        }
        try consumer.cell(cell, index: cellIndex, line: recordLine)
        cellIndex += 1
        resetCell()
    }

    private mutating func endRecord() throws {
        // A blank line is a record of one empty, unquoted cell: skip it.
        if !(cellIndex == 0 && cell.isEmpty && !wasQuoted) {
            try consumer.cell(cell, index: cellIndex, line: recordLine)
            try consumer.endRecord(cellCount: cellIndex + 1, line: recordLine)
        }
        cellIndex = 0
        resetCell()
    }

    private mutating func resetCell() {
        cell.removeAll(keepingCapacity: true)
        wasQuoted = false
        state = .unquoted
    }
}

/// Checks UTF-8 one byte at a time (RFC 3629: no overlong forms, no
/// surrogates, nothing past U+10FFFF), so a character may straddle chunks.
struct UTF8Validator {
    private var pending = 0
    private var lower: UInt8 = 0x80, upper: UInt8 = 0xBF

    /// Whether no character is left unfinished.
    var isComplete: Bool { pending == 0 }

    /// Whether `byte` may come next.
    mutating func accepts(_ byte: UInt8) -> Bool {
        if pending > 0 {
            guard byte >= lower, byte <= upper else { return false }
            pending -= 1
            (lower, upper) = (0x80, 0xBF)
            return true
        }
        switch byte {
        case 0x00...0x7F: return true
        case 0xC2...0xDF: (pending, lower, upper) = (1, 0x80, 0xBF)
        case 0xE0: (pending, lower, upper) = (2, 0xA0, 0xBF)
        case 0xED: (pending, lower, upper) = (2, 0x80, 0x9F)
        case 0xE1...0xEF: (pending, lower, upper) = (2, 0x80, 0xBF)
        case 0xF0: (pending, lower, upper) = (3, 0x90, 0xBF)
        case 0xF1...0xF3: (pending, lower, upper) = (3, 0x80, 0xBF)
        case 0xF4: (pending, lower, upper) = (3, 0x80, 0x8F)
        default: return false
        }
        return true
    }
}
