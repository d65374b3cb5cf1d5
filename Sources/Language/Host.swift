import Foundation

/// The elements of a tensor literal, evaluated, with the literal's written shape.
public struct TensorLiteral {
    /// The rows as written: one row for `[1, 2, 3]` and `[[1, 2], [3, 4]]` (whose
    /// elements are themselves tensors), several for `[1, 2; 3, 4]`, one empty row for `[]`.
    public var rows: [[Value]]
    /// True when rows were separated with `;`.
    public var hasRowSeparators: Bool

    public init(rows: [[Value]], hasRowSeparators: Bool) {
        self.rows = rows
        self.hasRowSeparators = hasRowSeparators
    }

    /// The written shape: `[rows, columns]` with `;`, otherwise `[count]` (`[0]` for `[]`).
    public var shape: [Int] {
        hasRowSeparators ? [rows.count, rows.first?.count ?? 0] : [rows.first?.count ?? 0]
    }

    /// All elements, row-major.
    public var elements: [Value] { rows.flatMap { $0 } }
}

/// One component of a subscript, evaluated.
public enum IndexComponent {
    /// `a[3]`, `a[-1]`.
    case integer(Int)
    /// `a[1:]`, `a[2:5]`, `a[::2]`, and range values `a[0..<3]`; nil bounds are open.
    case slice(start: Int?, stop: Int?, step: Int?)
    /// `a[:]` (a slice with no bounds).
    case full
    /// Anything else (e.g. a tensor used as a mask or index list): the host decides.
    case value(Value)
}

/// The seam between the language and the Library: everything that involves host values
/// (tensors, networks, data sets, figures…) goes through here.
///
/// Every method has a default implementation that declines (returns nil) or throws a
/// type error, so a host implements only what it supports. Methods receive an
/// ``EvaluationContext``; errors thrown without a range are placed at the construct
/// being evaluated. Throw ``DiagnosticError`` (e.g. `DiagnosticError(.shape, "…")`).
public protocol EvaluationHost: AnyObject {
    /// Registers the host's builtins (called after the language's own, so a host
    /// builtin with the same name replaces it; look the old one up first to extend it).
    func installBuiltins(into environment: Environment)

    /// Builds a tensor from a literal such as `[1, 2; 3, 4]` or `[[1, 2], [3, 4]]`.
    func makeTensor(_ literal: TensorLiteral, context: EvaluationContext) throws -> Value

    /// Applies a binary operator when an operand is a host value (or when the language
    /// has no meaning for the operand types). Return nil to decline (a type error follows).
    /// This is where numbers are promoted: the host decides what `2 * tensor` means.
    func binary(_ op: BinaryOperator, _ lhs: Value, _ rhs: Value, context: EvaluationContext) throws -> Value?

    /// Applies `-x`, `not x` or `x'` to a host value; nil declines.
    func unary(_ op: UnaryOperator, _ operand: Value, context: EvaluationContext) throws -> Value?

    /// For `a ~= b` where an operand is a host value: the distance between them (for
    /// tensors, the maximum absolute elementwise difference). Nil declines.
    func difference(_ lhs: Value, _ rhs: Value, context: EvaluationContext) throws -> Double?

    /// `base[indices]`.
    func subscriptValue(_ base: any HostValue, indices: [IndexComponent], context: EvaluationContext) throws -> Value

    /// `base[indices] = newValue`; returns the updated base (the same object for
    /// reference types, a new value for value types — the evaluator stores it back).
    func updating(_ base: any HostValue, indices: [IndexComponent], to newValue: Value,
                  context: EvaluationContext) throws -> Value

    /// `base.name`.
    func member(_ name: String, of base: any HostValue, context: EvaluationContext) throws -> Value

    /// `base.name = newValue`; returns the updated base, as for ``updating(_:indices:to:context:)``.
    func updating(_ base: any HostValue, member name: String, to newValue: Value,
                  context: EvaluationContext) throws -> Value

    /// The elements `for x in base` visits.
    func elements(of base: any HostValue, context: EvaluationContext) throws -> [Value]

