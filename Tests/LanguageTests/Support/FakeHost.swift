import Foundation
@testable import Language

/// A tiny stand-in for the Library: its "tensor" is a flat list of doubles.
final class Vector: HostValue {
    var values: [Double]
    /// Whether the display adds a shape line (as the tensor library's does).
    let showsShapeLine: Bool
    init(_ values: [Double], showsShapeLine: Bool = false) {
        self.values = values
        self.showsShapeLine = showsShapeLine
    }
    var typeName: String { "tensor" }

    private func vector(_ value: Value, count: Int) -> [Double]? {
        switch value {
        case .number(let number): return Array(repeating: number, count: count)
        case .host(let vector as Vector): return vector.values
        default: return nil
        }
    }

    func applying(_ op: BinaryOperator, _ lhs: Value, _ rhs: Value, context: EvaluationContext) throws -> Value? {
        let count = max((lhs.hostValue as? Vector)?.values.count ?? 1, (rhs.hostValue as? Vector)?.values.count ?? 1)
        guard let a = vector(lhs, count: count), let b = vector(rhs, count: count) else { return nil }
        guard a.count == b.count else {
            throw DiagnosticError(.shape, "shapes [\(a.count)] and [\(b.count)] do not match")
        }
        let function: (Double, Double) -> Double
        switch op {
        case .add: function = (+)
        case .subtract: function = (-)
        case .multiply: function = (*)
        case .equal: return .bool(a == b)
        case .notEqual: return .bool(a != b)
        case .matrixMultiply: return .number(zip(a, b).map(*).reduce(0, +))
        default: return nil
        }
        return .host(Vector(zip(a, b).map(function)))
    }

    func applying(_ op: UnaryOperator, context: EvaluationContext) throws -> Value? {
        switch op {
        case .negate: return .host(Vector(values.map { -$0 }))
        case .transpose: return .host(self)
        case .not: return nil
        }
    }

    func difference(_ lhs: Value, _ rhs: Value, context: EvaluationContext) throws -> Double? {
        guard let a = (lhs.hostValue as? Vector)?.values ?? lhs.number.map({ [$0] }),
              let b = (rhs.hostValue as? Vector)?.values ?? rhs.number.map({ [$0] }), a.count == b.count else { return nil }
        return zip(a, b).map { Swift.abs($0 - $1) }.max() ?? 0
    }

    func element(at indices: [IndexComponent], context: EvaluationContext) throws -> Value {
        guard indices.count == 1, let index = indices.first else {
            throw DiagnosticError(.shape, "a tensor of rank 1 takes 1 index, got \(indices.count)")
        }
        switch index {
        case .integer(let i):
            let position = i < 0 ? i + values.count : i
            guard values.indices.contains(position) else { throw DiagnosticError(.shape, "index \(i) out of range") }
            return .number(values[position])
        case .full: return .host(Vector(values))
        case .slice(let start, let stop, let step):
            let lower = max(0, start ?? 0), upper = min(values.count, stop ?? values.count)
            guard lower < upper else { return .host(Vector([])) }
            return .host(Vector(stride(from: lower, to: upper, by: max(1, step ?? 1)).map { values[$0] }))
        case .value(let value): throw DiagnosticError(.type, "cannot index a tensor with \(value.typeName)")
        }
    }

    func updating(at indices: [IndexComponent], to newValue: Value, context: EvaluationContext) throws -> Value {
        guard case .integer(let i)? = indices.first, values.indices.contains(i),
              let number = newValue.number else { throw DiagnosticError(.type, "bad tensor assignment") }
        var copy = values
        copy[i] = number
        return .host(Vector(copy))  // value semantics: a new tensor
    }

    func member(_ name: String, context: EvaluationContext) throws -> Value {
        guard name == "count" else { throw DiagnosticError(.name, "tensor has no member '\(name)'") }
        return .number(Double(values.count))
    }

    func elements(context: EvaluationContext) throws -> [Value] { values.map(Value.number) }

    func isTrue(context: EvaluationContext) throws -> Bool {
        throw DiagnosticError(.type, "a tensor is not a bool", hint: "use all(…) or any(…)")
    }

    var displayText: String { showsShapeLine ? inlineText + "\n(\(values.count),)" : inlineText }

    var inlineText: String { "[" + values.map { Formatting.number($0) }.joined(separator: ", ") + "]" }
}

final class FakeHost: EvaluationHost {
    var declarations: [Declaration] = []
    var trains: [TrainExpr] = []
    /// Whether the tensors of literals display a shape line.
    var showsShapeLine = false

