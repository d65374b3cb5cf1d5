import Foundation

extension Evaluator {
    /// Executes a statement; returns the value of an expression statement, else `none`.
    func execute(_ statement: Stmt, in environment: Environment) throws -> Value {
        switch statement {
        case .expression(let expression):
            return try evaluate(expression, in: environment)
        case .assignment(let target, let value, _):
            try assign(try evaluate(value, in: environment), to: target, in: environment)
        case .function(let declaration):
            if let name = declaration.name?.name {
                environment.define(name, .function(Closure(declaration: declaration, environment: environment)))
            }
        case .for(let variable, let sequence, let body, let range):
            try executeFor(variable, sequence, body, at: range, in: environment)
        case .while(let condition, let body, let range):
            try executeWhile(condition, body, at: range, in: environment)
        case .break:
            throw ControlSignal.breakLoop
        case .continue:
            throw ControlSignal.continueLoop
        case .return(let value, _):
            throw ControlSignal.returnValue(try value.map { try evaluate($0, in: environment) } ?? .none)
        case .expect(let condition, let range):
            try executeExpect(condition, at: range, in: environment)
        case .declaration(let declaration):
            try executeDeclaration(declaration, in: environment)
        }
        return .none
    }

    /// Executes a block in `environment` (blocks do not open scopes); its value is that
    /// of its last statement when that is a bare expression, else `none`.
    func executeBlock(_ block: Block, in environment: Environment) throws -> Value {
        var last: Value = .none
        for statement in block.statements {
            let value = try execute(statement, in: environment)
            if case .expression = statement { last = value } else { last = .none }
        }
        return last
    }

    /// Runs a loop body, returning false when the loop should stop (`break`).
    private func runLoopBody(_ body: Block, in environment: Environment) throws -> Bool {
        do {
            _ = try executeBlock(body, in: environment)
        } catch ControlSignal.breakLoop {
            return false
        } catch ControlSignal.continueLoop {
            return true
        }
        return true
    }

    private func executeFor(_ variable: Identifier, _ sequenceExpr: Expr, _ body: Block, at range: SourceRange,
                            in environment: Environment) throws {
        let sequence = try evaluate(sequenceExpr, in: environment)
        func step(_ element: Value) throws -> Bool {
            try checkCancellation(at: range)
            environment.define(variable.name, element)
            return try runLoopBody(body, in: environment)
        }
        switch sequence {
        case .range(let values):
            for index in values { if try !step(.number(Double(index))) { break } }
        case .list(let items):
            for item in items { if try !step(item) { break } }
        case .string(let text):
            for character in text { if try !step(.string(String(character))) { break } }
        case .record(let record):
            for field in record.fields { if try !step(.string(field.name)) { break } }
        case .host(let object):
            let context = self.context(sequenceExpr.range, environment)
            let items = try hosted(sequenceExpr.range) { try object.elements(context: context) }
            for item in items { if try !step(item) { break } }
        default:
            throw fail(.type, "cannot iterate over \(sequence.typeName)", at: sequenceExpr.range,
                       hint: sequence.number != nil ? "use a range such as 0..<n" : nil)
        }
    }

    private func executeWhile(_ condition: Expr, _ body: Block, at range: SourceRange, in environment: Environment) throws {
        while try truth(try evaluate(condition, in: environment), at: condition.range, in: environment) {
            try checkCancellation(at: range)
            if try !runLoopBody(body, in: environment) { break }
        }
    }

    private func executeDeclaration(_ declaration: Declaration, in environment: Environment) throws {
        let context = self.context(declaration.range, environment)
        let value = try hosted(declaration.range) { try host.declare(declaration, context: context) }
        switch declaration.kind {
        case .data(let names, let isDestructuring, _) where isDestructuring:
            let parts: [Value]
            switch value {
            case .list(let items): parts = items
            case .host(let object):
                parts = try hosted(declaration.range) { try object.elements(context: context) }
            default:
                throw fail(.type, "cannot destructure \(value.typeName) into \(names.count) names", at: declaration.range)
            }
            guard parts.count == names.count else {
                throw fail(.runtime, "expected \(names.count) values to destructure, got \(parts.count)", at: declaration.range)
            }
            for (name, part) in zip(names, parts) { environment.define(name.name, part) }
        case .data(let names, _, _):
            for name in names { environment.define(name.name, value) }
        case .loss(let name, _), .network(let name, _):
            environment.define(name.name, value)
        case .figure:
            if !value.isNone { display(value) }
        }
    }

    // MARK: Assignment

