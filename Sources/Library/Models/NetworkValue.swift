import Language
import NeuralNet
import TensorCore

/// A declared network. Its layers are made when the size of one input sample
/// is known: from an `input` line, or from the first data it is trained,
/// evaluated or called on. Parameters start as drawn by each layer's `init:`,
/// or by `he(seed: 0)` over the layers without one, in order.
final class NetworkValue<Scalar: TensorScalar>: HostValue, CustomStringConvertible {
    let name: String
    let declaredInput: [Int]?
    let declaredLayers: [DeclaredLayer<Scalar>]
    /// The network, once its input size is known.
    private(set) var network: Network<Scalar>?
    /// The loss it was last trained with (for `evaluate(…, metric: "loss")`).
    var lastLoss: Loss<Scalar>?
    /// The last sample shape found to fit: layers keep their shapes, so it
    /// fits again, and a loop calling the network skips the check.
    private var fittingSampleShape: [Int]?

    init(name: String, input: [Int]?, layers: [DeclaredLayer<Scalar>]) {
        self.name = name
        declaredInput = input
        declaredLayers = layers
    }

    var typeName: String { "network" }

    var description: String {
        var header = "network \(name)"
        if let network {
            let count = network.parameterCount
            header += " (\(count) parameter\(count == 1 ? "" : "s"))"
        } else {
            header += " (input size not known yet)"
        }
        var lines = [header]
        if let input = network?.inputShape ?? declaredInput { lines.append("  input " + input.map(String.init).joined(separator: ", ")) }
        lines += declaredLayers.map { "  \($0.description)" }
        return lines.joined(separator: "\n")
    }

    /// The network, which must already know its input size.
    func built() throws -> Network<Scalar> {
        if let network { return network }
        throw DiagnosticError(.runtime, "network \(name) does not know its input size yet",
                              hint: "declare it with an 'input' line (e.g. 'input 2'), or train or call the network first")
    }

