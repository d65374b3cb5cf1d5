/// An object owned by the host (a tensor, network, data set, figure…) that carries its
/// own operations. The evaluator calls them directly; each has a default that declines
/// with the language's usual diagnostic, so a kind implements only what it supports.
///
/// Methods receive an ``EvaluationContext``; errors thrown without a range are placed at
/// the construct being evaluated. Throw ``DiagnosticError`` (e.g. `DiagnosticError(.shape, "…")`).
///
/// Host values are objects: a class-bound existential is one reference, so a
/// ``Value`` is copied with a retain rather than through the runtime's value
/// witnesses, and a host reaches its own class without a runtime cast.
public protocol HostValue: AnyObject {
    /// The type name used in diagnostics, e.g. `tensor` or `network`.
    var typeName: String { get }

    /// The display form: what a bare expression shows.
    var displayText: String { get }
    /// The short form inside a record or list, in `print` and in the notes of a failed
    /// `expect` (a tensor without its shape line).
    var inlineText: String { get }

    /// `value.name`.
    func member(_ name: String, context: EvaluationContext) throws -> Value
    /// The members `value.name` can name (for completion in the REPL).
    var memberNames: [String] { get }
    /// `value.name = newValue`; returns the updated value (the same object for reference
    /// types, a new one for value types — the evaluator stores it back).
    func updating(member name: String, to newValue: Value, context: EvaluationContext) throws -> Value

    /// `value[indices]`.
    func element(at indices: [IndexComponent], context: EvaluationContext) throws -> Value
    /// `value[indices] = newValue`; returns the updated value, as ``updating(member:to:context:)``.
    func updating(at indices: [IndexComponent], to newValue: Value, context: EvaluationContext) throws -> Value

    /// `value(arguments)`, e.g. applying a network: `shallow(x)`.
    func call(_ arguments: Arguments, context: EvaluationContext) throws -> Value
    /// The elements `for x in value` visits (and `len` counts).
    func elements(context: EvaluationContext) throws -> [Value]
    /// Whether the value counts as true in `if`, `while`, `and`, `or`, `not`, `expect`.
    func isTrue(context: EvaluationContext) throws -> Bool

    /// `lhs op rhs` where this value is one of the operands (the left one is asked first).
    /// This is where numbers are promoted: a tensor decides what `2 * tensor` means.
    /// Nil declines (a type error follows unless the other operand accepts).
    func applying(_ op: BinaryOperator, _ lhs: Value, _ rhs: Value, context: EvaluationContext) throws -> Value?
    /// `-x`, `not x` or `x'` of this value; nil declines.
    func applying(_ op: UnaryOperator, context: EvaluationContext) throws -> Value?
    /// For `a ~= b` where this value is an operand: the distance between them (for
    /// tensors, the largest absolute elementwise difference); nil declines.
    func difference(_ lhs: Value, _ rhs: Value, context: EvaluationContext) throws -> Double?
    /// This value formatted by a format specification (`format(x, ".3f")`,
    /// `f"{x:.3f}"`); nil declines (then only padding applies, to the printed form).
    func formatted(by spec: FormatSpec, context: EvaluationContext) throws -> String?
}

extension HostValue {
    public var displayText: String { "<\(typeName)>" }
    public var inlineText: String { displayText }

    public func member(_ name: String, context: EvaluationContext) throws -> Value {
        throw DiagnosticError(.name, "\(typeName) has no member '\(name)'")
    }

    public var memberNames: [String] { [] }

    public func updating(member name: String, to newValue: Value, context: EvaluationContext) throws -> Value {
        throw memberNotAssignable(name)
    }

    public func element(at indices: [IndexComponent], context: EvaluationContext) throws -> Value {
        throw DiagnosticError(.type, "\(typeName) cannot be indexed")
    }

    public func updating(at indices: [IndexComponent], to newValue: Value, context: EvaluationContext) throws -> Value {
        throw DiagnosticError(.type, "elements of \(typeName) cannot be assigned")
    }

    public func call(_ arguments: Arguments, context: EvaluationContext) throws -> Value {
        throw DiagnosticError(.type, "\(typeName) is not a function")
    }

    public func elements(context: EvaluationContext) throws -> [Value] {
        throw DiagnosticError(.type, "cannot iterate over \(typeName)")
    }

    public func isTrue(context: EvaluationContext) throws -> Bool {
        throw DiagnosticError(.type, "\(typeName) cannot be used as a condition", hint: "compare it to get a bool")
    }

    public func applying(_ op: BinaryOperator, _ lhs: Value, _ rhs: Value, context: EvaluationContext) throws -> Value? { nil }

    public func applying(_ op: UnaryOperator, context: EvaluationContext) throws -> Value? { nil }

    public func difference(_ lhs: Value, _ rhs: Value, context: EvaluationContext) throws -> Double? { nil }

    public func formatted(by spec: FormatSpec, context: EvaluationContext) throws -> String? { nil }

    /// The error for `value.name = …` on a member that cannot be assigned.
    public func memberNotAssignable(_ name: String) -> DiagnosticError {
        DiagnosticError(.type, "member '\(name)' of \(typeName) cannot be assigned")
    }
}

extension HostValue where Self: CustomStringConvertible {
    public var displayText: String { description }
}
