import Foundation
import Testing
import TensorCore
@testable import NeuralNet

@Suite("Safetensors")
struct SafetensorsTests {
    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dln-safetensors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func lenet(seed: UInt32) throws -> Network<Float> {
        let network = try Network<Float>(name: "lenet", inputShape: [1, 8, 8], layers: [
            Conv2D(1, 2, kernel: 3, padding: 1, activation: .relu), MaxPool2D(2), Flatten(), Dense(32, 3),
        ])
        var generator = RandomGenerator(seed: seed)
        try network.initialize(weights: .he, biases: .uniform(low: -0.1, high: 0.1), generator: &generator)
        return network
    }

    /// A file with a hand-written header and `payload` bytes of data.
    func file(header: String, payload: Int, claimedLength: UInt64? = nil) -> Data {
        var data = Data()
        let json = Data(header.utf8)
        withUnsafeBytes(of: (claimedLength ?? UInt64(json.count)).littleEndian) { data.append(contentsOf: $0) }
        data.append(json)
        data.append(Data(repeating: 0, count: payload))
        return data
    }

    @Test func roundTripsEveryParameterBitForBit() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("lenet.safetensors")
        let saved = try lenet(seed: 1)
        try saved.save(to: url)
        let loaded = try lenet(seed: 2)
        #expect(loaded.parameterTensors.map(\.scalars) != saved.parameterTensors.map(\.scalars))
        try loaded.load(from: url)
        #expect(loaded.parameterTensors.map(\.scalars) == saved.parameterTensors.map(\.scalars))
        let contents = try Safetensors.read(from: url)
        #expect(contents.tensors.map(\.name) == ["layers.0.weight", "layers.0.bias", "layers.3.weight", "layers.3.bias"])
        #expect(contents.metadata["dln.network"] == saved.description)
        let bytes = try Data(contentsOf: url)
        let headerLength = bytes.prefix(8).reversed().reduce(0) { $0 << 8 | Int($1) }
        #expect(headerLength % 8 == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["lenet.safetensors"])  // no temporary left
    }

    @Test func rejectsFilesThatDoNotFitTheNetwork() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("small.safetensors")
        try Network<Float>(layers: [Dense(1, 3), Dense(3, 1)]).save(to: url)
        let other = try Network<Float>(layers: [Dense(1, 4), Dense(4, 1)])
        let before = other.parameterTensors.map(\.scalars)
        #expect(errorText { try other.load(from: url) } == "small.safetensors: 'layers.0.weight' has shape (1, 3), the network needs (1, 4)")
        #expect(other.parameterTensors.map(\.scalars) == before)
        let deeper = try Network<Float>(layers: [Dense(1, 3), Dense(3, 1), Dense(1, 1)])
        #expect(errorText { try deeper.load(from: url) } == "small.safetensors has no tensor 'layers.2.weight' for this network")
        let shallower = try Network<Float>(layers: [Dense(1, 3, useBias: false)])
        #expect(errorText { try shallower.load(from: url) } == "small.safetensors has a tensor 'layers.0.bias' that this network does not")
    }

    @Test func rejectsCorruptFilesWithoutTrapping() throws {
        func failure(_ data: Data) -> String? { errorText { _ = try Safetensors.decode(data) } }
        #expect(failure(Data([1, 2, 3])) == "the file has 3 bytes, too few for a safetensors header")
        #expect(failure(file(header: "{}", payload: 0, claimedLength: 1 << 40))
            == "the header claims 1099511627776 bytes but only 2 follow: the file is truncated or not safetensors")
        #expect(failure(file(header: "{\"a\":", payload: 0))?.hasPrefix("the header is not valid safetensors JSON") == true)
        #expect(failure(file(header: #"{"a":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}}"#, payload: 4))
            == "tensor 'a' has dtype F16; dln reads F32 and F64 only")
        #expect(failure(file(header: #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, payload: 4))
            == "tensor 'a' has data offsets [0, 8] outside the 4 bytes of data")
        #expect(failure(file(header: #"{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, payload: 8))
            == "tensor 'a' of shape (3,) needs 12 bytes, its offsets span 8")
        #expect(failure(file(header: #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, payload: 8))
            == "tensor 'b' overlaps the tensor before it")
        #expect(failure(file(header: #"{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,0]}}"#, payload: 0))
            == "tensor 'a' has an invalid shape [-1]")
        #expect(failure(file(header: #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[8,4]}}"#, payload: 8))
            == "tensor 'a' has data offsets [8, 4] outside the 8 bytes of data")
        // A truncated real file.
        let good = try Safetensors.encode([(name: "w", tensor: Tensor<Float>([1, 2, 3]))])
        #expect(failure(good.prefix(good.count - 1))?.contains("outside the 11 bytes of data") == true)
        let decoded = try Safetensors.decode(good)
        #expect(decoded.tensors.first?.tensor.scalars == [1, 2, 3])
    }

    @Test(.enabled(if: pythonHasSafetensors()))
    func pythonReadsOurFiles() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("net.safetensors")
        let network = try lenet(seed: 5)
        try network.save(to: url)
        let script = """
            import sys
            from safetensors.numpy import load_file
            from safetensors import safe_open
            tensors = load_file(sys.argv[1])
            for name in sorted(tensors):
                t = tensors[name]
                print(name, t.dtype, list(t.shape), repr(float(t.reshape(-1)[0])), repr(float(t.sum(dtype='float64'))))
            with safe_open(sys.argv[1], framework="np") as f:
                print(f.metadata()["dln.network"].splitlines()[0])
            """
        let output = try runPython(script, arguments: [url.path])
        var expected = network.namedParameters.sorted { $0.name < $1.name }.map { name, parameter in
            let t = parameter.tensor
            let sum = t.scalars.reduce(0.0) { $0 + Double($1) }
            return "\(name) float32 \(t.shape) \(Double(t.scalars[0])) \(sum)"
        }
        expected.append("network lenet (\(network.parameterCount) parameters)")
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.count == expected.count)
        for (line, want) in zip(lines, expected) {
            // Sums may differ in the last digits (summation order): compare all but them.
            let (got, wanted) = (line.split(separator: " "), want.split(separator: " "))
            #expect(got.dropLast() == wanted.dropLast() || line == want, "\(line) vs \(want)")
            if let a = got.last.flatMap({ Double($0) }), let b = wanted.last.flatMap({ Double($0) }) {
                #expect(abs(a - b) < 1e-9 * max(1, abs(b)), "\(line) vs \(want)")
            }
        }
    }
}

/// Whether `python3 -c 'import safetensors, numpy'` succeeds.
func pythonHasSafetensors() -> Bool {
    (try? runPython("import safetensors, numpy", arguments: [])) != nil
}

/// Runs a Python script and returns its standard output; throws if it fails.
func runPython(_ script: String, arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = Pipe()
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw SafetensorsError("python3 exited with \(process.terminationStatus)") }
    return String(decoding: data, as: UTF8.self)
}
