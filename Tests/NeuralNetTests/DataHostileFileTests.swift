import Foundation
import Testing
import TensorCore
@testable import NeuralNet

/// Files that lie: every loader is given valid files cut short at every byte, with
/// every byte replaced by values that turn size fields into lies (0x00, 0x7F, 0x80,
/// 0xFF), and with random multi-byte damage. Each must load or throw its error —
/// a trap would end the whole test process. See docs/reliability.md.
@Suite("hostile data files")
struct DataHostileFileTests {
    static let replacements: [UInt8] = [0x00, 0x01, 0x7F, 0x80, 0xFF]

    /// Truncations, single-byte replacements and random damage of `good`, each given
    /// to `decode`; returns how many variants were accepted (the rest threw).
    @discardableResult
    func sweep(_ good: [UInt8], seed: UInt32, randomVariants: Int = 400,
               _ decode: ([UInt8]) throws -> Void) -> Int {
        var accepted = 0
        func attempt(_ bytes: [UInt8]) {
            do { try decode(bytes); accepted += 1 } catch {}
        }
        for length in 0..<good.count { attempt(Array(good.prefix(length))) }
        for position in good.indices {
            for value in Self.replacements where good[position] != value {
                var bad = good
                bad[position] = value
                attempt(bad)
            }
        }
        var generator = RandomGenerator(seed: seed)
        for _ in 0..<randomVariants {
            var bad = good
            for _ in 0...generator.integer(below: 4) {
                let position = generator.integer(below: bad.count)
                bad[position] = UInt8(generator.integer(below: 256))
            }
            if generator.integer(below: 4) == 0 { bad += bad.prefix(generator.integer(below: bad.count)) }
            attempt(bad)
        }
        return accepted
    }

    @Test func npyFilesThatLieAboutTheirSizes() throws {
        let tensor = try Tensor<Double>(shape: [3, 4], scalars: (0..<12).map(Double.init))
        let good = try NPYFile.encode(tensor)
        sweep(good, seed: 1) { bytes in
            let x: Tensor<Double> = try NPYFile.decode(bytes, file: "x.npy")
            // Whatever is accepted is self-consistent.
            #expect(x.scalars.count == x.shape.reduce(1, *))
        }
        // A version 2 header that claims 4 GiB, and a shape of 10^12 elements with 8 bytes of data.
        var huge = Array(good.prefix(8)); huge[6] = 2
        huge += [0xFF, 0xFF, 0xFF, 0xFF] + Array(repeating: 0x20, count: 16)
        #expect(DataTestSupport.failure { try NPYFile.decode(huge, file: "x.npy") as Tensor<Double> } != nil)
        let header = "{'descr': '<f8', 'fortran_order': False, 'shape': (1000000, 1000000), }"
        var lying = Array(good.prefix(8)) + [UInt8(header.utf8.count + 1), 0] + Array(header.utf8) + [0x0A]
        lying += Array(repeating: 0, count: 8)
        guard case .malformedBinary(_, _, let reason)? = DataTestSupport.failure({ try NPYFile.decode(lying, file: "x.npy") as Tensor<Double> }) else {
            Issue.record("a 10^12-element header was accepted"); return
        }
        #expect(reason.contains("invalid"), "\(reason)")
        let negative = "{'descr': '<f8', 'fortran_order': False, 'shape': (-3, 4), }"
        let negativeFile = Array(good.prefix(8)) + [UInt8(negative.utf8.count + 1), 0] + Array(negative.utf8) + [0x0A]
        #expect(DataTestSupport.failure { try NPYFile.decode(negativeFile, file: "x.npy") as Tensor<Double> } != nil)
    }

    @Test func idxFilesThatLieAboutTheirSizes() throws {
        var good: [UInt8] = [0, 0, 0x08, 3]
        for size in [2, 3, 4] { good += [0, 0, 0, UInt8(size)] }
        good += (0..<24).map { UInt8($0 * 10) }
        sweep(good, seed: 2) { bytes in
            let x: Tensor<Double> = try IDXFile.decode(bytes, file: "x.idx")
            #expect(x.scalars.count == x.shape.reduce(1, *))
        }
        // 255 dimensions of 2^32 − 1 each, and no data.
        let huge: [UInt8] = [0, 0, 0x0E, 255] + Array(repeating: 0xFF, count: 4 * 255)
        #expect(DataTestSupport.failure { try IDXFile.decode(huge, file: "x.idx") as Tensor<Double> } != nil)
    }

