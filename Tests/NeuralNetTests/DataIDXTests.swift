import Foundation
import Testing
import TensorCore
@testable import NeuralNet

@Suite final class DataIDXTests {
    let directory: URL

    init() throws { directory = try DataTestSupport.temporaryDirectory() }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// An IDX file of unsigned bytes with the given sizes and data.
    func idx(_ shape: [Int], _ data: [UInt8], code: UInt8 = 0x08) -> [UInt8] {
        var bytes: [UInt8] = [0, 0, code, UInt8(shape.count)]
        for size in shape { bytes += (0..<4).map { UInt8((size >> (8 * (3 - $0))) & 0xFF) } }
        return bytes + data
    }

    /// Gzips a file with the system's gzip; nil when gzip is unavailable.
    func gzip(_ path: String) -> String? {
        for tool in ["/bin/gzip", "/usr/bin/gzip"] where DataTestSupport.run(tool, ["-kf", path]) == 0 {
            return path + ".gz"
        }
        return nil
    }

    @Test func readsImagesAndLabels() throws {
        let images = try DataTestSupport.write(idx([2, 2, 3], Array(0..<12).map { UInt8($0 * 20) }), named: "images-idx3-ubyte", in: directory)
        let labels = try DataTestSupport.write(idx([2], [7, 3]), named: "labels-idx1-ubyte", in: directory)
        let x = try IDXFile.read(images)
        #expect(x.shape == [2, 2, 3] && x.scalars[11] == 220)
        let data = try Dataset<Float>.idx(images: images, labels: labels)
        #expect(data.count == 2 && data.targets.scalars == [7, 3])
        #expect(abs(data.inputs.scalars[11] - 220 / 255) < 1e-6)
        let mismatched = DataTestSupport.failure { try Dataset<Float>.idx(images: images, labels: images) }
        #expect(mismatched != nil)
    }

    @Test func readsOtherTypesBigEndian() throws {
        let ints = idx([2], [0xFF, 0xFF, 0xFF, 0xFE, 0, 0, 1, 0], code: 0x0C)
        #expect(try IDXFile.decode(ints, file: "t").scalars == [-2, 256])
        let doubles = idx([1], [0x3F, 0xF8, 0, 0, 0, 0, 0, 0], code: 0x0E)
        #expect(try IDXFile.decode(doubles, file: "t").scalars == [1.5])
    }

    @Test func rejectsTruncatedAndLyingFiles() throws {
        let good = idx([3, 4], [UInt8](repeating: 9, count: 12))
        for length in 0..<good.count {
            #expect(DataTestSupport.failure { try IDXFile.decode(Array(good.prefix(length)), file: "t") } != nil, "\(length) bytes")
        }
        if case .malformedBinary(_, 12, let reason)? = DataTestSupport.failure({ try IDXFile.decode(Array(good.dropLast()), file: "t") }) {
            #expect(reason.contains("need 12 bytes") && reason.contains("has 11"))
        } else { Issue.record("truncated data") }
        let huge = idx([60000, 60000, 60000], [1, 2, 3])
        #expect(DataTestSupport.failure { try IDXFile.decode(huge, file: "t") } != nil)
        #expect(DataTestSupport.failure { try IDXFile.decode(idx([1], [1], code: 0x07), file: "t") } != nil)
    }

