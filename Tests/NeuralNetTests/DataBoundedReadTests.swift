import Foundation
import Testing
@testable import NeuralNet

/// Loaders open only regular files, read a header first and then only what it
/// promises, in chunks: sparse files that claim gigabytes cost nothing, FIFOs
/// and folders are named for what they are, CSV refuses NUL and bad UTF-8.
@Suite("Data: bounded reads")
struct DataBoundedReadTests {
    let folder: URL

    init() throws { folder = try DataTestSupport.temporaryDirectory() }

    /// A file of `size` bytes that starts with `prefix` and is a hole after it (no disk, no memory).
    func sparseFile(_ name: String, prefix: [UInt8], size: Int) throws -> String {
        let path = try DataTestSupport.write(prefix, named: name, in: folder)
        let descriptor = open(path, O_WRONLY)
        defer { close(descriptor) }
        #expect(ftruncate(descriptor, off_t(size)) == 0)
        return path
    }

    func fifo(_ name: String) -> String {
        let path = folder.appendingPathComponent(name).path
        #expect(mkfifo(path, 0o644) == 0)
        return path
    }

    /// The most a bounded read may raise the peak: what they guard against
    /// reads a gigabyte or more. The peak is the whole process's, and other
    /// suites allocate at the same time (CI once saw 204 MB here), so the
    /// bound leaves them room.
    static let cheapGrowth = 500_000_000

