import Language
import NeuralNet
import TensorCore

/// Reads the lines of `network NAME { … }`: `input`, a line of a ``LayerKind``, or an
/// activation alone.
struct NetworkDeclaration<Scalar: TensorScalar> {
    let context: EvaluationContext

    static var commands: [String] { ["input"] + LayerKinds.all.map(\.keyword) + ActivationFunction<Scalar>.builtInNames }

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
        let line = LayerLine(command: command, initializer: nil, declaration: self)
        try line.rejectNamed(allowed: [])
        let sizes = try command.arguments.map { try line.positiveInteger($0.value, "input") }
        guard !sizes.isEmpty else { throw DiagnosticError(.syntax, "'input' needs the size of one sample, as in 'input 2' or 'input 1, 8, 8'") }
        return sizes
    }

    private func layer(_ command: Command) throws -> DeclaredLayer<Scalar> {
        let initializer = try command.arguments.first { $0.label?.name == "init" }
            .map { try InitializerValue.from(try context.evaluate($0.value), option: "init") }
        if let kind = LayerKinds.named(command.name.name) {
            return try kind.declare(LayerLine(command: command, initializer: initializer, declaration: self))
        }
        guard command.arguments.isEmpty, let function = try activationIfKnown(command.name.name) else {
            throw DiagnosticError(.name, "'\(command.name.name)' is not a layer",
                                  hint: Suggestions.didYouMean(command.name.name, among: Self.commands)
                                      ?? "layers are \(Self.commands.joined(separator: ", ")) or a dln function used as an activation")
        }
        return DeclaredLayer(function.name) { _ in Activation(function) }
    }

    // MARK: Activations

    func optionalActivation(_ rest: ArraySlice<Expr>, of layer: String) throws -> ActivationFunction<Scalar>? {
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

    private func number(_ expression: Expr, _ what: String) throws -> Double {
        guard let value = try context.evaluate(expression).asNumber else {
            throw DiagnosticError(Diagnostic(.type, "\(what) must be a number", at: expression.range))
        }
        return value
    }
}
