import Foundation

extension Evaluator {
    func evaluateIndices(_ indices: [IndexExpr], in environment: Environment) throws -> [IndexComponent] {
        try indices.map { index in
            switch index {
            case .single(let expression):
                let value = try evaluate(expression, in: environment)
                if let integer = value.integer { return .integer(integer) }
                if case .range(let range) = value { return .slice(start: range.lower, stop: range.upper, step: nil) }
                if case .number(let number) = value {
                    throw fail(.type, "an index must be an integer, got \(Formatting.number(number))", at: expression.range)
                }
                return .value(value)
            case .slice(let start, let stop, let step, _):
                if start == nil, stop == nil, step == nil { return .full }
                func bound(_ expression: Expr?) throws -> Int? {
                    guard let expression else { return nil }
                    let value = try evaluate(expression, in: environment)
                    guard let integer = value.integer else {
                        throw fail(.type, "slice bounds must be integers, got \(value.typeName == "number" ? format(value) : value.typeName)", at: expression.range)
                    }
                    return integer
                }
                return .slice(start: try bound(start), stop: try bound(stop), step: try bound(step))
            }
        }
    }

    /// `base[indices]` for language values; host values index themselves.
    func subscriptValue(_ base: Value, _ indices: [IndexComponent], at range: SourceRange,
                        in environment: Environment) throws -> Value {
        if case .host(let object) = base {
            let context = self.context(range, environment)
            return try hosted(range) { try object.element(at: indices, context: context) }
        }
        guard indices.count == 1, let index = indices.first else {
            throw fail(.type, "\(base.typeName) takes one index, got \(indices.count)", at: range)
        }
        switch base {
        case .list(let items):
            return try select(items, index, of: "list", at: range, rebuild: { .list($0) })
        case .string(let text):
            return try select(text.map { Value.string(String($0)) }, index, of: "string", at: range,
                              rebuild: { .string($0.compactMap(\.string).joined()) })
        case .range(let values):
            return try select(values.map { Value.number(Double($0)) }, index, of: "range", at: range, rebuild: { .list($0) })
        case .record(let record):
            guard case .value(.string(let key)) = index else {
                throw fail(.type, "a record is indexed by a field name string", at: range)
            }
            guard let value = record[key] else { throw missingField(key, in: record, at: range) }
            return value
        default:
            throw fail(.type, "\(base.typeName) cannot be indexed", at: range)
        }
    }

    private func select(_ items: [Value], _ index: IndexComponent, of kind: String, at range: SourceRange,
                        rebuild: ([Value]) -> Value) throws -> Value {
        switch index {
        case .integer(let position):
            return items[try normalized(position, count: items.count, of: kind, at: range)]
        case .full:
            return rebuild(items)
        case .slice(let start, let stop, let step):
            return rebuild(try sliceIndices(count: items.count, start: start, stop: stop, step: step, at: range).map { items[$0] })
        case .value(let value):
            throw fail(.type, "a \(kind) index must be an integer or a slice, got \(value.typeName)", at: range)
        }
    }

    private func normalized(_ index: Int, count: Int, of kind: String, at range: SourceRange) throws -> Int {
        let position = index < 0 ? index + count : index
        guard position >= 0, position < count else {
            throw fail(.runtime, "index \(index) is out of range for a \(kind) of \(count) element\(count == 1 ? "" : "s")", at: range)
        }
        return position
    }

    /// Python slice semantics: bounds clamp, negative bounds count from the end.
    func sliceIndices(count: Int, start: Int?, stop: Int?, step: Int?, at range: SourceRange) throws -> [Int] {
        let step = step ?? 1
        guard step != 0 else { throw fail(.runtime, "slice step cannot be zero", at: range) }
        func clamp(_ value: Int?, _ defaultValue: Int, low: Int, high: Int) -> Int {
            guard var value else { return defaultValue }
            if value < 0 { value += count }
            return min(max(value, low), high)
        }
        var result: [Int] = []
        if step > 0 {
            var index = clamp(start, 0, low: 0, high: count)
            let end = clamp(stop, count, low: 0, high: count)
            while index < end { result.append(index); index += step }
        } else {
            var index = clamp(start, count - 1, low: -1, high: count - 1)
            let end = clamp(stop, -1, low: -1, high: count - 1)
            while index > end { result.append(index); index += step }
        }
        return result
    }

    func missingField(_ name: String, in record: Record, at range: SourceRange?) -> DiagnosticError {
        fail(.name, "record has no field '\(name)'", at: range,
             hint: Suggestions.didYouMean(name, among: record.names)
                ?? (record.names.isEmpty ? nil : "fields: \(record.names.joined(separator: ", "))"))
    }

    /// `base.name`.
    func member(_ name: String, of base: Value, at range: SourceRange, in environment: Environment) throws -> Value {
        switch base {
        case .record(let record):
            guard let value = record[name] else { throw missingField(name, in: record, at: range) }
            return value
        case .host(let object):
            let context = self.context(range, environment)
            return try hosted(range) { try object.member(name, context: context) }
        case .range(let values) where name == "lower" || name == "upper" || name == "count":
            return .number(Double(name == "lower" ? values.lower : name == "upper" ? values.upper : values.count))
        default:
            throw fail(.type, "\(base.typeName) has no member '\(name)'", at: range)
        }
    }

    func updating(_ base: Value, member name: String, to value: Value, at range: SourceRange,
                  in environment: Environment) throws -> Value {
        switch base {
        case .record(var record):
            record[name] = value
            return .record(record)
        case .host(let object):
            let context = self.context(range, environment)
            return try hosted(range) { try object.updating(member: name, to: value, context: context) }
        default:
            throw fail(.type, "cannot set member '\(name)' of \(base.typeName)", at: range)
        }
    }

    func updating(_ base: Value, indices: [IndexComponent], to value: Value, at range: SourceRange,
                  in environment: Environment) throws -> Value {
        switch (base, indices.first) {
        case (.host(let object), _):
            let context = self.context(range, environment)
            return try hosted(range) { try object.updating(at: indices, to: value, context: context) }
        case (.list(var items), .integer(let index)?) where indices.count == 1:
            items[try normalized(index, count: items.count, of: "list", at: range)] = value
            return .list(items)
        case (.record(var record), .value(.string(let key))?) where indices.count == 1:
            record[key] = value
            return .record(record)
        default:
            throw fail(.type, "cannot assign to an element of \(base.typeName) with this index", at: range)
        }
    }
}
