import Foundation
import Testing
import TensorCore
@testable import NeuralNet

@Suite final class DataCSVTests {
    let directory: URL

    init() throws { directory = try DataTestSupport.temporaryDirectory() }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func load(_ text: String, label: CSVColumn = "label", features: [CSVColumn]? = nil) throws -> Dataset<Float> {
        try Dataset<Float>.csv(DataTestSupport.write(text, named: "data.csv", in: directory), label: label, features: features)
    }

    func error(_ text: String, label: CSVColumn = "label") -> DataError? {
        do {
            _ = try load(text, label: label)
            return nil
        } catch {
            return error as? DataError
        }
    }

    @Test func numericLabelsAndFeatures() throws {
        let data = try load("a,label,b\n1,0,2\n3.5,2,-4\n\n")
        #expect(data.inputs.shape == [2, 2])
        #expect(data.inputs.scalars == [1, 2, 3.5, -4])
        #expect(data.targets.scalars == [0, 2])
        #expect(data.classNames == nil)
    }

    @Test func textLabelsBecomeClassesInOrderOfAppearance() throws {
        let data = try load("x,species\n1,setosa\n2,virginica\n3,setosa\n", label: 1)
        #expect(data.targets.scalars == [0, 1, 0])
        #expect(data.classNames == ["setosa", "virginica"])
    }

    @Test func quotedFieldsAndChosenColumns() throws {
        let data = try load("\"a\",b,c,label\r\n\"1\",\" 2 \",\"x, \"\"y\"\"\",\"cat\"\r\n4,5,6,dog\r\n", features: ["b", 0])
        #expect(data.inputs.shape == [2, 2])
        #expect(data.inputs.scalars == [2, 1, 5, 4])
        #expect(data.classNames == ["cat", "dog"])
    }

    @Test func raggedRowNamesFileLineAndCounts() throws {
        let failure = error("a,b,label\n1,2,0\n1,2\n")
        #expect(failure == .raggedRow(file: directory.appendingPathComponent("data.csv").path, line: 3, expected: 3, actual: 2))
        #expect(failure?.description.contains("line 3: expected 3 columns") == true)
    }

    @Test func nonNumericCellNamesColumnAndText() throws {
        let failure = error("a,b,label\n1,2,0\n1,oops,1\n")
        #expect(failure == .nonNumericCell(file: directory.appendingPathComponent("data.csv").path, line: 3, column: "b", text: "oops"))
        #expect(error("a,label\n,1\n") == .nonNumericCell(file: directory.appendingPathComponent("data.csv").path, line: 2, column: "a", text: ""))
    }

    @Test func missingLabelColumnListsTheColumns() throws {
        let failure = error("a,b\n1,2\n", label: "target")
        #expect(failure == .missingColumn(file: directory.appendingPathComponent("data.csv").path, column: "'target'", available: ["a", "b"]))
        #expect(failure?.description.contains("'a', 'b'") == true)
        if case .missingColumn? = error("a,b\n1,2\n", label: 5) {} else { Issue.record("index 5 should be missing") }
    }

    @Test func emptyAndMalformedFiles() throws {
        #expect(error("") == .emptyFile(file: directory.appendingPathComponent("data.csv").path))
        #expect(error("\n\n") == .emptyFile(file: directory.appendingPathComponent("data.csv").path))
        if case .malformedText(_, 1, _)? = error("a,label\n") {} else { Issue.record("a header alone should be rejected") }
        if case .malformedText(_, 2, _)? = error("a,label\n\"1,2\n") {} else { Issue.record("an unclosed quote should be rejected") }
        let missing = DataTestSupport.failure { try Dataset<Float>.csv("/nonexistent/x.csv") }
        if case .unreadable? = missing {} else { Issue.record("a missing file should be unreadable") }
    }

    @Test func digitsLoadAs1797By64() throws {
        let path = DataTestSupport.packageRoot.appendingPathComponent("notebooks/data/digits.csv").path
        let digits = try Dataset<Float>.csv(path, label: "label")
        #expect(digits.inputs.shape == [1797, 64])
        #expect(Set(digits.targets.scalars) == Set((0...9).map(Float.init)))
        #expect(digits.inputs.scalars.allSatisfy { $0 >= 0 && $0 <= 16 })
    }
}

@Suite struct DataCSVWithoutLabelsTests {
    @Test func everyColumnIsAFeatureAndTheWriterRoundTrips() throws {
        let directory = try DataTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let matrix = try Tensor<Double>(shape: [2, 3], scalars: [0.1, -2.5, 1e-300, .pi, 7, 1e300])
        let path = directory.appendingPathComponent("m.csv").path
        try CSVWriter.write(matrix, to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("x0,x1,x2\n0.1,-2.5,1e-300\n"))
        let back = try Tensor<Double>.csv(path)
        #expect(back.shape == [2, 3] && back.scalars == matrix.scalars)
        let vector = directory.appendingPathComponent("v.csv").path
        try CSVWriter.write(Tensor<Float>([1.5, 0.1]), to: vector)
        #expect(try Tensor<Float>.csv(vector).scalars == [1.5, 0.1])
        let headerOnly = try DataTestSupport.write("a,b\n", named: "h.csv", in: directory)
        #expect(DataTestSupport.failure { try Tensor<Double>.csv(headerOnly) }?.description.contains("no data rows") == true)
        #expect(DataTestSupport.failure { try CSVWriter.encode(Tensor<Double>(1), file: "s.csv") } != nil)
    }
}