    /// Stores `value` into `target`, writing updated containers back up the chain so
    /// `net.layers[0].weight = w` works for value types as well as reference types.
    func assign(_ value: Value, to target: Expr, in environment: Environment) throws {
        switch target {
        case .name(let name, _):
            environment.define(name, value)
        case .member(let baseExpr, let name, let range):
            let base = try evaluate(baseExpr, in: environment)
            let updated = try updating(base, member: name.name, to: value, at: range, in: environment)
            try assign(updated, to: baseExpr, in: environment)
        case .index(let baseExpr, let indexExprs, let range):
            let base = try evaluate(baseExpr, in: environment)
            let indices = try evaluateIndices(indexExprs, in: environment)
            let updated = try updating(base, indices: indices, to: value, at: range, in: environment)
            try assign(updated, to: baseExpr, in: environment)
        default:
            throw fail(.syntax, "cannot assign to this expression", at: target.range)
        }
    }

    // MARK: Expectations

    private func executeExpect(_ condition: Expr, at range: SourceRange, in environment: Environment) throws {
        let text = condition.range.text
        switch condition {
        case .binary(let op, let lhs, let rhs, let opRange) where op.isComparison:
            let left = try evaluate(lhs, in: environment)
            let right = try evaluate(rhs, in: environment)
            let result = try applyBinary(op, left, right, at: opRange, in: environment)
            if try !truth(result, at: range, in: environment) {
                sink.report(Diagnostic(.expectation, text, at: range,
                                       notes: ["left:  \(formatInline(left))", "right: \(formatInline(right))"]))
            }
        case .approximatelyEqual(let lhs, let rhs, let tolerance, let opRange):
            let check = try approximateCheck(lhs, rhs, tolerance, at: opRange, in: environment)
            if !check.passed {
                sink.report(Diagnostic(.expectation, text, at: range, notes: [
                    "left:  \(formatInline(check.left))",
                    "right: \(formatInline(check.right))",
                    "difference \(Formatting.number(check.difference)) exceeds tolerance \(Formatting.number(check.tolerance))",
                ]))
            }
        default:
            let value = try evaluate(condition, in: environment)
            if try !truth(value, at: condition.range, in: environment) {
                sink.report(Diagnostic(.expectation, text, at: range, notes: ["value: \(formatInline(value))"]))
            }
        }
    }

    /// The default tolerance of `a ~= b` without `within`.
    static let defaultTolerance = 1e-6

    func approximateCheck(_ lhs: Expr, _ rhs: Expr, _ toleranceExpr: Expr?, at range: SourceRange,
                          in environment: Environment)
        throws -> (passed: Bool, left: Value, right: Value, difference: Double, tolerance: Double) {
        let left = try evaluate(lhs, in: environment)
        let right = try evaluate(rhs, in: environment)
        var tolerance = Evaluator.defaultTolerance
        if let toleranceExpr {
            let value = try evaluate(toleranceExpr, in: environment)
            guard let number = value.number, number >= 0 else {
                throw fail(.type, "a tolerance must be a non-negative number, got \(value.typeName == "number" ? format(value) : value.typeName)", at: toleranceExpr.range)
            }
            tolerance = number
        }
        let difference: Double
        if let a = left.number, let b = right.number {
            difference = abs(a - b)
        } else {
            let context = self.context(range, environment)
            guard let distance = try hosted(range, { try hostDifference(left, right, context: context) }) else {
                throw fail(.type, "'~=' cannot compare \(left.typeName) and \(right.typeName)", at: range)
            }
            difference = distance
        }
        return (difference <= tolerance, left, right, difference, tolerance)
    }

    /// The distance for `a ~= b` from a host value among the operands. When neither is
    /// one, a list or range of numbers is made a tensor first (through the host's tensor
    /// literals), so `shape(x) ~= list(2, 3)` compares as tensors do.
    private func hostDifference(_ left: Value, _ right: Value, context: EvaluationContext) throws -> Double? {
        var (lhs, rhs) = (left, right)
        if lhs.hostValue == nil, rhs.hostValue == nil {
            lhs = try tensorLiteral(of: lhs, context: context) ?? lhs
            rhs = try tensorLiteral(of: rhs, context: context) ?? rhs
        }
        for object in [lhs.hostValue, rhs.hostValue].compactMap({ $0 }) {
            if let distance = try object.difference(lhs, rhs, context: context) { return distance }
        }
        return nil
    }

    /// A list or range of numbers as the host's tensor `[a, b, …]`; nil for anything else.
    private func tensorLiteral(of value: Value, context: EvaluationContext) throws -> Value? {
        let elements: [Value]
        switch value {
        case .list(let items) where items.allSatisfy({ $0.number != nil }): elements = items
        case .range(let range): elements = range.map { .number(Double($0)) }
        default: return nil
        }
        return try host.makeTensor(TensorLiteral(rows: [elements], hasRowSeparators: false), context: context)
    }
}
