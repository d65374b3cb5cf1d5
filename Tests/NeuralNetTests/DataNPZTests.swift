import Foundation
import Testing
import TensorCore
@testable import NeuralNet

@Suite final class DataNPZTests {
    let directory: URL
    let arrays: [(name: String, tensor: Tensor<Double>)]

    init() throws {
        directory = try DataTestSupport.temporaryDirectory()
        arrays = [("w", try Tensor<Double>(shape: [2, 3], scalars: [0.1, -2.5, 3e-300, .pi, 0, 1e300])),
                  ("layers.0.bias", Tensor<Double>([1, 2]))]
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    @Test func writeThenReadRoundTrips() throws {
        try NPZFile.write(arrays, to: path("a.npz"))
        let back = try NPZFile.read(path("a.npz"))
        #expect(back.map(\.name) == ["w", "layers.0.bias"])
        #expect(back.map(\.tensor.scalars) == arrays.map(\.tensor.scalars))
        #expect(back.map(\.tensor.shape) == [[2, 3], [2]])
        // The same arrays give the same bytes (no dates).
        #expect(try NPZFile.encode(arrays, file: "a") == NPZFile.encode(arrays, file: "b"))
        #expect(DataTestSupport.failure { try NPZFile.encode(arrays + [arrays[0]], file: "d.npz") } != nil)
    }

    @Test func zipFilesThatLie() throws {
        let good = try NPZFile.encode([("a", Tensor<Double>([1, 2, 3]))], file: "t")
        DataHostileFileTests().sweep(good, seed: 21, randomVariants: 300) { bytes in
            let file = try DataTestSupport.write(bytes, named: "lie.npz", in: directory)
            for (_, tensor) in try NPZFile.read(file) { #expect(tensor.scalars.count == tensor.shape.reduce(1, *)) }
        }
        // A data byte changed (after the 30-byte local header, the name and the 128-byte .npy header): the CRC-32 tells.
        var changed = good
        changed[30 + 5 + 128 + 3] ^= 0x40
        let file = try DataTestSupport.write(changed, named: "crc.npz", in: directory)
        guard case .malformedBinary(_, _, let reason)? = DataTestSupport.failure({ try NPZFile.read(file) }) else {
            Issue.record("a changed byte was accepted"); return
        }
        #expect(reason.contains("CRC-32"), "\(reason)")
        let text = try DataTestSupport.write("hello", named: "text.npz", in: directory)
        #expect(DataTestSupport.failure { try NPZFile.read(text) }?.description.contains("not a zip archive") == true)
    }

    @Test(.enabled(if: DataTestSupport.hasNumPy, "numpy is not installed"))
    func readsNumPysStoredAndDeflatedArchives() throws {
        let script = """
        import numpy as np, sys
        d = sys.argv[1]
        a = np.arange(12, dtype='<f8').reshape(3, 4) / 7
        np.savez(d + '/stored.npz', a=a, b=np.asfortranarray(a).astype('<f4'))
        np.savez_compressed(d + '/deflated.npz', a=a, b=np.arange(100000) % 7)
        """
        #expect(DataTestSupport.run("/usr/bin/env", ["python3", "-c", script, directory.path]) == 0)
        let expected = (0..<12).map { Double($0) / 7 }
        let stored = try NPZFile.read(path("stored.npz"))
        #expect(stored.map(\.name) == ["a", "b"] && stored[0].tensor.scalars == expected)
        #expect(stored[1].tensor.scalars == expected.map { Double(Float($0)) } && stored[1].tensor.shape == [3, 4])
        let deflated = try NPZFile.read(path("deflated.npz"))
        #expect(deflated[0].tensor.scalars == expected)
        #expect(deflated[1].tensor.scalars == (0..<100_000).map { Double($0 % 7) })
    }
}

@Suite struct PyTorchLayoutTests {
    @Test func denseWeightsAreTransposedAndNamedAsASequential() throws {
        let network = try Network<Float>(layers: [Dense(2, 3, activation: .relu), Dense(3, 1)])
        var generator = RandomGenerator(seed: 3)
        try network.initialize(weights: .he, biases: .uniform(low: -1, high: 1), generator: &generator)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("torch-\(UUID().uuidString).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try network.save(to: url, layout: .pytorch)
        let file = try Safetensors.read(from: url)
        // Linear, ReLU, Linear: modules 0, 1, 2.
        #expect(file.tensors.map(\.name) == ["0.weight", "0.bias", "2.weight", "2.bias"])
        #expect(file.tensors[0].tensor.shape == [3, 2])
        #expect(file.tensors[0].tensor.scalars == (try network.layers[0].parameters[0].tensor.transposed()).scalars.map(Double.init))
        let copy = try Network<Float>(layers: [Dense(2, 3, activation: .relu), Dense(3, 1)])
        try copy.load(from: url, layout: .pytorch)
        #expect(copy.parameterTensors.map(\.scalars) == network.parameterTensors.map(\.scalars))
        #expect(throws: SafetensorsError.self) { try copy.load(from: url) }   // dln's names are not there
    }
}