    @Test func gzipThatLiesAboutItsSizes() throws {
        // A stored block "hello" in a gzip member with the right CRC-32 and size.
        let payload = Array("hello, hello, hello".utf8)
        var good: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF]
        let length = UInt16(payload.count)
        good += [0x01, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)] + payload
        let crc = CRC32.checksum(payload)
        good += (0..<4).map { UInt8((crc >> (8 * $0)) & 0xFF) }
        good += (0..<4).map { UInt8((UInt32(payload.count) >> (8 * $0)) & 0xFF) }
        #expect(try Gzip.decompress(good, file: "t.gz") == payload)
        sweep(good, seed: 3) { bytes in _ = try Gzip.decompress(bytes, file: "t.gz", limit: 1 << 16) }
        // A bomb: stored blocks are bounded by the limit, never by the claim.
        #expect(DataTestSupport.failure { try Gzip.decompress(good, file: "t.gz", limit: 4) } != nil)
    }

    @Test func safetensorsThatLieAboutTheirSizes() throws {
        let tensors = [("a", try Tensor<Float>(shape: [2, 2], scalars: [1, 2, 3, 4])),
                       ("b", try Tensor<Float>(shape: [3], scalars: [5, 6, 7]))]
        let good = [UInt8](try Safetensors.encode(tensors.map { (name: $0.0, tensor: $0.1) }))
        sweep(good, seed: 4) { bytes in
            let decoded = try Safetensors.decode(Data(bytes))
            for (_, tensor) in decoded.tensors { #expect(tensor.scalars.count == tensor.shape.reduce(1, *)) }
        }
        // A header claiming 2^64 − 1 bytes; a JSON header nested 100,000 deep.
        let claim = Data(repeating: 0xFF, count: 8) + Data("{}".utf8)
        #expect(throws: SafetensorsError.self) { try Safetensors.decode(claim) }
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let json = Data("{\"a\":\(deep)}".utf8)
        var nested = Data()
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { nested.append(contentsOf: $0) }
        nested.append(json)
        #expect(throws: SafetensorsError.self) { try Safetensors.decode(nested) }
        // Shapes of 10^12 elements and negative sizes, with offsets that fit.
        for shape in ["[1000000, 1000000]", "[-1, 4]", "[9223372036854775807, 2]"] {
            let header = "{\"a\":{\"dtype\":\"F32\",\"shape\":\(shape),\"data_offsets\":[0,16]}}"
            var data = Data()
            withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian) { data.append(contentsOf: $0) }
            data.append(Data(header.utf8))
            data.append(Data(repeating: 0, count: 16))
            #expect(throws: SafetensorsError.self, "shape \(shape)") { try Safetensors.decode(data) }
        }
    }

    @Test func csvThatLiesAboutItsShape() throws {
        let good = Array("x1,x2,label\n1,2,0\n3,4,1\n\"5\",6,0\n".utf8)
        sweep(good, seed: 5, randomVariants: 300) { bytes in
            let dataset = try Dataset<Float>.csv(parsing: String(decoding: bytes, as: UTF8.self), file: "t.csv")
            _ = dataset
        }
        // NaN, infinities and overflowing numbers are either numbers or a message, never a trap.
        for cell in ["nan", "NaN", "inf", "-inf", "1e999", "-1e999", "0x10", "1_000", "", " "] {
            let text = "x,label\n\(cell),0\n1,1\n"
            _ = try? Dataset<Float>.csv(parsing: text, file: "t.csv")
        }
        // A 10 MB line and a million columns.
        let wide = "label," + (0..<200_000).map { "c\($0)" }.joined(separator: ",") + "\n"
        _ = try? Dataset<Float>.csv(parsing: wide + wide, file: "wide.csv")
        let long = "x,label\n" + String(repeating: "1", count: 10_000_000) + ",0\n"
        _ = try? Dataset<Float>.csv(parsing: long, file: "long.csv")
    }
}