    /// The network for samples of `shape`: made now if its input size was not
    /// known, else checked against the shape (naming both shapes and the layer).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func built(forSamples shape: [Int], what: String = "the data has") throws -> Network<Scalar> {
        if let network {
            if shape == fittingSampleShape { return network }
            do {
                _ = try network.outputShape(for: shape)
                fittingSampleShape = shape
            } catch let error as NetworkError {
                let expected = network.inputShape.map { "takes inputs of shape \(Shape.describe($0))" } ?? "does not fit"
                throw DiagnosticError(.shape, "network \(name) \(expected), but \(what) inputs of shape \(Shape.describe(shape)): \(error)")
            }
            return network
        }
        let made: Network<Scalar>
        do {
            made = try Network(name: name, inputShape: shape, declared: declaredLayers)
        } catch let error as NetworkError {
            throw DiagnosticError(.shape, "network \(name) cannot take inputs of shape \(Shape.describe(shape)): \(error)")
        }
        try ModelErrors.translating { try initialize(made) }
        network = made
        return made
    }

    /// Draws the first parameters: each layer's own `init:`, else He from one seed-0 generator.
    private func initialize(_ network: Network<Scalar>) throws {
        var shared = RandomGenerator(seed: 0)
        for (layer, declared) in zip(network.layers, declaredLayers) where !layer.parameters.isEmpty {
            if let own = declared.initializer {
                var generator = RandomGenerator(seed: own.seed)
                try layer.initialize(weights: own.initializer, generator: &generator)
            } else {
                try layer.initialize(weights: .he, generator: &shared)
            }
        }
    }

    /// Draws every parameter again from `initializer` (train's `init:`).
    func reinitialize(_ initializer: InitializerValue) throws {
        let network = try built()
        var generator = RandomGenerator(seed: initializer.seed)
        try ModelErrors.translating { try network.initialize(weights: initializer.initializer, generator: &generator) }
    }

    /// The network applied to a batch, recorded for `grad` and `step`. A vector
    /// is read as one sample per element for a network of one input, else as one sample.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func apply(_ input: Tensor<Scalar>, recording: Bool) throws -> Tensor<Scalar> {
        var batch = input
        var squeeze = false
        if input.rank == 1 {
            let oneInput = (network?.inputShape ?? declaredInput ?? [1]) == [1]
            batch = try ModelErrors.translating { try input.reshaped(to: oneInput ? [input.count, 1] : [1, input.count]) }
            squeeze = true
        }
        let network = try built(forSamples: Array(batch.shape.dropFirst()), what: "it was given")
        let output = try ModelErrors.translating {
            recording ? try network.forward(batch) : try Evaluation.outputs(of: network, on: batch)
        }
        guard squeeze, output.rank == 2 else { return output }
        return try ModelErrors.translating {
            input.count == batch.shape[0] && output.shape[1] == 1 ? try output.reshaped(to: [output.shape[0]])
                : output.shape[0] == 1 ? try output.reshaped(to: [output.shape[1]]) : output
        }
    }

    var memberNames: [String] { ["layers", "params", "input", "name"] }

    func member(_ name: String, context: EvaluationContext) throws -> Value {
        switch name {
        case "layers":
            let network = try built()
            return .list(network.layers.enumerated().map { .host(LayerValue<Scalar>(owner: self, index: $0.offset, layer: $0.element)) })
        case "params": return .number(Double(try built().parameterCount))
        case "input": return (network?.inputShape ?? declaredInput).map { .numbers($0) } ?? .none
        case "name": return .string(self.name)
        default: throw unknownMember(name, context: context)
        }
    }

    /// `net(x)`: the outputs for a batch of inputs (or a data set's), recorded for `grad` and `step`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func call(_ arguments: Arguments, context: EvaluationContext) throws -> Value {
        guard arguments.count == 1, arguments.named.isEmpty else {
            throw context.error(.type, "a network takes one argument, the inputs: \(name)(x)")
        }
        if let data = arguments[0]?.hostObject(DataSetValue<Scalar>.self) { return .tensor(try apply(data.dataset.inputs, recording: true)) }
        return .tensor(try apply(try arguments.tensor(0, Scalar.self), recording: true))
    }

    /// `net.layers = list` after `net.layers[i].weight = w`: the list must hold this network's own layers.
    func updating(member name: String, to value: Value, context: EvaluationContext) throws -> Value {
        guard name == "layers" else { throw memberNotAssignable(name) }
        let layers = network?.layers ?? []
        guard case let .list(items) = value, items.count == layers.count,
              zip(items, layers).allSatisfy({ ($0.hostValue as? LayerValue<Scalar>)?.layer === $1 })
        else {
            throw DiagnosticError(.type, "the layers of network \(name) cannot be replaced",
                                  hint: "assign parameters instead, e.g. \(name).layers[0].weight = w")
        }
        return .host(self)
    }

    /// The network value an argument holds, or a type error.
    static func required(_ arguments: Arguments, _ index: Int) throws -> NetworkValue<Scalar> {
        guard let value = arguments[index]?.hostValue as? NetworkValue<Scalar> else { throw arguments.typeError(index, expected: "a network") }
        return value
    }
}

/// One layer of a network (`net.layers[0]`): its parameters can be read and assigned.
final class LayerValue<Scalar: TensorScalar>: HostValue, HoldsChangingObjects, CustomStringConvertible {
    let owner: NetworkValue<Scalar>
    let index: Int
    let layer: any Layer<Scalar>

    init(owner: NetworkValue<Scalar>, index: Int, layer: any Layer<Scalar>) {
        self.owner = owner
        self.index = index
        self.layer = layer
    }

    var typeName: String { "layer" }
    var description: String { layer.description }
    /// A layer is a view of its network: whoever holds it holds the network.
    var changingObjects: [ObjectIdentifier] { [ObjectIdentifier(owner)] }
    var memberNames: [String] { layer.parameters.map(\.name) }

    func member(_ name: String, context: EvaluationContext) throws -> Value {
        guard let parameter = layer.parameters.first(where: { $0.name == name }) else { throw unknownMember(name, context: context) }
        return .tensor(parameter.tensor.detached())
    }

    /// `layer.weight = w`, shape-checked; a vector fits a one-row or one-column weight.
    func updating(member name: String, to value: Value, context: EvaluationContext) throws -> Value {
        guard layer.parameters.contains(where: { $0.name == name }) else { throw unknownMember(name, context: context) }
        guard let tensor = value.asTensor(Scalar.self) else { throw context.error(.type, "\(name) must be a tensor, got \(value.typeName)") }
        do {
            try layer.replaceParameter(named: name, with: tensor)
        } catch let error as LayerError {
            throw context.error(.shape, "layer \(index + 1) (\(layer.description)) of network \(owner.name): \(error.problem)")
        }
        return .host(self)
    }
}
