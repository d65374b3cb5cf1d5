import Language
import NeuralNet
import TensorCore

/// One line of a `network` body after reading: the layer and its own `init:`.
struct DeclaredLayer<Scalar: TensorScalar> {
    let spec: LayerSpec<Scalar>
    let initializer: InitializerValue?

    /// The line as declared (`dense 3, relu, init: he(seed: 1)`).
    var description: String {
        spec.description + (initializer.map { ", init: \($0)" } ?? "")
    }
}

/// Reads the lines of `network NAME { … }` into layer specifications.
struct NetworkDeclaration<Scalar: TensorScalar> {
    let context: EvaluationContext

    static var commands: [String] { ["input", "dense", "conv2d", "maxpool", "flatten"] + ActivationFunction<Scalar>.builtInNames }

    /// The network a declaration describes (built now when its input is declared).
    func read(name: String, body: [Command]) throws -> NetworkValue<Scalar> {
        var input: [Int]?
        var layers: [DeclaredLayer<Scalar>] = []
        for command in body {
            let located = { (error: DiagnosticError) in
                DiagnosticError(diagnostics: error.diagnostics.map { var d = $0; d.range = d.range ?? command.range; return d })
            }
            do {
                if command.name.name == "input" {
                    guard input == nil, layers.isEmpty else {
                        throw DiagnosticError(.syntax, "'input' must be the first line of a network, and appear once")
                    }
                    input = try inputShape(command)
                } else {
                    layers.append(try layer(command))
                }
            } catch let error as DiagnosticError {
                throw located(error)
            }
        }
        guard !layers.isEmpty else {
            throw context.error(.syntax, "network \(name) has no layers", hint: "add lines such as 'dense 3, relu' and 'dense 1'")
        }
        let value = NetworkValue<Scalar>(name: name, input: input, layers: layers)
        if let input { _ = try value.built(forSamples: input) }
        return value
    }

    private func inputShape(_ command: Command) throws -> [Int] {
        try rejectNamed(command, allowed: [])
        let sizes = try command.arguments.map { try positiveInteger($0.value, "input") }
        guard !sizes.isEmpty else { throw DiagnosticError(.syntax, "'input' needs the size of one sample, as in 'input 2' or 'input 1, 8, 8'") }
        return sizes
    }

    private func layer(_ command: Command) throws -> DeclaredLayer<Scalar> {
        let positional = command.arguments.filter { $0.label == nil }.map(\.value)
        let initializer = try named(command, "init").map { try InitializerValue.from(try context.evaluate($0), option: "init") }
        switch command.name.name {
        case "dense":
            try rejectNamed(command, allowed: ["init", "bias"])
            guard let size = positional.first else { throw DiagnosticError(.syntax, "'dense' needs its number of outputs, as in 'dense 3, relu'") }
            let activation = try optionalActivation(positional.dropFirst(), of: "dense")
            return DeclaredLayer<Scalar>(spec: .dense(outputs: try positiveInteger(size, "dense"), activation: activation,
                                              useBias: try flag(command, "bias")), initializer: initializer)
        case "conv2d":
            try rejectNamed(command, allowed: ["kernel", "stride", "pad", "init", "bias"])
            guard let channels = positional.first, let kernel = try named(command, "kernel") else {
                throw DiagnosticError(.syntax, "'conv2d' needs its output channels and a kernel size, as in 'conv2d 6, kernel: 3, pad: 1, relu'")
            }
            let stride = try named(command, "stride").map { try positiveInteger($0, "stride") } ?? 1
            let pad = try named(command, "pad").map { try integer($0, "pad", minimum: 0) } ?? 0
            return DeclaredLayer<Scalar>(spec: .conv2d(outChannels: try positiveInteger(channels, "conv2d"), kernel: try positiveInteger(kernel, "kernel"),
                                               stride: stride, padding: pad, activation: try optionalActivation(positional.dropFirst(), of: "conv2d"),
                                               useBias: try flag(command, "bias")), initializer: initializer)
        case "maxpool":
            try rejectNamed(command, allowed: ["stride"])
            guard let size = positional.first, positional.count == 1 else {
                throw DiagnosticError(.syntax, "'maxpool' needs one window size, as in 'maxpool 2'")
            }
            let stride = try named(command, "stride").map { try positiveInteger($0, "stride") }
            return DeclaredLayer<Scalar>(spec: .maxPool(size: try positiveInteger(size, "maxpool"), stride: stride), initializer: nil)
        case "flatten":
            guard command.arguments.isEmpty else { throw DiagnosticError(.syntax, "'flatten' takes no arguments") }
            return DeclaredLayer<Scalar>(spec: .flatten, initializer: nil)
        default:
            guard command.arguments.isEmpty, let function = try activationIfKnown(command.name.name) else {
                throw DiagnosticError(.name, "'\(command.name.name)' is not a layer",
                                      hint: Suggestions.didYouMean(command.name.name, among: Self.commands)
                                          ?? "layers are \(Self.commands.joined(separator: ", ")) or a dln function used as an activation")
            }
            return DeclaredLayer<Scalar>(spec: .activation(function), initializer: nil)
        }
    }

