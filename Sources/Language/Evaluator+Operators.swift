import Foundation

extension Evaluator {
    /// Applies a binary operator. Language values are handled here; otherwise the host
    /// values among the operands are asked, left first (a builtin that stands for a host
    /// value, such as a built-in loss, takes part as that value), before a type error.
    public func applyBinary(_ op: BinaryOperator, _ lhs: Value, _ rhs: Value, at range: SourceRange?,
                            in environment: Environment) throws -> Value {
        let involvesHost = lhs.hostValue != nil || rhs.hostValue != nil
        if !involvesHost, let result = try languageBinary(op, lhs, rhs, at: range) { return result }
        let context = self.context(range, environment)
        let (left, right) = (lhs.asOperand, rhs.asOperand)
        for object in [left.hostValue, right.hostValue].compactMap({ $0 }) {
            if let result = try hosted(range, { try object.applying(op, left, right, context: context) }) { return result }
        }
        if op == .equal || op == .notEqual, !involvesHost {
            let same = Evaluator.isEqual(lhs, rhs)
            return .bool(op == .equal ? same : !same)
        }
        throw fail(.type, "cannot apply '\(op.rawValue)' to \(lhs.typeName) and \(rhs.typeName)", at: range,
                   hint: op == .add && (lhs.string != nil || rhs.string != nil) ? "convert with str(…) first" : nil)
    }

    private func languageBinary(_ op: BinaryOperator, _ lhs: Value, _ rhs: Value, at range: SourceRange?) throws -> Value? {
        switch (lhs, rhs) {
        case (.number(let a), .number(let b)):
            switch op {
            case .add: return .number(a + b)
            case .subtract: return .number(a - b)
            case .multiply: return .number(a * b)
            case .divide: return .number(a / b)
            case .remainder: return .number(a - (a / b).rounded(.down) * b)  // floored, as on tensors
            case .power: return .number(Foundation.pow(a, b))
            case .matrixMultiply: return nil
            case .equal: return .bool(a == b)
            case .notEqual: return .bool(a != b)
            case .less: return .bool(a < b)
            case .lessOrEqual: return .bool(a <= b)
            case .greater: return .bool(a > b)
            case .greaterOrEqual: return .bool(a >= b)
            }
        case (.string(let a), .string(let b)):
            switch op {
            case .add:
                try requireRoom(a.utf8.count &+ b.utf8.count, for: "joining strings", at: range)
                return .string(a + b)
            case .less: return .bool(a < b)
            case .lessOrEqual: return .bool(a <= b)
            case .greater: return .bool(a > b)
            case .greaterOrEqual: return .bool(a >= b)
            default: break
            }
        case (.list(let a), .list(let b)) where op == .add:
            try requireRoom((a.count &+ b.count) &* MemoryLayout<Value>.stride, for: "joining lists", at: range)
            return .list(a + b)
        default:
            break
        }
        if op == .equal || op == .notEqual, !(lhs.isCallable || rhs.isCallable) {
            let same = Evaluator.isEqual(lhs, rhs)
            return .bool(op == .equal ? same : !same)
        }
        return nil
    }

    /// Structural equality of language values (host values compare by the host only).
    static func isEqual(_ lhs: Value, _ rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.bool(let a), .bool(let b)): return a == b
        case (.none, .none): return true
        case (.range(let a), .range(let b)): return a.lower == b.lower && a.upper == b.upper
        case (.list(let a), .list(let b)): return a.count == b.count && zip(a, b).allSatisfy(isEqual)
        case (.record(let a), .record(let b)):
            return a.fields.count == b.fields.count
                && zip(a.fields, b.fields).allSatisfy { $0.name == $1.name && isEqual($0.value, $1.value) }
        case (.function(let a), .function(let b)): return a === b
        case (.builtin(let a), .builtin(let b)): return a.name == b.name
        default: return false
        }
    }

    /// Applies `-x`, `not x` or `x'`.
    public func applyUnary(_ op: UnaryOperator, _ operand: Value, at range: SourceRange?,
                           in environment: Environment) throws -> Value {
        switch (op, operand) {
        case (.negate, .number(let value)): return .number(-value)
        case (.transpose, .number): return operand
        case (.not, .bool(let value)): return .bool(!value)
        default: break
        }
        if let object = operand.hostValue {
            let context = self.context(range, environment)
            if let result = try hosted(range, { try object.applying(op, context: context) }) { return result }
        }
        if op == .not, operand.hostValue != nil {
            return .bool(try !truth(operand, at: range, in: environment))
        }
        let name = op == .not ? "not" : "unary '\(op.rawValue)'"
        throw fail(.type, "cannot apply \(name) to \(operand.typeName)", at: range)
    }
}
