import Foundation
import Language
import NeuralNet
import TensorCore

/// What an optimiser was made from: `adam` and its options.
struct OptimizerRecipe {
    var name: String
    var options: [String: NeuralNet.OptionValue]
}

/// Optimisers kept by the cell cache: what they were made from, the learning rate, and the
/// state of each parameter (momentum, moments, step counts) with where the parameter is
/// held (`net`, `layers.0.weight`), so that training after a restore goes on exactly as
/// without one. State for a tensor no name holds cannot be placed again: then it is not kept.
extension OptimizerValue: StorableHostValue {
    struct Stored: Codable {
        struct State: Codable {
            var path: [String]
            var steps: Int
        }

        var name: String
        var options: [String: StoredOption]
        var learningRate: UInt64
        var states: [State]
    }

    enum StoredOption: Codable {
        case number(UInt64), flag(Bool), text(String)
    }

    static var storageKind: String { "optimizer" }

    var storedForm: StoredHostForm? { nil }

    func storedForm(in globals: Environment) -> StoredHostForm? {
        guard let recipe else { return nil }
        let options = recipe.options.mapValues { option -> StoredOption in
            switch option {
            case .number(let number): return .number(number.bitPattern)
            case .flag(let flag): return .flag(flag)
            case .text(let text): return .text(text)
            }
        }
        var located: [(Stored.State, [[Scalar]])] = []
        if let keeping = optimizer as? any KeepsParameterState<Scalar> {
            let paths = TensorLocations<Scalar>.paths(in: globals)
            for state in keeping.parameterStates {
                guard let path = paths[ObjectIdentifier(state.tensor)] else { return nil }
                located.append((Stored.State(path: path, steps: state.steps), state.buffers))
            }
        }
        located.sort { $0.0.path.lexicographicallyPrecedes($1.0.path) }
        let stored = Stored(name: recipe.name, options: options, learningRate: Double(optimizer.learningRate).bitPattern,
                            states: located.map(\.0))
        let buffers = located.flatMap(\.1).map { Tensor<Scalar>($0) }
        return StoredParts.form(Self.storageKind, stored, tensors: buffers, stage: .referring)
    }

    var unstorableReason: String { "an optimizer with state for a tensor no name holds" }

    /// Steps change its state.
    var isImmutable: Bool { false }

    /// The optimiser, its state placed on the tensors its paths lead to in `globals`.
    static func restored(_ form: StoredHostForm, globals: Environment) -> OptimizerValue? {
        guard let (stored, buffers) = StoredParts.contents(of: form, kind: storageKind, Stored.self, Scalar.self) else { return nil }
        let options = stored.options.mapValues { option -> NeuralNet.OptionValue in
            switch option {
            case .number(let bits): return .number(Double(bitPattern: bits))
            case .flag(let flag): return .flag(flag)
            case .text(let text): return .text(text)
            }
        }
        guard let optimizer = try? OptimizerCatalog.make(stored.name, options: options, as: Scalar.self) else { return nil }
        optimizer.learningRate = Scalar(Double(bitPattern: stored.learningRate))
        let keeping = optimizer as? any KeepsParameterState<Scalar>
        let perParameter = keeping?.buffersPerParameter ?? 0
        guard buffers.count == stored.states.count * perParameter else { return nil }
        var states: [ParameterStateEntry<Scalar>] = []
        for (index, state) in stored.states.enumerated() {
            let own = buffers[(index * perParameter)..<((index + 1) * perParameter)]
            guard let tensor = TensorLocations<Scalar>.tensor(at: state.path, in: globals),
                  own.allSatisfy({ $0.count == tensor.count }) else { return nil }
            states.append(ParameterStateEntry(tensor: tensor, buffers: own.map(\.scalars), steps: state.steps))
        }
        keeping?.replaceParameterStates(states)
        return OptimizerValue(optimizer, recipe: OptimizerRecipe(name: stored.name, options: options))
    }
}
