import Foundation
import TensorCore

/// How a saved network names and shapes its parameters.
public enum ParameterLayout: String, CaseIterable, Sendable {
    /// dln's own: `layers.0.weight`, dense weights [inputs, outputs].
    case dln
    /// PyTorch's `nn.Sequential` state dict: `0.weight`, dense weights [outputs, inputs]
    /// as `nn.Linear` keeps them. Modules are numbered as a Sequential numbers them:
    /// each layer is one, and a layer's own activation (`dense 64 relu`) the next.
    case pytorch
}

extension Network {
    /// Every parameter as a file in `layout` stores it: its name, and whether
    /// it is a dense weight stored transposed.
    func storedParameters(_ layout: ParameterLayout) -> [(name: String, parameter: Parameter<Scalar>, transposed: Bool)] {
        guard layout == .pytorch else { return namedParameters.map { ($0.name, $0.parameter, false) } }
        var module = 0
        var result: [(name: String, parameter: Parameter<Scalar>, transposed: Bool)] = []
        for layer in layers {
            let dense = layer is Dense<Scalar>
            for parameter in layer.parameters {
                result.append(("\(module).\(parameter.name)", parameter, dense && parameter.kind == .weight))
            }
            module += Self.hasOwnActivation(layer) ? 2 : 1
        }
        return result
    }

    private static func hasOwnActivation(_ layer: any Layer<Scalar>) -> Bool {
        if let dense = layer as? Dense<Scalar> { return dense.activation != nil }
        if let conv = layer as? Conv2D<Scalar> { return conv.activation != nil }
        return false
    }

    /// Saves every parameter to a safetensors file under its name in `layout`
    /// (`layers.0.weight`, or PyTorch's `0.weight`), with the network's
    /// description as metadata (`dln.network`). The file is replaced atomically.
    public func save(to url: URL, layout: ParameterLayout = .dln) throws {
        let tensors = try storedParameters(layout).map { entry in
            (name: entry.name, tensor: entry.transposed ? try entry.parameter.tensor.transposed() : entry.parameter.tensor)
        }
        try Safetensors.write(tensors, metadata: ["dln.network": description], to: url)
    }

    /// Loads parameters saved by `save(to:layout:)` (or any safetensors file with
    /// the same names and shapes). Checks the whole file against the network
    /// first: nothing changes unless every parameter is present with its
    /// shape and the file holds no others.
    public func load(from url: URL, layout: ParameterLayout = .dln) throws {
        let file = try Safetensors.read(from: url)
        var byName: [String: Tensor<Scalar>] = [:]
        for (name, tensor) in file.tensors { byName[name] = tensor.converted() }
        let expected = storedParameters(layout)
        var values: [(Parameter<Scalar>, Tensor<Scalar>)] = []
        for (name, parameter, transposed) in expected {
            guard let stored = byName[name] else {
                throw SafetensorsError("\(url.lastPathComponent) has no tensor '\(name)' for this network")
            }
            let shape = parameter.tensor.shape
            let wanted = transposed ? Array(shape.reversed()) : shape
            guard stored.shape == wanted else {
                throw SafetensorsError("\(url.lastPathComponent): '\(name)' has shape \(Shape.describe(stored.shape)), the network needs \(Shape.describe(wanted))")
            }
            values.append((parameter, transposed ? try stored.transposed() : stored))
        }
        let known = Set(expected.map(\.name))
        if let extra = file.tensors.map(\.name).sorted().first(where: { !known.contains($0) }) {
            throw SafetensorsError("\(url.lastPathComponent) has a tensor '\(extra)' that this network does not")
        }
        for (parameter, tensor) in values { try parameter.tensor.assign(tensor) }
    }
}