    /// The process's peak resident memory, in bytes.
    static func peakMemory() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss * 1024
    }

    /// Runs `body` and expects it to throw a message containing `text` and
    /// to raise the peak memory by less than `cheapGrowth` (the files claim 1 GiB).
    func expectCheap(_ text: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
        let before = Self.peakMemory()
        do {
            try body()
            Issue.record("no error; expected '\(text)'", sourceLocation: sourceLocation)
        } catch {
            #expect("\(error)".contains(text), "\(error)", sourceLocation: sourceLocation)
        }
        let grown = Self.peakMemory() - before
        #expect(grown < Self.cheapGrowth, "peak memory grew by \(grown) bytes", sourceLocation: sourceLocation)
    }

    static func npyHeader(_ dictionary: String) -> [UInt8] {
        var header = Array(dictionary.utf8)
        while (10 + header.count + 1) % 64 != 0 { header.append(0x20) }
        header.append(0x0A)
        return NPYFile.magic + [1, 0, UInt8(header.count & 0xFF), UInt8(header.count >> 8)] + header
    }

    // MARK: not regular files

    @Test func aFIFOIsNamedAsOneAndNeverRead() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        // Reading would block forever: no one writes to these FIFOs.
        let path = fifo("x.npy")
        #expect(throws: DataError.unreadable(file: path, reason: "it is a FIFO, not a data file")) { try NPYFile.read(path) }
        #expect(throws: DataError.self) { try IDXFile.read(path) }
        #expect(throws: DataError.self) { try Dataset<Float>.csv(path) }
        #expect(throws: SafetensorsError("\(path): cannot read the file: it is a FIFO, not a data file")) {
            try Safetensors.read(from: URL(fileURLWithPath: path))
        }
    }

    @Test func aFolderIsNamedAsOne() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.path
        #expect(throws: DataError.unreadable(file: path, reason: "it is a folder, not a data file")) { try NPYFile.read(path) }
        #expect(throws: SafetensorsError("\(path): cannot read the file: it is a folder, not a data file")) {
            try Safetensors.read(from: folder)
        }
        #expect(throws: DataError.unreadable(file: path + "/missing.csv", reason: "no such file")) {
            try Dataset<Float>.csv(path + "/missing.csv")
        }
    }

    // MARK: headers that lie about sparse files

    @Test func aSparseNPYIsJudgedByItsHeader() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let small = try sparseFile("small.npy", prefix: Self.npyHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }"),
                                   size: 1 << 30)
        expectCheap("needs 16 bytes of data, but the file has") { _ = try NPYFile.read(small) }
        // A version 2 header length of 4 GiB − 1 in a 1 GiB file.
        let long = try sparseFile("long.npy", prefix: NPYFile.magic + [2, 0, 0xFF, 0xFF, 0xFF, 0xFF], size: 1 << 30)
        expectCheap("dln reads headers of at most 1048576") { _ = try NPYFile.read(long) }
    }

    @Test func aSparseIDXIsJudgedByItsSizes() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try sparseFile("x.idx", prefix: [0, 0, 0x08, 1, 0, 0, 0, 16], size: 1 << 30)
        expectCheap("need 16 bytes of data, but the file has") { _ = try IDXFile.read(path) }
    }

    @Test func aSparseSafetensorsFileIsReadTensorByTensor() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let header = Array("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}".utf8)
        let prefix = (0..<8).map { UInt8((header.count >> (8 * $0)) & 0xFF) } + header
        let path = try sparseFile("m.safetensors", prefix: prefix, size: 1 << 30)
        let before = Self.peakMemory()
        let file = try Safetensors.read(from: URL(fileURLWithPath: path))
        #expect(file.tensors.map(\.tensor.scalars) == [[0, 0]])
        #expect(Self.peakMemory() - before < Self.cheapGrowth, "the gigabyte after the tensors was read")
        // A header length of 100,000,001 bytes, one past the limit, inside the file.
        let claim = try sparseFile("h.safetensors", prefix: [1, 0xE1, 0xF5, 0x05, 0, 0, 0, 0], size: 1 << 30)
        expectCheap("dln reads headers of at most 100000000") { _ = try Safetensors.read(from: URL(fileURLWithPath: claim)) }
    }

    // MARK: shapes that cannot crash

    @Test func anEmptyShapeWithAHugeAxisIsRefused() throws {
        for shape in ["(0, 9223372036854775807)", "(9223372036854775807, 0)", "(0, 4611686018427387904, 4)"] {
            let bytes = Self.npyHeader("{'descr': '<f8', 'fortran_order': False, 'shape': \(shape), }")
            #expect(throws: DataError.self, "\(shape)") { _ = try NPYFile.decode(bytes, file: "e.npy") }
            do { _ = try NPYFile.decode(bytes, file: "e.npy") } catch {
                #expect("\(error)".contains("its sizes other than 0 multiply to more than 268435456"), "\(error)")
            }
        }
        let idx: [UInt8] = [0, 0, 0x08, 3, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]
        #expect(throws: DataError.self) { _ = try IDXFile.decode(idx, file: "e.idx") }
        // An empty tensor of reasonable sizes still loads.
        let empty = Self.npyHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (0, 5), }")
        #expect(try NPYFile.decode(empty, file: "e.npy").shape == [0, 5])
    }

    // MARK: CSV

    func csvError(_ text: [UInt8]) -> String {
        do {
            let path = try DataTestSupport.write(text, named: "t.csv", in: folder)
            _ = try Dataset<Float>.csv(path)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func csvRefusesNULBytesWithTheirPlace() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        // Before, the parser stopped at the NUL and read `1\0abc` as 1.
        let message = csvError(Array("x,label\n0,0\n1\0abc,1\n".utf8))
        #expect(message.hasSuffix("t.csv, line 3: column 2: a NUL byte (0x00); a CSV file holds text"), "\(message)")
    }

    @Test func csvRefusesInvalidUTF8WithTheirPlace() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        // Each bad sequence starts at column 4, after `1`, `,` and `é`.
        for (bytes, column) in [([0xFF], 4), ([0xC3], 4), ([0xE2, 0x82], 4), ([0xED, 0xA0, 0x80], 4), ([0xC0, 0xAF], 4), ([0xA0], 4)] as [([UInt8], Int)] {
            let message = csvError(Array("x,label\n1,é".utf8) + bytes + Array("\n".utf8))
            #expect(message.contains("t.csv, line 2: column \(column): invalid UTF-8"), "\(bytes): \(message)")
        }
        #expect(csvError(Array("x,label\n1,".utf8) + [0xE2, 0x82]).contains("the file ends inside a UTF-8 character"))
    }

    @Test func csvEmptyCellsAreAClearError() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(csvError(Array("x,label\n1,0\n,1\n".utf8)).hasSuffix("t.csv, line 3, column 'x': the cell is empty; every feature and label cell must hold a value"))
        #expect(csvError(Array("x,label\n1,0\n2, \n".utf8)).hasSuffix("t.csv, line 3, column 'label': the cell is empty; every feature and label cell must hold a value"))
    }

    @Test func csvOfManyEmptyCellsStopsAtTheFirst() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        // 30 million empty cells (30 MB): before, every cell became a String first (gigabytes).
        let rows = [UInt8](repeating: UInt8(ascii: ","), count: 30_000_000)
        let before = Self.peakMemory()
        let message = csvError(Array("a,label\n".utf8) + rows)
        #expect(message.contains("the cell is empty") || message.contains("more than 1048576 cells"), "\(message)")
        let grown = Self.peakMemory() - before
        #expect(grown < Self.cheapGrowth, "peak memory grew by \(grown) bytes")
        // A sparse gigabyte of NULs: refused at its first byte.
        let sparse = try sparseFile("zeros.csv", prefix: [], size: 1 << 30)
        expectCheap("line 1: column 1: a NUL byte") { _ = try Dataset<Float>.csv(sparse) }
    }

    @Test func csvCharactersAndLineBreaksMayStraddleChunks() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        // Rows of 10 bytes: 1 MiB is not a multiple, so a chunk ends inside a row (here inside an é).
        let row = Array("1,\u{E9}\u{E9}\u{E9}\r\n".utf8)
        let rowCount = FileAccess.chunkSize / row.count + 2
        var bytes = [0xEF, 0xBB, 0xBF] + Array("x,label\r\n".utf8)
        for _ in 0..<rowCount { bytes += row }
        let path = try DataTestSupport.write(bytes, named: "long.csv", in: folder)
        let data = try Dataset<Float>.csv(path)
        #expect(data.inputs.shape == [rowCount, 1])
        #expect(data.classNames == ["\u{E9}\u{E9}\u{E9}"])
        // Every split of a small file gives the same cells as no split.
        let text = Array("x,label\r\n\"1\",\"a\"\"b\"\r\n2,\u{E9}\n".utf8)
        for split in 0...text.count {
            var parser = CSVParser(file: "s.csv", consumer: CSVTable<Float>(file: "s.csv", label: "label", features: nil))
            try parser.feed(Array(text[..<split]))
            try parser.feed(Array(text[split...]))
            try parser.finish()
            let set = try parser.consumer.dataset()
            #expect(set.inputs.scalars == [1, 2] && set.classNames == ["a\"b", "\u{E9}"], "split at \(split)")
        }
    }
}
