import Foundation
import Testing
import TensorCore
@testable import NeuralNet

@Suite final class DataNPYTests {
    let directory: URL

    init() throws { directory = try DataTestSupport.temporaryDirectory() }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// A version 1.0 file with the given header dictionary and data bytes.
    func file(_ dictionary: String, _ data: [UInt8], major: UInt8 = 1) -> [UInt8] {
        let header = Array(dictionary.utf8) + [0x0A]
        var bytes = NPYFile.magic + [major, 0]
        if major == 1 {
            bytes += [UInt8(header.count & 0xFF), UInt8(header.count >> 8)]
        } else {
            bytes += [UInt8(header.count & 0xFF), UInt8(header.count >> 8), 0, 0]
        }
        return bytes + header + data
    }

    func decodeError(_ bytes: [UInt8]) -> DataError? {
        DataTestSupport.failure { try NPYFile.decode(bytes, file: "t.npy") as Tensor<Double> }
    }

    @Test func writeThenReadRoundTrips() throws {
        let path = directory.appendingPathComponent("a.npy").path
        let doubles = try Tensor<Double>(shape: [2, 3], scalars: [1, -2.5, 3e-300, .pi, 0, 1e300])
        try NPYFile.write(doubles, to: path)
        #expect(try NPYFile.read(path).scalars == doubles.scalars)
        #expect(try NPYFile.read(path).shape == [2, 3])
        let floats = Tensor<Float>([1.5, -2, 0.1])
        try NPYFile.write(floats, to: path)
        let back: Tensor<Float> = try NPYFile.read(path, as: Float.self)
        #expect(back.scalars == floats.scalars && back.shape == [3])
        #expect(try NPYFile.encode(floats).count % 64 == 12)   // 64-byte aligned header, then 3 × 4 bytes
        try NPYFile.write(Tensor<Double>(7), to: path)
        #expect(try NPYFile.read(path).shape == [])
        let unwritable = DataTestSupport.failure { try NPYFile.write(floats, to: "/nonexistent-dir/x.npy") }
        if case .unwritable(let file, _)? = unwritable { #expect(file == "/nonexistent-dir/x.npy") } else { Issue.record("no directory") }
    }

    @Test func readsIntegerTypesAndVersions() throws {
        let ints = file("{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }", [0xFF, 0xFF, 0xFF, 0xFF, 2, 0, 0, 0])
        #expect(try NPYFile.decode(ints, file: "t").scalars == [-1, 2])
        let bytes = file("{'descr': '|u1', 'fortran_order': False, 'shape': (1, 2), }", [200, 7], major: 2)
        #expect(try NPYFile.decode(bytes, file: "t").scalars == [200, 7])
        let big = file("{\"descr\": \">u2\", \"fortran_order\": False, \"shape\": (1,)}", [1, 2], major: 3)
        #expect(try NPYFile.decode(big, file: "t").scalars == [258])
    }

    @Test func readsFortranOrder() throws {
        // A 2×3 array stored column by column: 1 4 2 5 3 6 is [[1, 2, 3], [4, 5, 6]].
        let fortran = file("{'descr': '|u1', 'fortran_order': True, 'shape': (2, 3), }", [1, 4, 2, 5, 3, 6])
        let x = try NPYFile.decode(fortran, file: "t")
        #expect(x.shape == [2, 3] && x.scalars == [1, 2, 3, 4, 5, 6])
        // Three axes: element (i, j, k) is stored at i + 2j + 6k.
        let cube = file("{'descr': '|u1', 'fortran_order': True, 'shape': (2, 3, 4), }", (0..<24).map { UInt8($0) })
        var expected: [Double] = []
        for i in 0..<2 { for j in 0..<3 { for k in 0..<4 { expected.append(Double(i + 2 * j + 6 * k)) } } }
        #expect(try NPYFile.decode(cube, file: "t").scalars == expected)
    }

    @Test func rejectsUnsupportedTypes() {
        let complex = file("{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }", [UInt8](repeating: 0, count: 16))
        if case .unsupported(_, let reason)? = decodeError(complex) { #expect(reason.contains("<c16")) } else { Issue.record("complex") }
        let structured = file("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,), }", [UInt8](repeating: 0, count: 8))
        #expect(decodeError(structured) != nil)
    }

    @Test func rejectsTruncatedAndLyingFiles() throws {
        let path = directory.appendingPathComponent("b.npy").path
        try NPYFile.write(try Tensor<Double>(shape: [4, 5], scalars: (0..<20).map(Double.init)), to: path)
        let good = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        // Truncated anywhere: an error, never a trap.
        for length in [0, 5, 9, 30, 127, good.count - 1] {
            #expect(decodeError(Array(good.prefix(length))) != nil, "truncated to \(length) bytes")
        }
        if case .malformedBinary(_, 128, let reason)? = decodeError(Array(good.prefix(good.count - 8))) {
            #expect(reason.contains("needs 160 bytes") && reason.contains("has 152"))
        } else { Issue.record("truncated data") }
        // A header that claims a huge shape: an error, no allocation.
        let lying = file("{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000), }", [UInt8](repeating: 0, count: 16))
        #expect(decodeError(lying) != nil)
        let overflowing = file("{'descr': '<f8', 'fortran_order': False, 'shape': (9999999999999999999,), }", [])
        #expect(decodeError(overflowing) != nil)
        let extra = file("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", [UInt8](repeating: 0, count: 16))
        #expect(decodeError(extra) != nil)
        #expect(decodeError(Array("not numpy at all".utf8)) != nil)
        #expect(decodeError(file("{'descr': '<f8', 'shape': (1,), }", [UInt8](repeating: 0, count: 8))) != nil)
    }

    @Test(.enabled(if: DataTestSupport.hasNumPy, "python3 with NumPy is not available"))
    func compatibleWithNumPy() throws {
        let dir = directory.path
        let script = """
        import numpy as np, sys
        d = sys.argv[1]
        a = np.arange(12, dtype=np.float64).reshape(3, 4) / 7
        np.save(d + '/f8.npy', a)
        np.save(d + '/f4.npy', a.astype('<f4'))
        np.save(d + '/i8.npy', np.array([-3, 2**40], dtype='<i8'))
        np.save(d + '/u1.npy', np.array([[0, 255]], dtype='|u1'))
        np.save(d + '/be.npy', np.array([1.25, -2], dtype='>f8'))
        np.save(d + '/fortran.npy', np.asfortranarray(a))
        with open(d + '/v2.npy', 'wb') as f: np.lib.format.write_array(f, a, version=(2, 0))
        with open(d + '/v3.npy', 'wb') as f: np.lib.format.write_array(f, a, version=(3, 0))
        """
        #expect(DataTestSupport.run("/usr/bin/env", ["python3", "-c", script, dir]) == 0)
        let expected = (0..<12).map { Double($0) / 7 }
        for name in ["f8", "v2", "v3"] {
            let x = try NPYFile.read("\(dir)/\(name).npy")
            #expect(x.shape == [3, 4] && x.scalars == expected, "\(name)")
        }
        #expect(try NPYFile.read("\(dir)/f4.npy", as: Float.self).scalars == expected.map { Float($0) })
        #expect(try NPYFile.read("\(dir)/i8.npy").scalars == [-3, 1_099_511_627_776])
        #expect(try NPYFile.read("\(dir)/u1.npy").scalars == [0, 255])
        #expect(try NPYFile.read("\(dir)/be.npy").scalars == [1.25, -2])
        #expect(try NPYFile.read("\(dir)/fortran.npy").scalars == expected)

        // Ours, read by NumPy.
        try NPYFile.write(try Tensor<Double>(shape: [2, 2], scalars: [0.1, -2, 3, .leastNormalMagnitude]), to: "\(dir)/ours8.npy")
        try NPYFile.write(Tensor<Float>([0.5, 7]), to: "\(dir)/ours4.npy")
        let check = """
        import numpy as np, sys
        d = sys.argv[1]
        a = np.load(d + '/ours8.npy'); b = np.load(d + '/ours4.npy')
        assert a.dtype == np.float64 and a.shape == (2, 2) and a.tolist() == [[0.1, -2.0], [3.0, 2.2250738585072014e-308]], a
        assert b.dtype == np.float32 and b.tolist() == [0.5, 7.0], b
        """
        #expect(DataTestSupport.run("/usr/bin/env", ["python3", "-c", check, dir]) == 0)
    }
}
