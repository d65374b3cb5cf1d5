// The `load` target: the input bytes as a data file, read by every loader in turn.
import Foundation
import NeuralNet
import TensorCore

enum LoadTarget {
    /// Where each input is written: the loaders read paths, and `DataFile` is what
    /// streams from disk, so going through a real file tests that code too.
    static let inputPath = Fuzz.outputDirectory.appendingPathComponent("input.bin").path

    /// The most gzip output decoded by the direct `Gzip.decompress` call: small, so
    /// that the limit's own error path is reached by ordinary inputs.
    static let smallGzipLimit = 1 << 12

    /// A network of one Dense 2 → 3 layer (the shape of the safetensors seed), so that
    /// `Network.load` gets past the name and shape checks on near-valid files.
    static let network: Network<Float>? = try? Network(layers: [Dense<Float>(2, 3)])

    static func run(_ bytes: [UInt8]) {
        // Not atomic: nothing else reads the file, and a rename per input would cost.
        guard FileManager.default.createFile(atPath: inputPath, contents: Data(bytes)) else { return }
        readNPY()
        readNPZ()
        readCSV()
        readIDX(bytes)
        readSafetensors(bytes)
    }

    static func readNPY() {
        attempt { try NPYFile.read(inputPath, as: Double.self) }
        attempt { try NPYFile.read(inputPath, as: Float.self) }
    }

    static func readNPZ() {
        attempt { try NPZFile.read(inputPath, as: Float.self) }
    }

    static func readCSV() {
        attempt { try Dataset<Float>.csv(inputPath) }
        // By position, with a feature column twice (one cell filling two places).
        attempt { try Dataset<Double>.csv(inputPath, label: 0, features: [1, 1]) }
        attempt { try Tensor<Float>.csv(inputPath) }
    }

    static func readIDX(_ bytes: [UInt8]) {
        attempt { try IDXFile.read(inputPath, as: Double.self) }
        attempt { try Dataset<Float>.idx(images: inputPath, labels: inputPath) }
        if Gzip.isCompressed(bytes) {
            attempt { try Gzip.decompress(bytes, file: "fuzz.gz", limit: smallGzipLimit) }
        }
    }

    static func readSafetensors(_ bytes: [UInt8]) {
        let url = URL(fileURLWithPath: inputPath)
        attempt { try Safetensors.read(from: url) }
        attempt { try Safetensors.decode(Data(bytes)) }
        if let network { attempt { try network.load(from: url) } }
    }

    /// Runs a loader; a thrown error is the expected outcome for most inputs, and its
    /// message is rendered too (messages quote the file's contents).
    static func attempt<Result>(_ load: () throws -> Result) {
        do { _ = try load() } catch { _ = String(describing: error) }
    }
}
