import Language
import NeuralNet
import TensorCore

/// A line of a `network` body being read by its ``LayerKind``: its arguments, read and
/// checked with diagnostics that point into the line.
struct LayerLine<Scalar: TensorScalar> {
    let command: Command
    /// The line's own `init:`, read before anything else on it.
    let initializer: InitializerValue?
    let declaration: NetworkDeclaration<Scalar>

    var context: EvaluationContext { declaration.context }

    /// The arguments without a label, in order.
    var positional: [Expr] { command.arguments.filter { $0.label == nil }.map(\.value) }

    /// A malformed line.
    func error(_ message: String) -> DiagnosticError { DiagnosticError(.syntax, message) }

    func named(_ label: String) -> Expr? {
        command.arguments.first { $0.label?.name == label }?.value
    }

    func rejectNamed(allowed: [String]) throws {
        for argument in command.arguments {
            guard let label = argument.label, !allowed.contains(label.name) else { continue }
            throw DiagnosticError(Diagnostic(.name, "'\(command.name.name)' has no option '\(label.name)'", at: label.range,
                                             hint: Suggestions.didYouMean(label.name, among: allowed)
                                                 ?? (allowed.isEmpty ? nil : "its options are \(allowed.joined(separator: ", "))")))
        }
    }

    /// The activation after the first `count` positional arguments (`dense 3, relu`), if any.
    func optionalActivation(after count: Int) throws -> ActivationFunction<Scalar>? {
        try declaration.optionalActivation(positional.dropFirst(count), of: command.name.name)
    }

    /// `label: true` or `label: false`; true when absent.
    func flag(_ label: String) throws -> Bool {
        guard let expression = named(label) else { return true }
        guard let value = try context.evaluate(expression).bool else {
            throw DiagnosticError(Diagnostic(.type, "'\(label):' must be true or false", at: expression.range))
        }
        return value
    }

    func integer(_ expression: Expr, _ what: String, minimum: Int) throws -> Int {
        let value = try context.evaluate(expression)
        guard let number = value.asNumber, number == number.rounded(), number >= Double(minimum), number <= 1e7 else {
            let shown = value.asNumber.map(ProgressText.number) ?? value.typeName
            throw DiagnosticError(Diagnostic(.type, "\(what) must be a whole number ≥ \(minimum), got \(shown)", at: expression.range))
        }
        return Int(number)
    }

    func positiveInteger(_ expression: Expr, _ what: String) throws -> Int {
        try integer(expression, what, minimum: 1)
    }
}
