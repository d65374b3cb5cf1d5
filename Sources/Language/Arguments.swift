import Foundation

/// The arguments of a call, as builtins and hosts receive them.
public struct Arguments {
    public var positional: [Value]
    public var named: [(label: String, value: Value)]
    /// The name of the function being called, for messages.
    public var callee: String
    /// Parameter names of the callee, for messages (`argument 2 (y)`).
    public var parameterNames: [String]

    public init(positional: [Value] = [], named: [(label: String, value: Value)] = [],
                callee: String = "function", parameterNames: [String] = []) {
        self.positional = positional
        self.named = named
        self.callee = callee
        self.parameterNames = parameterNames
    }

    public var count: Int { positional.count }

    /// The positional argument at `index`, if given.
    public subscript(index: Int) -> Value? {
        positional.indices.contains(index) ? positional[index] : nil
    }

    /// The named argument `label`, if given.
    public func named(_ label: String) -> Value? {
        named.first { $0.label == label }?.value
    }

    private func describe(_ index: Int) -> String {
        let name = parameterNames.indices.contains(index) ? " (\(parameterNames[index]))" : ""
        return "argument \(index + 1)\(name)"
    }

    /// A type error naming the argument and the expected and actual types.
    public func typeError(_ index: Int, expected: String) -> DiagnosticError {
        let actual = self[index]?.typeName ?? "nothing"
        return DiagnosticError(.type, "'\(callee)' expects \(expected) as \(describe(index)), got \(actual)")
    }

    /// The positional argument at `index` as a number, or a type error.
    public func number(_ index: Int) throws -> Double {
        guard let value = self[index]?.number else { throw typeError(index, expected: "a number") }
        return value
    }

    /// The positional argument at `index` as an integer, or a type error.
    public func integer(_ index: Int) throws -> Int {
        guard let value = self[index]?.integer else { throw typeError(index, expected: "an integer") }
        return value
    }

    /// The positional argument at `index` as a string, or a type error.
    public func string(_ index: Int) throws -> String {
        guard let value = self[index]?.string else { throw typeError(index, expected: "a string") }
        return value
    }

    /// The named argument `label` as a number, `defaultValue` when absent, or a type error.
    public func number(named label: String, default defaultValue: Double) throws -> Double {
        guard let value = named(label) else { return defaultValue }
        guard let number = value.number else {
            throw DiagnosticError(.type, "'\(callee)' expects a number for '\(label):', got \(value.typeName)")
        }
        return number
    }
}

/// What hosts and builtins get to evaluate sub-expressions, call dln functions, format
/// values and report problems at the right place.
public struct EvaluationContext {
    public let evaluator: Evaluator
    /// The environment the construct is evaluated in.
    public let environment: Environment
    /// The construct being evaluated (errors without a range are placed here).
    public let range: SourceRange?

    public init(evaluator: Evaluator, environment: Environment, range: SourceRange?) {
        self.evaluator = evaluator
        self.environment = environment
        self.range = range
    }

    /// Evaluates an expression (e.g. part of a declaration) in this context's environment.
    public func evaluate(_ expression: Expr) throws -> Value {
        try evaluator.evaluate(expression, in: environment)
    }

    /// Calls a dln function or builtin (e.g. the `f` of `grad(f, at: p)`).
    public func call(_ function: Value, _ arguments: Arguments) throws -> Value {
        try evaluator.call(function, arguments: arguments, at: range)
    }

    /// The display form of a value (host values through the host).
    public func format(_ value: Value) -> String { evaluator.format(value) }

    /// Shows a value through the output sink (e.g. a figure).
    public func display(_ value: Value) { evaluator.display(value) }

    /// Writes text to the output sink.
    public func write(_ text: String) { evaluator.sink.write(text) }

    /// Reports a problem that fails the current cell without stopping it or the run
    /// (like a failed `expect`): for faults of the environment, such as gnuplot dying,
    /// after which later cells can still do useful work. Placed at this context's range
    /// when the diagnostic has none.
    public func report(_ diagnostic: Diagnostic) {
        var diagnostic = diagnostic
        if diagnostic.range == nil { diagnostic.range = range }
        evaluator.sink.report(diagnostic)
    }

    /// Throws if the run was cancelled; long host operations should poll this.
    public func checkCancellation() throws { try evaluator.checkCancellation(at: range) }

    /// An error at this context's range.
    public func error(_ kind: Diagnostic.Kind, _ message: String, hint: String? = nil) -> DiagnosticError {
        DiagnosticError(Diagnostic(kind, message, at: range, hint: hint))
    }
}
