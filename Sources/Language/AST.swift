import Foundation

/// A name as written, with its range.
public struct Identifier: Equatable, Sendable {
    public var name: String
    public var range: SourceRange

    public init(name: String, range: SourceRange) {
        self.name = name
        self.range = range
    }
}

/// Operators the evaluator (or the host, for host values) applies to two operands.
public enum BinaryOperator: String, Sendable, CaseIterable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%"
    case power = "^", matrixMultiply = "@"
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="

    /// True for `== != < <= > >=`.
    public var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: return true
        default: return false
        }
    }
}

/// Prefix and postfix operators: `-x`, `not x`, `x'`.
public enum UnaryOperator: String, Sendable, CaseIterable {
    case negate = "-", not = "not", transpose = "'"
}

/// Short-circuiting operators.
public enum LogicalOperator: String, Sendable {
    case and, or
}

/// An argument of a call or a command line: positional (`label == nil`) or named (`seed: 3`).
public struct Argument: Sendable {
    public var label: Identifier?
    public var value: Expr
    public var range: SourceRange
}

/// A field of a record literal `{lr: 0.1}`.
public struct RecordField: Sendable {
    public var name: Identifier
    public var value: Expr
}

/// One component of a subscript: `a[i]`, `a[1:]`, `a[:, 0]`, `a[::2]`.
public enum IndexExpr: Sendable {
    case single(Expr)
    case slice(start: Expr?, stop: Expr?, step: Expr?, range: SourceRange)
}

/// A part of an f-string: text, or an expression with its format specification.
public enum FormatStringPart: Sendable {
    case text(String)
    case value(Expr, spec: FormatSpec?)
}

/// A function's body: `= expr` or `{ block }` (whose last expression is the value).
public enum FunctionBody: Sendable {
    case expression(Expr)
    case block(Block)
}

/// A named function (`fn f(x) = …`) or a lambda (`(a, b) -> …`, name nil).
public struct FunctionDecl: Sendable {
    public var name: Identifier?
    public var parameters: [Identifier]
    /// Each parameter's default value (`fn f(x, lr = 0.1)`), nil where it has none;
    /// evaluated at each call that leaves the parameter out.
    public var defaults: [Expr?]
    public var body: FunctionBody
    public var range: SourceRange

    /// The default value of parameter `index`, if it has one.
    public func defaultValue(at index: Int) -> Expr? {
        defaults.indices.contains(index) ? defaults[index] : nil
    }
}

/// `if c { } else if d { } else { }`; usable as an expression.
public struct IfExpr: Sendable {
    public var branches: [(condition: Expr, body: Block)]
    public var elseBody: Block?
    public var range: SourceRange
}

/// A `{ … }` sequence of statements (no new scope: only function calls open one).
public struct Block: Sendable {
    public var statements: [Stmt]
    public var range: SourceRange
}

/// Expressions. Every case carries its source range (see ``range``).
public indirect enum Expr: Sendable {
    case number(Double, SourceRange)
    case string(String, SourceRange)
    /// `f"loss {l:.3f}"`.
    case formatString([FormatStringPart], SourceRange)
    case bool(Bool, SourceRange)
    case none(SourceRange)
    case name(String, SourceRange)
    /// `640x400`.
    case size(width: Int, height: Int, SourceRange)
    /// `[1, 2; 3, 4]` (rows split by `;`), `[1, 2]`, `[[1, 2], [3, 4]]`, `[]`.
    case tensor(rows: [[Expr]], hasRowSeparators: Bool, SourceRange)
    case record([RecordField], SourceRange)
    /// `a..<b` (`isClosed == false`) or `a...b`.
    case range(lower: Expr, upper: Expr, isClosed: Bool, SourceRange)
    case unary(UnaryOperator, Expr, SourceRange)
    case binary(BinaryOperator, Expr, Expr, SourceRange)
    case logical(LogicalOperator, Expr, Expr, SourceRange)
    /// `a ~= b` or `a ~= b within tol`.
    case approximatelyEqual(Expr, Expr, tolerance: Expr?, SourceRange)
    case call(Expr, [Argument], SourceRange)
    case member(Expr, Identifier, SourceRange)
    case index(Expr, [IndexExpr], SourceRange)
    case lambda(FunctionDecl)
    case `if`(IfExpr)
    /// `train NET on DATA { options }`, interpreted by the host.
    case train(TrainExpr)

    /// Where the expression is in the source.
    public var range: SourceRange {
        switch self {
        case .number(_, let r), .string(_, let r), .formatString(_, let r), .bool(_, let r), .none(let r), .name(_, let r),
             .size(_, _, let r), .tensor(_, _, let r), .record(_, let r), .range(_, _, _, let r),
             .unary(_, _, let r), .binary(_, _, _, let r), .logical(_, _, _, let r),
             .approximatelyEqual(_, _, _, let r), .call(_, _, let r), .member(_, _, let r), .index(_, _, let r):
            return r
        case .lambda(let function): return function.range
        case .if(let expression): return expression.range
        case .train(let train): return train.range
        }
    }
}

/// Statements.
public indirect enum Stmt: Sendable {
    case expression(Expr)
    /// `x = e`, `a[0] = e`, `net.layers[0].weight = e`.
    case assignment(target: Expr, value: Expr, SourceRange)
    case function(FunctionDecl)
    case `for`(variable: Identifier, sequence: Expr, body: Block, SourceRange)
    case `while`(condition: Expr, body: Block, SourceRange)
    case `break`(SourceRange)
    case `continue`(SourceRange)
    case `return`(Expr?, SourceRange)
    /// `expect cond`, `expect a == b`, `expect a ~= b within tol`, …
    case expect(Expr, SourceRange)
    case declaration(Declaration)

    public var range: SourceRange {
        switch self {
        case .expression(let e): return e.range
        case .function(let f): return f.range
        case .declaration(let d): return d.range
        case .assignment(_, _, let r), .for(_, _, _, let r), .while(_, _, let r), .break(let r),
             .continue(let r), .return(_, let r), .expect(_, let r):
            return r
        }
    }
}

/// A parsed cell or REPL entry.
public struct Program: Sendable {
    public var statements: [Stmt]
    public var source: SourceFile

    public init(statements: [Stmt], source: SourceFile) {
        self.statements = statements
        self.source = source
    }
}