    // MARK: Activations

    private func optionalActivation(_ rest: ArraySlice<Expr>, of layer: String) throws -> ActivationFunction<Scalar>? {
        guard let expression = rest.first else { return nil }
        guard rest.count == 1 else { throw DiagnosticError(.syntax, "'\(layer)' takes one activation after its size") }
        do {
            return try activation(expression)
        } catch let error as DiagnosticError {
            throw error.placed(at: expression.range)
        }
    }

    /// `relu`, `leaky_relu(slope: 0.2)`, or any dln function of a tensor (`rect`, `x -> x ^ 2`).
    func activation(_ expression: Expr) throws -> ActivationFunction<Scalar> {
        if case let .name(name, _) = expression {
            if let function = try activationIfKnown(name) { return function }
            let known = ActivationFunction<Scalar>.builtInNames + context.environment.visibleNames.filter {
                if case .function = context.environment.lookup($0) { return true } else { return false }
            }
            throw DiagnosticError(.name, "unknown activation '\(name)'",
                                  hint: Suggestions.didYouMean(name, among: known) ?? "use relu, sigmoid, tanh, softplus, step, leaky_relu, identity, or a function defined with fn")
        }
        if case let .call(.name("leaky_relu", _), arguments, _) = expression, arguments.allSatisfy({ $0.label?.name == "slope" }) {
            let slope = try arguments.first.map { try number($0.value, "slope") } ?? 0.01
            return .leakyRelu(slope: Scalar(slope))
        }
        let value = try context.evaluate(expression)
        guard value.isCallable else { throw DiagnosticError(.type, "an activation must be a function, got \(value.typeName)") }
        return custom(value, name: expression.range.text)
    }

    /// A built-in activation, or a dln function bound to `name`; nil when neither.
    private func activationIfKnown(_ name: String) throws -> ActivationFunction<Scalar>? {
        let bound = context.environment.lookup(name)
        if case .function? = bound { return custom(bound ?? .none, name: name) }
        if ActivationFunction<Scalar>.builtInNames.contains(name) { return try ModelErrors.translating { try ActivationFunction<Scalar>.named(name) } }
        if case .builtin? = bound { return custom(bound ?? .none, name: name) }
        return nil
    }

    private func custom(_ function: Value, name: String) -> ActivationFunction<Scalar> {
        let context = self.context
        return ActivationFunction(name: name) { x in
            do {
                let result = try context.call(function, Arguments(positional: [.tensor(x)], callee: name))
                guard let tensor = result.asTensor(Scalar.self) else {
                    throw DiagnosticError(.type, "the activation '\(name)' must return a tensor, got \(result.typeName)")
                }
                return tensor
            } catch let error as DiagnosticError {
                DiagnosticBox.keep(error)
                throw error
            }
        }
    }

    // MARK: Arguments

    private func named(_ command: Command, _ label: String) throws -> Expr? {
        command.arguments.first { $0.label?.name == label }?.value
    }

    private func rejectNamed(_ command: Command, allowed: [String]) throws {
        for argument in command.arguments {
            guard let label = argument.label, !allowed.contains(label.name) else { continue }
            throw DiagnosticError(Diagnostic(.name, "'\(command.name.name)' has no option '\(label.name)'", at: label.range,
                                             hint: Suggestions.didYouMean(label.name, among: allowed)
                                                 ?? (allowed.isEmpty ? nil : "its options are \(allowed.joined(separator: ", "))")))
        }
    }

    private func flag(_ command: Command, _ label: String) throws -> Bool {
        guard let expression = try named(command, label) else { return true }
        guard let value = try context.evaluate(expression).bool else {
            throw DiagnosticError(Diagnostic(.type, "'\(label):' must be true or false", at: expression.range))
        }
        return value
    }

    private func number(_ expression: Expr, _ what: String) throws -> Double {
        guard let value = try context.evaluate(expression).asNumber else {
            throw DiagnosticError(Diagnostic(.type, "\(what) must be a number", at: expression.range))
        }
        return value
    }

    private func integer(_ expression: Expr, _ what: String, minimum: Int) throws -> Int {
        let value = try context.evaluate(expression)
        guard let number = value.asNumber, number == number.rounded(), number >= Double(minimum), number <= 1e7 else {
            let shown = value.asNumber.map(ProgressText.number) ?? value.typeName
            throw DiagnosticError(Diagnostic(.type, "\(what) must be a whole number ≥ \(minimum), got \(shown)", at: expression.range))
        }
        return Int(number)
    }

    private func positiveInteger(_ expression: Expr, _ what: String) throws -> Int {
        try integer(expression, what, minimum: 1)
    }
}
