import ResourceLimits
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
    /// appearance, with `classNames` holding the texts. The file is parsed
    /// in chunks: memory follows the numbers kept, not the text.
    ///
    ///     let digits = try Dataset.csv("data/digits.csv", label: "label")
    public static func csv(_ path: String, label: CSVColumn = "label", features: [CSVColumn]? = nil) throws -> Dataset {
        let file = try DataFile(opening: path)
        var parser = CSVParser(file: path, consumer: CSVTable<Scalar>(file: path, label: label, features: features))
        try file.forEachChunk(from: 0, count: file.size) { try parser.feed($0) }
        try parser.finish()
        return try parser.consumer.dataset()
    }

    /// Builds a data set from CSV text; `file` names it in errors.
    public static func csv(parsing text: String, file: String, label: CSVColumn = "label", features: [CSVColumn]? = nil) throws -> Dataset {
        var parser = CSVParser(file: file, consumer: CSVTable<Scalar>(file: file, label: label, features: features))
        try MemoryBytes(storage: Array(text.utf8)).forEachChunk(from: 0, count: text.utf8.count) { try parser.feed($0) }
        try parser.finish()
        return try parser.consumer.dataset()
    }
}

/// A CSV file's numbers as they are parsed: the header's names, then each
/// row's feature cells converted at once, and each label kept as an index
/// into the distinct label texts.
struct CSVTable<Scalar: TensorScalar>: CSVRecordConsumer {
    let file: String
    /// The target column; nil for a file of features only.
    let label: CSVColumn?
    let features: [CSVColumn]?

    private var names: [String]?
    private var headerLine = 0
    private var headerCells: [String] = []
    /// The label's column; -1, which no cell has, without one.
    private var labelColumn = -1
    /// For each column of the file, the places in a row of inputs it fills.
    private var places: [[Int]] = []
    private var featureCount = 0

    private var inputs: [Scalar] = []
    private var row: [Scalar] = []
    private var firstBadCell: (place: Int, column: Int, text: String)?
    private var labelText: String?
    private var labelIndices: [String: Int] = [:]
    private var labelTexts: [String] = []
    private var rowLabels: [Int32] = []

    init(file: String, label: CSVColumn?, features: [CSVColumn]?) {
        self.file = file
        self.label = label
        self.features = features
    }

    mutating func cell(_ bytes: [UInt8], index: Int, line: Int) throws {
        guard names != nil else {
            headerCells.append(String(decoding: bytes, as: UTF8.self).trimmingSpaces)
            return
        }
        guard index < places.count else { return }   // a ragged row: reported at its end
        if index == labelColumn { labelText = String(decoding: bytes, as: UTF8.self) }
        guard !places[index].isEmpty else { return }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let value = Double(text.trimmingSpaces), value.isFinite else {
            if let place = places[index].first, place < firstBadCell?.place ?? Int.max {
                firstBadCell = (place, index, text)
            }
            return
        }
        for place in places[index] { row[place] = Scalar(value) }
    }

    mutating func endRecord(cellCount: Int, line: Int) throws {
        guard let names else { return try takeHeader(line: line) }
        defer { (firstBadCell, labelText) = (nil, nil) }
        guard cellCount == names.count else {
            throw DataError.raggedRow(file: file, line: line, expected: names.count, actual: cellCount)
        }
        if let bad = firstBadCell {
            throw DataError.nonNumericCell(file: file, line: line, column: names[bad.column], text: bad.text)
        }
        let labelValue = (labelText ?? "").trimmingSpaces
        guard !labelValue.isEmpty || label == nil else {
            throw DataError.nonNumericCell(file: file, line: line, column: names[labelColumn], text: labelText ?? "")
        }
        let (total, overflow) = inputs.count.addingReportingOverflow(featureCount)
        guard !overflow, total <= Shape.maximumElementCount, rowLabels.count < Shape.maximumElementCount else {
            throw DataError.malformedText(file: file, line: line, reason: "the file holds more than \(Shape.maximumElementCount) numbers, the most one tensor holds")
        }
        if total > inputs.capacity {
            // The array is about to double its storage.
            try MemoryBudget.shared.requireRoom(Swift.max(inputs.capacity, featureCount) &* MemoryLayout<Scalar>.stride,
                                                for: "reading \(file)")
        }
        inputs += row
        rowLabels.append(Int32(labelIndex(of: labelValue)))
    }

    private mutating func takeHeader(line: Int) throws {
        let names = headerCells
        headerLine = line
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
        labelColumn = try label.map(position(of:)) ?? -1
        let featureColumns = try features.map { try $0.map(position(of:)) } ?? names.indices.filter { $0 != labelColumn }
        places = Array(repeating: [], count: names.count)
        for (place, column) in featureColumns.enumerated() { places[column].append(place) }
        featureCount = featureColumns.count
        row = Array(repeating: 0, count: featureCount)
        headerCells = []
        self.names = names
    }

    /// The label's index among the distinct labels, in order of first appearance.
    private mutating func labelIndex(of text: String) -> Int {
        if let index = labelIndices[text] { return index }
        labelIndices[text] = labelTexts.count
        labelTexts.append(text)
        return labelTexts.count - 1
    }

    private func requireRows() throws {
        guard names != nil else { throw DataError.emptyFile(file: file) }
        guard !rowLabels.isEmpty else {
            throw DataError.malformedText(file: file, line: headerLine, reason: "the file has a header but no data rows")
        }
    }

    /// The feature cells as a matrix [rows, features] (read without a label).
    func matrix() throws -> Tensor<Scalar> {
        try requireRows()
        return try Tensor(shape: [rowLabels.count, featureCount], scalars: inputs)
    }

    /// The data set: labels as numbers when every distinct label is one, else as class indices
    /// in order of first appearance (`classNames` holds their texts).
    func dataset() throws -> Dataset<Scalar> {
        try requireRows()
        let numbers = labelTexts.compactMap { Double($0) }.filter(\.isFinite)
        let numeric = numbers.count == labelTexts.count
        let targets = rowLabels.map { Scalar(numeric ? numbers[Int($0)] : Double($0)) }
        return try Dataset(inputs: Tensor(shape: [rowLabels.count, featureCount], scalars: inputs),
                           targets: Tensor(targets), classNames: numeric ? nil : labelTexts)
    }
}

extension Tensor {
    /// Every column of a CSV file with a header, as a matrix [rows, columns]
    /// (a file without labels); parsed in chunks like `Dataset.csv`.
    public static func csv(_ path: String) throws -> Tensor {
        let file = try DataFile(opening: path)
        var parser = CSVParser(file: path, consumer: CSVTable<Scalar>(file: path, label: nil, features: nil))
        try file.forEachChunk(from: 0, count: file.size) { try parser.feed($0) }
        try parser.finish()
        return try parser.consumer.matrix()
    }
}

fileprivate extension String {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let scalars = unicodeScalars.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }
        return String(String.UnicodeScalarView(scalars.reversed()))
    }
}