    /// Whether a host value counts as true in `if`, `while`, `and`, `or`, `not`, `expect`.
    func isTrue(_ value: any HostValue, context: EvaluationContext) throws -> Bool

    /// The display form of a host value.
    func format(_ value: any HostValue) -> String

    /// The members `value.name` can name (for completion in the REPL).
    func memberNames(of value: any HostValue) -> [String]

    /// The short form of a host value inside a record or list, in `print` and in the
    /// notes of a failed `expect` (a tensor without its shape line).
    func formatInline(_ value: any HostValue) -> String

    /// Calls a host value, e.g. applying a network: `shallow(x)`.
    func call(_ callee: any HostValue, arguments: Arguments, context: EvaluationContext) throws -> Value

    /// Interprets a `data`, `loss`, `network` or `figure` declaration and returns its
    /// value. The evaluator binds the declared names (for `data (a, b) = …`, the value
    /// must be a list, or a host value whose ``elements(of:context:)`` has one element
    /// per name). A figure's value is displayed unless it is `none`.
    func declare(_ declaration: Declaration, context: EvaluationContext) throws -> Value

    /// Interprets `train NET on DATA { … }`.
    func train(_ expression: TrainExpr, context: EvaluationContext) throws -> Value
}

extension EvaluationHost {
    public func installBuiltins(into environment: Environment) {}

    public func formatInline(_ value: any HostValue) -> String { format(value) }

    public func makeTensor(_ literal: TensorLiteral, context: EvaluationContext) throws -> Value {
        throw DiagnosticError(.type, "tensor literals are not available without the tensor library")
    }

    public func binary(_ op: BinaryOperator, _ lhs: Value, _ rhs: Value, context: EvaluationContext) throws -> Value? { nil }

    public func unary(_ op: UnaryOperator, _ operand: Value, context: EvaluationContext) throws -> Value? { nil }

    public func difference(_ lhs: Value, _ rhs: Value, context: EvaluationContext) throws -> Double? { nil }

    public func subscriptValue(_ base: any HostValue, indices: [IndexComponent], context: EvaluationContext) throws -> Value {
        throw DiagnosticError(.type, "\(base.typeName) cannot be indexed")
    }

    public func updating(_ base: any HostValue, indices: [IndexComponent], to newValue: Value,
                         context: EvaluationContext) throws -> Value {
        throw DiagnosticError(.type, "elements of \(base.typeName) cannot be assigned")
    }

    public func member(_ name: String, of base: any HostValue, context: EvaluationContext) throws -> Value {
        throw DiagnosticError(.name, "\(base.typeName) has no member '\(name)'")
    }

    public func updating(_ base: any HostValue, member name: String, to newValue: Value,
                         context: EvaluationContext) throws -> Value {
        throw DiagnosticError(.type, "member '\(name)' of \(base.typeName) cannot be assigned")
    }

    public func elements(of base: any HostValue, context: EvaluationContext) throws -> [Value] {
        throw DiagnosticError(.type, "cannot iterate over \(base.typeName)")
    }

    public func isTrue(_ value: any HostValue, context: EvaluationContext) throws -> Bool {
        throw DiagnosticError(.type, "\(value.typeName) cannot be used as a condition", hint: "compare it to get a bool")
    }

    public func format(_ value: any HostValue) -> String { "<\(value.typeName)>" }

    public func memberNames(of value: any HostValue) -> [String] { [] }

    public func call(_ callee: any HostValue, arguments: Arguments, context: EvaluationContext) throws -> Value {
        throw DiagnosticError(.type, "\(callee.typeName) is not a function")
    }

    public func declare(_ declaration: Declaration, context: EvaluationContext) throws -> Value {
        throw DiagnosticError(.runtime, "declarations need the dln library")
    }

    public func train(_ expression: TrainExpr, context: EvaluationContext) throws -> Value {
        throw DiagnosticError(.runtime, "'train' needs the dln library")
    }
}

/// A host with no host values: plain-language programs only.
public final class NoHost: EvaluationHost {
    public init() {}
}