    func installBuiltins(into environment: Environment) {
        environment.define(Builtin("sum", parameters: ["x"], help: BuiltinHelp(.general, "sum(x)", summary: "the sum of the elements")) { arguments, _ in
            guard case .host(let vector as Vector) = arguments[0] ?? .none else { throw arguments.typeError(0, expected: "a tensor") }
            return .number(vector.values.reduce(0, +))
        })
        // Replaces the language's abs for tensors, falling back to it for numbers.
        let languageAbs = environment.lookup("abs")
        environment.define(Builtin("abs", parameters: ["x"], help: BuiltinHelp(.numbers, "abs(x)", summary: "absolute value, elementwise")) { arguments, context in
            if case .host(let vector as Vector) = arguments[0] ?? .none { return .host(Vector(vector.values.map { Swift.abs($0) })) }
            guard let languageAbs else { return .none }
            return try context.call(languageAbs, arguments)
        })
        // Calls a dln function at every element, like a host `map`.
        environment.define(Builtin("map", parameters: ["x", "f"], help: BuiltinHelp(.general, "map(x, f)", summary: "f at every element")) { arguments, context in
            guard case .host(let vector as Vector) = arguments[0] ?? .none else { throw arguments.typeError(0, expected: "a tensor") }
            let function = arguments[1] ?? .none
            let mapped = try vector.values.map { value -> Double in
                let result = try context.call(function, Arguments(positional: [.number(value)]))
                guard let number = result.number else { throw DiagnosticError(.type, "map's function must return a number") }
                return number
            }
            return .host(Vector(mapped))
        })
        environment.define(Builtin("linspace", parameters: ["start", "stop", "count"], named: ["seed"],
                                   help: BuiltinHelp(.general, "linspace(start, stop, count)", summary: "evenly spaced values")) { arguments, _ in
            let start = try arguments.number(0), stop = try arguments.number(1), count = try arguments.integer(2)
            guard count >= 2 else { return .host(Vector([start])) }
            return .host(Vector((0..<count).map { start + (stop - start) * Double($0) / Double(count - 1) }))
        })
    }

    func makeTensor(_ literal: TensorLiteral, context: EvaluationContext) throws -> Value {
        var values: [Double] = []
        for element in literal.elements {
            switch element {
            case .number(let number): values.append(number)
            case .host(let vector as Vector): values += vector.values
            default: throw DiagnosticError(.type, "tensor elements must be numbers, got \(element.typeName)")
            }
        }
        return .host(Vector(values, showsShapeLine: showsShapeLine))
    }

    func declare(_ declaration: Declaration, context: EvaluationContext) throws -> Value {
        declarations.append(declaration)
        switch declaration.kind {
        case .data(let names, let destructuring, let value):
            let data = try context.evaluate(value)
            if destructuring, case .host(let vector as Vector) = data {
                let half = vector.values.count / 2
                return .list([.host(Vector(Array(vector.values[..<half]))), .host(Vector(Array(vector.values[half...])))]
                    + Array(repeating: Value.none, count: max(0, names.count - 2)))
            }
            return data
        case .loss(let name, _): return .string("loss \(name.name)")
        case .network(let name, let body): return .string("network \(name.name) with \(body.count) layers")
        case .figure(let figure): return .string("figure \(try context.evaluate(figure.name).string ?? "?")")
        }
    }

    func train(_ expression: TrainExpr, context: EvaluationContext) throws -> Value {
        trains.append(expression)
        var record = Record()
        for option in expression.options {
            if case .expression(let value) = option.value, case .number = value {
                record[option.key.name] = try context.evaluate(value)
            }
        }
        return .record(record)
    }
}

/// Runs `source` as one program with a fake host; returns the sink, the last value and any error.
@discardableResult
func evaluate(_ source: String, host: FakeHost = FakeHost(), name: String = "test.dln")
    -> (sink: BufferSink, value: Value?, error: DiagnosticError?) {
    let sink = BufferSink()
    let evaluator = Evaluator(host: host, sink: sink)
    let parsed = Parser.parse(SourceFile(name: name, text: source))
    if !parsed.diagnostics.isEmpty { return (sink, nil, DiagnosticError(diagnostics: parsed.diagnostics)) }
    do {
        let value = try LargeStack.run { try evaluator.run(parsed.program) }
        return (sink, value, nil)
    } catch let error as DiagnosticError {
        return (sink, nil, error)
    } catch {
        return (sink, nil, DiagnosticError(.runtime, "\(error)"))
    }
}

/// The display text of the value of `source`'s last expression.
func display(_ source: String) -> String {
    let result = evaluate(source)
    if let error = result.error { return "ERROR: " + error.diagnostics.map(\.message).joined(separator: " | ") }
    return result.sink.displayed.last ?? "<nothing>"
}

/// The first error message of `source`, or nil.
func errorMessage(_ source: String) -> String? {
    evaluate(source).error?.first?.message
}
