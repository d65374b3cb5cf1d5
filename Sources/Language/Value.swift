import Foundation

/// A dln runtime value.
public enum Value {
    case number(Double)
    case string(String)
    case bool(Bool)
    /// The unit value: the result of statements, `print`, an `if` without `else`.
    case none
    case range(RangeValue)
    case record(Record)
    /// An ordered list (results of builtins, destructuring); no literal syntax.
    case list([Value])
    /// A user function or lambda with its captured environment.
    case function(Closure)
    case builtin(Builtin)
    case host(any HostValue)

    /// The type name used in diagnostics.
    public var typeName: String {
        switch self {
        case .number: return "number"
        case .string: return "string"
        case .bool: return "bool"
        case .none: return "none"
        case .range: return "range"
        case .record: return "record"
        case .list: return "list"
        case .function, .builtin: return "function"
        case .host(let value): return value.typeName
        }
    }

    public var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    public var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var bool: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The host object, if this is a host value.
    public var hostValue: (any HostValue)? {
        if case .host(let value) = self { return value }
        return nil
    }

    /// The value as an exact integer, if it is an integral number.
    public var integer: Int? {
        guard case .number(let value) = self, value == value.rounded(), abs(value) < 9e15 else { return nil }
        return Int(value)
    }

    public var isNone: Bool {
        if case .none = self { return true }
        return false
    }

    public var isCallable: Bool {
        switch self {
        case .function, .builtin: return true
        default: return false
        }
    }
}

/// An integer range: `0..<10` or `1...5` (stored half-open).
public struct RangeValue: Hashable, Sendable, Sequence {
    public var lower: Int
    /// Exclusive upper bound.
    public var upper: Int
    /// Whether it was written `a...b` (affects display only).
    public var isClosed: Bool

    public init(lower: Int, upper: Int, isClosed: Bool = false) {
        self.lower = lower
        self.upper = Swift.max(lower, upper)
        self.isClosed = isClosed
    }

    public var count: Int { upper - lower }

    public func makeIterator() -> Range<Int>.Iterator { (lower..<upper).makeIterator() }
}

/// A record: named fields in written order.
public struct Record {
    public var fields: [(name: String, value: Value)]

    public init(_ fields: [(name: String, value: Value)] = []) {
        self.fields = fields
    }

    /// The field named `name`; setting a new name appends it.
    public subscript(name: String) -> Value? {
        get { fields.first { $0.name == name }?.value }
        set {
            if let index = fields.firstIndex(where: { $0.name == name }) {
                if let newValue { fields[index].value = newValue } else { fields.remove(at: index) }
            } else if let newValue {
                fields.append((name, newValue))
            }
        }
    }

    public var names: [String] { fields.map(\.name) }
}

/// A user-defined function (from `fn` or a lambda) closed over its defining environment.
public final class Closure {
    public let declaration: FunctionDecl
    public let environment: Environment

    public init(declaration: FunctionDecl, environment: Environment) {
        self.declaration = declaration
        self.environment = environment
    }

    /// The function's name, or `lambda`.
    public var name: String { declaration.name?.name ?? "lambda" }
    public var parameterNames: [String] { declaration.parameters.map(\.name) }
}
