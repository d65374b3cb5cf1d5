import TensorCore

/// A column of a CSV file: by its name in the header, or by its 0-based position.
public enum CSVColumn: Equatable, Hashable, Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case name(String)
    case index(Int)

    public init(stringLiteral value: String) { self = .name(value) }
    public init(integerLiteral value: Int) { self = .index(value) }
}

extension Dataset {
    /// Loads a CSV file with a header line: `label` names the target column,
    /// `features` the input columns (all the others when nil).
    ///
    /// Numeric labels are kept as numbers (class indices, or regression
    /// targets); text labels become class indices in order of first
    /// appearance, with `classNames` holding the texts.
    ///
    ///     let digits = try Dataset.csv("data/digits.csv", label: "label")
    public static func csv(_ path: String, label: CSVColumn = "label", features: [CSVColumn]? = nil) throws -> Dataset {
        let bytes = try FileAccess.bytes(of: path)
        return try csv(parsing: String(decoding: bytes, as: UTF8.self), file: path, label: label, features: features)
    }

    /// Builds a data set from CSV text; `file` names it in errors.
    public static func csv(parsing text: String, file: String, label: CSVColumn = "label", features: [CSVColumn]? = nil) throws -> Dataset {
        let records = try CSVParser.records(in: text, file: file)
        guard let header = records.first else { throw DataError.emptyFile(file: file) }
        let names = header.cells.map { $0.trimmingSpaces }
        func position(of column: CSVColumn) throws -> Int {
            switch column {
            case let .name(name):
                if let index = names.firstIndex(of: name) { return index }
                throw DataError.missingColumn(file: file, column: "'\(name)'", available: names)
            case let .index(index):
                if names.indices.contains(index) { return index }
                throw DataError.missingColumn(file: file, column: "number \(index) (counting from 0)", available: names)
            }
        }
        let labelColumn = try position(of: label)
        let featureColumns = try features.map { try $0.map(position(of:)) } ?? names.indices.filter { $0 != labelColumn }
        let rows = records.dropFirst()
        guard !rows.isEmpty else {
            throw DataError.malformedText(file: file, line: header.line, reason: "the file has a header but no data rows")
        }

        var inputs: [Scalar] = []
        inputs.reserveCapacity(rows.count * featureColumns.count)
        var labelTexts: [String] = []
        labelTexts.reserveCapacity(rows.count)
        for row in rows {
            guard row.cells.count == names.count else {
                throw DataError.raggedRow(file: file, line: row.line, expected: names.count, actual: row.cells.count)
            }
            for column in featureColumns {
                let text = row.cells[column].trimmingSpaces
                guard let value = Double(text), value.isFinite else {
                    throw DataError.nonNumericCell(file: file, line: row.line, column: names[column], text: row.cells[column])
                }
                inputs.append(Scalar(value))
            }
            labelTexts.append(row.cells[labelColumn].trimmingSpaces)
        }

        let numbers = labelTexts.compactMap { Double($0) }.filter(\.isFinite)
        let targets: [Scalar]
        var classNames: [String]? = nil
        if numbers.count == labelTexts.count {
            targets = numbers.map { Scalar($0) }
        } else {
            var indices: [String: Int] = [:]
            var names: [String] = []
            targets = labelTexts.map { text in
                if let index = indices[text] { return Scalar(index) }
                indices[text] = names.count
                names.append(text)
                return Scalar(names.count - 1)
            }
            classNames = names
        }
        return try Dataset(inputs: Tensor(shape: [rows.count, featureColumns.count], scalars: inputs),
                           targets: Tensor(targets), classNames: classNames)
    }
}

fileprivate extension String {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let scalars = unicodeScalars.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }
        return String(String.UnicodeScalarView(scalars.reversed()))
    }
}
