/// Splits CSV text (RFC 4180: commas, double quotes, `""` for a quote inside
/// quotes, line breaks inside quotes, LF or CRLF) into records of cells.
struct CSVParser {
    /// One record and the 1-based line it starts on.
    struct Record {
        var line: Int
        var cells: [String]
    }

    /// The non-blank records of `text`, in order.
    static func records(in text: String, file: String) throws -> [Record] {
        var records: [Record] = []
        var cells: [String] = []
        var cell = ""
        var line = 1, recordLine = 1
        var inQuotes = false, wasQuoted = false, afterQuote = false
        var scalars = text.unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }

        func endRecord() {
            cells.append(cell)
            // A blank line is a record of one empty, unquoted cell: skip it.
            if !(cells.count == 1 && cells[0].isEmpty && !wasQuoted) {
                records.append(Record(line: recordLine, cells: cells))
            }
            cells = []
            cell = ""
            wasQuoted = false
            afterQuote = false
        }

        var iterator = scalars.makeIterator()
        var pending: Unicode.Scalar? = iterator.next()
        while let scalar = pending {
            pending = iterator.next()
            if inQuotes {
                if scalar == "\"" {
                    if pending == "\"" {
                        cell.unicodeScalars.append("\"")
                        pending = iterator.next()
                    } else {
                        inQuotes = false
                        afterQuote = true
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    cell.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case ",":
                cells.append(cell)
                cell = ""
                wasQuoted = false
                afterQuote = false
            case "\r" where pending == "\n":
                continue
            case "\n", "\r":
                endRecord()
                line += 1
                recordLine = line
            case "\"" where cell.allSatisfy({ $0 == " " || $0 == "\t" }) && !afterQuote:
                inQuotes = true
                wasQuoted = true
                cell = ""
            default:
                if afterQuote {
                    guard scalar == " " || scalar == "\t" else {
                        throw DataError.malformedText(file: file, line: line, reason: "unexpected text after a closing quote in a cell")
                    }
                } else {
                    cell.unicodeScalars.append(scalar)
                }
            }
        }
        if inQuotes {
            throw DataError.malformedText(file: file, line: recordLine, reason: "a quoted cell is not closed before the end of the file")
        }
        if !cell.isEmpty || !cells.isEmpty || wasQuoted { endRecord() }
        return records
    }
}
