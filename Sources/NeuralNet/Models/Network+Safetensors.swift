import Foundation
import TensorCore

extension Network {
    /// Saves every parameter to a safetensors file under its full name
    /// (`layers.0.weight`), with the network's description as metadata
    /// (`dln.network`). The file is replaced atomically.
    public func save(to url: URL) throws {
        try Safetensors.write(namedParameters.map { (name: $0.name, tensor: $0.parameter.tensor) },
                              metadata: ["dln.network": description], to: url)
    }

    /// Loads parameters saved by `save(to:)` (or any safetensors file with
    /// the same names and shapes). Checks the whole file against the network
    /// first: nothing changes unless every parameter is present with its
    /// shape and the file holds no others.
    public func load(from url: URL) throws {
        let file = try Safetensors.read(from: url)
        var byName: [String: Tensor<Scalar>] = [:]
        for (name, tensor) in file.tensors { byName[name] = tensor.converted() }
        let expected = namedParameters
        for (name, parameter) in expected {
            guard let tensor = byName[name] else {
                throw SafetensorsError("\(url.lastPathComponent) has no tensor '\(name)' for this network")
            }
            guard tensor.shape == parameter.tensor.shape else {
                throw SafetensorsError("\(url.lastPathComponent): '\(name)' has shape \(Shape.describe(tensor.shape)), the network needs \(Shape.describe(parameter.tensor.shape))")
            }
        }
        let known = Set(expected.map(\.name))
        if let extra = file.tensors.map(\.name).sorted().first(where: { !known.contains($0) }) {
            throw SafetensorsError("\(url.lastPathComponent) has a tensor '\(extra)' that this network does not")
        }
        for (name, parameter) in expected {
            if let tensor = byName[name] { try parameter.tensor.assign(tensor) }
        }
    }
}
