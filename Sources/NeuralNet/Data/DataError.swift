/// Why data could not be loaded, generated or transformed. Every case names
/// the file (or operation) and where in it the problem is, so that a notebook
/// can show the message as it is.
public enum DataError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The file could not be read at all (missing, a directory, no permission…).
    case unreadable(file: String, reason: String)
    /// The file holds nothing to load.
    case emptyFile(file: String)
    /// A CSV row with a different number of cells than the header (1-based line).
    case raggedRow(file: String, line: Int, expected: Int, actual: Int)
    /// A CSV cell that should hold a number but does not (1-based line).
    case nonNumericCell(file: String, line: Int, column: String, text: String)
    /// A CSV column asked for by name or index that the header does not have.
    case missingColumn(file: String, column: String, available: [String])
    /// A malformed CSV file (an unclosed quote, text after a closing quote…).
    case malformedText(file: String, line: Int, reason: String)
    /// A binary file whose bytes do not follow its format, at a byte offset.
    case malformedBinary(file: String, offset: Int, reason: String)
    /// A well-formed file using a feature dln does not read.
    case unsupported(file: String, reason: String)
    /// Writing a file failed.
    case unwritable(file: String, reason: String)
    /// An argument a data operation cannot take.
    case invalidArgument(operation: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(file, reason):
            return "\(file): cannot read the file: \(reason)"
        case let .emptyFile(file):
            return "\(file): the file is empty"
        case let .raggedRow(file, line, expected, actual):
            return "\(file), line \(line): expected \(expected) columns as in the header, found \(actual)"
        case let .nonNumericCell(file, line, column, text) where text.allSatisfy({ $0 == " " || $0 == "\t" }):
            return "\(file), line \(line), column '\(column)': the cell is empty; every feature and label cell must hold a value"
        case let .nonNumericCell(file, line, column, text):
            return "\(file), line \(line), column '\(column)': '\(text)' is not a number"
        case let .missingColumn(file, column, available):
            return "\(file): no column \(column); the columns are \(available.map { "'\($0)'" }.joined(separator: ", "))"
        case let .malformedText(file, line, reason):
            return "\(file), line \(line): \(reason)"
        case let .malformedBinary(file, offset, reason):
            return "\(file), byte \(offset): \(reason)"
        case let .unsupported(file, reason):
            return "\(file): \(reason)"
        case let .unwritable(file, reason):
            return "\(file): cannot write the file: \(reason)"
        case let .invalidArgument(operation, reason):
            return "\(operation): \(reason)"
        }
    }
}
