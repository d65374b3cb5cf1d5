import Foundation
import Language

/// A value as a cache entry keeps it. Numbers keep their exact bits; functions are kept
/// by name and made again from the cell's own `fn` declaration (whose code is part of
/// the key); host values (tensors) as their host's bytes.
indirect enum StoredValue: Codable, Equatable {
    case number(UInt64)
    case string(String)
    case bool(Bool)
    case none
    case range(lower: Int, upper: Int, isClosed: Bool)
    case record([Field])
    case list([StoredValue])
    case function(String)
    /// A lambda of the cell, by its place among the cell's lambdas.
    case lambda(Int)
    case builtin(String)
    case host(kind: String, bytes: Data, stage: StoredHostForm.Stage)

    struct Field: Codable, Equatable {
        var name: String
        var value: StoredValue
    }

    /// When a restored cell makes this value again (see ``StoredHostForm/Stage``).
    var stage: StoredHostForm.Stage {
        switch self {
        case .host(_, _, let stage): return stage
        case .record(let fields): return fields.map(\.value.stage).max() ?? .plain
        case .list(let items): return items.map(\.stage).max() ?? .plain
        default: return .plain
        }
    }
}

/// The functions a cell makes at top level: its `fn` declarations by name, and its lambdas
/// in order. A stored function names one of them; its code is in the cell's key.
struct CellFunctions {
    var declared: [String: FunctionDecl] = [:]
    var lambdas: [FunctionDecl] = []
}

/// Turns values into stored values and back, given what the session has.
struct ValueStorage {
    /// Why a value cannot be kept.
    struct Refusal: Error {
        var reason: String
    }

    let globals: Environment
    let restoring: (any StoredValueRestoring)?
    let builtin: (String) -> Builtin?

    /// The value as an entry keeps it; `functions` are the cell's own top-level `fn` declarations.
    func store(_ value: Value, functions: CellFunctions) throws -> StoredValue {
        func store(_ value: Value) throws -> StoredValue { try self.store(value, functions: functions) }
        switch value {
        case .number(let number): return .number(number.bitPattern)
        case .string(let text): return .string(text)
        case .bool(let flag): return .bool(flag)
        case .none: return .none
        case .range(let range): return .range(lower: range.lower, upper: range.upper, isClosed: range.isClosed)
        case .record(let record): return .record(try record.fields.map { StoredValue.Field(name: $0.name, value: try store($0.value)) })
        case .list(let items): return .list(try items.map(store))
        case .builtin(let builtin): return .builtin(builtin.name)
        case .function(let closure):
            guard closure.environment === globals else { throw Refusal(reason: "a function made inside a function") }
            if let name = closure.declaration.name?.name, functions.declared[name]?.range.start == closure.declaration.range.start {
                return .function(name)
            }
            if let index = functions.lambdas.firstIndex(where: { $0.range.start == closure.declaration.range.start }) {
                return .lambda(index)
            }
            throw Refusal(reason: "a function not made by this cell's own 'fn' or lambda")
        case .host(let host):
            guard let storable = host as? any StorableHostValue else { throw Refusal(reason: "a \(host.typeName)") }
            guard let form = storable.storedForm(in: globals) else { throw Refusal(reason: storable.unstorableReason) }
            return .host(kind: form.kind, bytes: form.bytes, stage: form.stage)
        }
    }

    /// The value again; nil when the entry does not fit this session (then the cell runs).
    /// `template` is what the name holds now, `scope` the names as the cell left them so far.
    func restore(_ stored: StoredValue, functions: CellFunctions, template: Value? = nil, scope: Environment? = nil) -> Value? {
        func restore(_ stored: StoredValue, functions: CellFunctions) -> Value? {
            self.restore(stored, functions: functions, scope: scope)
        }
        switch stored {
        case .number(let bits): return .number(Double(bitPattern: bits))
        case .string(let text): return .string(text)
        case .bool(let flag): return .bool(flag)
        case .none: return Value.none
        case .range(let lower, let upper, let isClosed):
            guard lower <= upper else { return nil }
            return .range(RangeValue(lower: lower, upper: upper, isClosed: isClosed))
        case .record(let fields):
            var record = Record()
            for field in fields {
                guard let value = restore(field.value, functions: functions) else { return nil }
                record.fields.append((field.name, value))
            }
            return .record(record)
        case .list(let items):
            let values = items.compactMap { restore($0, functions: functions) }
            return values.count == items.count ? .list(values) : nil
        case .builtin(let name): return builtin(name).map { .builtin($0) }
        case .function(let name):
            return functions.declared[name].map { .function(Closure(declaration: $0, environment: globals)) }
        case .lambda(let index):
            guard functions.lambdas.indices.contains(index) else { return nil }
            return .function(Closure(declaration: functions.lambdas[index], environment: globals))
        case .host(let kind, let bytes, let stage):
            return restoring?.restoredValue(StoredHostForm(kind: kind, bytes: bytes, stage: stage), template: template, globals: scope ?? globals)
        }
    }
}
