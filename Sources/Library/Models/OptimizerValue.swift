import Language
import NeuralNet
import TensorCore

/// An optimiser as a value (`opt = sgd(lr: 0.05)`): given to `train` or to
/// `step(opt, l)` in a hand-written loop. It keeps its state (momentum,
/// moments) between steps.
final class OptimizerValue<Scalar: TensorScalar>: HostValue, CustomStringConvertible {
    let optimizer: any Optimizer<Scalar>
    /// The name and options it was made from (the cell cache makes it again from them).
    let recipe: OptimizerRecipe?

    init(_ optimizer: any Optimizer<Scalar>, recipe: OptimizerRecipe? = nil) {
        self.optimizer = optimizer
        self.recipe = recipe
    }

    var typeName: String { "optimizer" }
    var description: String { optimizer.description }

    /// The value given for `optimizer:`: an optimiser made by `sgd(…)`, `gd(…)`, `adam(…)`.
    static func from(_ value: Value) throws -> OptimizerValue<Scalar> {
        if let value = value.hostValue as? OptimizerValue<Scalar> { return value }
        if case let .builtin(builtin) = value, OptimizerCatalog.names.contains(builtin.name) {
            if builtin.name == "adam" { return try make("adam", Arguments(callee: "adam")) }
            throw DiagnosticError(.type, "\(builtin.name) needs a learning rate, as in \(builtin.name)(lr: 0.1)")
        }
        throw DiagnosticError(.type, "'optimizer' expects an optimizer such as sgd(lr: 0.1, momentum: 0.9), gd(lr: 0.1) or adam(lr: 0.001), got \(value.typeName)")
    }

    /// `sgd(lr: 0.1, momentum: 0.9)` and friends, with their options checked.
    static func make(_ name: String, _ arguments: Arguments) throws -> OptimizerValue<Scalar> {
        guard arguments.positional.isEmpty else {
            throw DiagnosticError(.type, "'\(name)' takes its options by name, as in \(name)(lr: 0.1)")
        }
        let known = OptimizerCatalog.options[name] ?? []
        var options: [String: NeuralNet.OptionValue] = [:]
        for (label, value) in arguments.named {
            guard known.contains(label) else {
                throw DiagnosticError(.type, "\(name) has no option '\(label)'; its options are \(known.joined(separator: ", "))",
                                      hint: Suggestions.didYouMean(label, among: known))
            }
            if let number = value.asNumber {
                options[label] = .number(number)
            } else if let flag = value.bool {
                options[label] = .flag(flag)
            } else if let text = value.string {
                options[label] = .text(text)
            } else {
                throw DiagnosticError(.type, "\(name): \(label) must be a number, got \(value.typeName)")
            }
        }
        return OptimizerValue(try ModelErrors.translating { try OptimizerCatalog.make(name, options: options, as: Scalar.self) },
                              recipe: OptimizerRecipe(name: name, options: options))
    }

    static var builtins: [Builtin] { help.map { name, help in
        Builtin(name, named: nil, help: help) { a, _ in .host(try make(name, a)) }
    } }

    /// The help on each of NeuralNet's optimisers (a test checks that none is missing).
    static var help: KeyValuePairs<String, BuiltinHelp> { [
        "gd": BuiltinHelp(.optimisers, "gd(lr:)", summary: "gradient descent"),
        "sgd": BuiltinHelp(.optimisers, "sgd(lr:, momentum: 0, nesterov: false)", summary: "stochastic gradient descent, with momentum"),
        "adam": BuiltinHelp(.optimisers, "adam(lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8)", summary: "the Adam optimiser"),
    ] }
}