    @Test func gzippedFilesRoundTrip() throws {
        // Enough varied data for dynamic Huffman blocks, with long repeats for back-references.
        var generator = RandomGenerator(seed: 5)
        var pixels: [UInt8] = []
        for i in 0..<(50 * 28 * 28) {
            let value = i % 7 == 0 ? generator.integer(below: 256) : i / 97 % 256
            pixels.append(UInt8(value))
        }
        let path = try DataTestSupport.write(idx([50, 28, 28], pixels), named: "images", in: directory)
        guard let compressed = gzip(path) else { return }
        let x = try IDXFile.read(compressed)
        #expect(x.shape == [50, 28, 28])
        #expect(x.scalars == pixels.map(Double.init))
        // Small files use fixed Huffman codes.
        let small = try DataTestSupport.write(idx([2], [1, 2]), named: "small", in: directory)
        if let gz = gzip(small) { #expect(try IDXFile.read(gz).scalars == [1, 2]) }
    }

    @Test func corruptGzipIsAnErrorNeverATrap() throws {
        let text = Array(String(repeating: "the quick brown fox jumps over the lazy dog 0123456789\n", count: 200).utf8)
        let path = try DataTestSupport.write(text, named: "text", in: directory)
        guard let gz = gzip(path) else { return }
        let good = [UInt8](try Data(contentsOf: URL(fileURLWithPath: gz)))
        #expect(try Gzip.decompress(good, file: "t") == text)
        #expect(try Gzip.decompress(good + good, file: "t") == text + text)   // concatenated members
        for length in stride(from: 0, to: good.count, by: 7) {
            #expect(DataTestSupport.failure { try Gzip.decompress(Array(good.prefix(length)), file: "t") } != nil, "\(length) bytes")
        }
        var generator = RandomGenerator(seed: 11)
        for _ in 0..<200 {
            var bad = good
            // Not the file name "text" (bytes 10…14), nor the unused bits of the last compressed byte.
            var position = 15 + generator.integer(below: good.count - 16)
            if position == good.count - 9 { position = good.count - 1 }
            bad[position] ^= UInt8(1 << generator.integer(below: 8))
            // The CRC-32 catches what decoding does not.
            #expect(DataTestSupport.failure { try Gzip.decompress(bad, file: "t") } != nil, "flipped a bit of byte \(position)")
        }
        if case .malformedBinary(_, _, let reason)? = DataTestSupport.failure({ try Gzip.decompress(good, file: "t", limit: 1000) }) {
            #expect(reason.contains("exceed 1000 bytes"))
        } else { Issue.record("the output limit") }
    }

    /// Raw DEFLATE (a zip member's data) inflated completely.
    func inflateRaw(_ bytes: [UInt8], limit: Int) throws -> [UInt8] {
        let stream = try InflateStream(MemoryBytes(storage: bytes), format: .raw, file: "t", limit: limit)
        return try stream.read(upTo: limit + 1)
    }

    @Test func inflatesHandMadeStreams() throws {
        // Raw DEFLATE of "a" with the fixed code, and of "abcabcabcabc" (a back-reference).
        #expect(try inflateRaw([0x4B, 0x04, 0x00], limit: 10) == Array("a".utf8))
        #expect(try inflateRaw([75, 76, 74, 78, 132, 33, 0], limit: 100) == Array("abcabcabcabc".utf8))
        // Block type 3 is reserved; a stored block whose length and complement disagree;
        // bytes after the end of the data; data that ends early.
        #expect(DataTestSupport.failure { try inflateRaw([0x07], limit: 10) } != nil)
        #expect(DataTestSupport.failure { try inflateRaw([0x01, 0x02, 0x00, 0x00, 0x00], limit: 10) } != nil)
        #expect(try inflateRaw([0x01, 0x02, 0x00, 0xFD, 0xFF, 0x68, 0x69], limit: 10) == Array("hi".utf8))
        #expect(DataTestSupport.failure { try inflateRaw([0x01, 0x02, 0x00, 0xFD, 0xFF, 0x68, 0x69, 0], limit: 10) } != nil)
        #expect(DataTestSupport.failure { try inflateRaw([0x01, 0x02, 0x00, 0xFD, 0xFF, 0x68], limit: 10) } != nil)
    }

    @Test func gzipIsInflatedAsItIsRead() throws {
        // 64 MiB of zeros compress to about 64 KiB: reading the IDX header and a
        // wrong-sized body must not decompress it whole first.
        let header = idx([4], [])
        let zeros = [UInt8](repeating: 0, count: 1 << 26)
        let path = try DataTestSupport.write(header + zeros, named: "long", in: directory)
        guard let gz = gzip(path) else { return }
        guard case .malformedBinary(_, 8, let reason)? = DataTestSupport.failure({ try IDXFile.read(gz) }) else {
            Issue.record("a body longer than the sizes promise was accepted"); return
        }
        #expect(reason.contains("need 4 bytes of data, but the file has more"), "\(reason)")
        // The output limit stops a bomb, with the byte where it stopped.
        let bigPath = try DataTestSupport.write(idx([1 << 25], []) + zeros, named: "bomb", in: directory)
        guard let bigGz = gzip(bigPath) else { return }
        guard case .malformedBinary(_, let offset, let bomb)? = DataTestSupport.failure({ try IDXFile.read(bigGz, limit: 1 << 20) as Tensor<Double> }) else {
            Issue.record("the limit"); return
        }
        #expect(bomb.contains("the output would exceed 1048576 bytes") && offset > 10, "\(bomb)")
    }

    @Test(.enabled(if: DataTestSupport.hasNumPy, "python3 is not available"))
    func storedBlocksAndCompressionLevels() throws {
        let data = (0..<70_000).map { UInt8(($0 * $0 / 13) % 251) }
        let path = try DataTestSupport.write(data, named: "raw", in: directory)
        let script = """
        import gzip, sys
        raw = open(sys.argv[1], 'rb').read()
        for level in (0, 1, 6, 9):
            open(sys.argv[1] + '.%d.gz' % level, 'wb').write(gzip.compress(raw, compresslevel=level))
        """
        #expect(DataTestSupport.run("/usr/bin/env", ["python3", "-c", script, path]) == 0)
        for level in [0, 1, 6, 9] {
            let compressed = [UInt8](try Data(contentsOf: URL(fileURLWithPath: "\(path).\(level).gz")))
            #expect(try Gzip.decompress(compressed, file: "t") == data, "level \(level)")
        }
    }
}
