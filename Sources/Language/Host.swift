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
    /// Anything else (e.g. a tensor used as a mask or index list): the indexed value decides.
    case value(Value)
}

/// The seam between the language and the Library: the host's builtins, tensor literals
/// and declarations. Everything else about host values (members, indexing, calls,
/// arithmetic, display) is the values' own (``HostValue``).
///
/// Every method has a default implementation that throws, so a host implements only
/// what it supports. Methods receive an ``EvaluationContext``; errors thrown without a
/// range are placed at the construct being evaluated.
public protocol EvaluationHost: AnyObject {
    /// Registers the host's builtins (called after the language's own, so a host
    /// builtin with the same name replaces it; look the old one up first to extend it).
    func installBuiltins(into environment: Environment)

    /// Builds a tensor from a literal such as `[1, 2; 3, 4]` or `[[1, 2], [3, 4]]`.
    func makeTensor(_ literal: TensorLiteral, context: EvaluationContext) throws -> Value

    /// Interprets a `data`, `loss`, `network` or `figure` declaration and returns its
    /// value. The evaluator binds the declared names (for `data (a, b) = …`, the value
    /// must be a list, or a host value whose ``HostValue/elements(context:)`` has one
    /// element per name). A figure's value is displayed unless it is `none`.
    func declare(_ declaration: Declaration, context: EvaluationContext) throws -> Value

    /// Interprets `train NET on DATA { … }`.
    func train(_ expression: TrainExpr, context: EvaluationContext) throws -> Value
}

extension EvaluationHost {
    public func installBuiltins(into environment: Environment) {}

    public func makeTensor(_ literal: TensorLiteral, context: EvaluationContext) throws -> Value {
        throw DiagnosticError(.type, "tensor literals are not available without the tensor library")
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
