import Foundation

extension Evaluator {
    func evaluateCall(_ calleeExpr: Expr, _ argumentExprs: [Argument], at range: SourceRange,
                      in environment: Environment) throws -> Value {
        let callee = try evaluate(calleeExpr, in: environment)
        var arguments = Arguments()
        // One allocation: appending to an empty array reallocates at the second argument.
        arguments.positional.reserveCapacity(argumentExprs.count)
        for argument in argumentExprs {
            let value = try evaluate(argument.value, in: environment)
            if let label = argument.label {
                arguments.named.append((label.name, value))
            } else {
                arguments.positional.append(value)
            }
        }
        if case .name(let name, _) = calleeExpr, !callee.isCallable, callee.hostValue == nil {
            throw fail(.type, "'\(name)' is a \(callee.typeName), not a function", at: calleeExpr.range)
        }
        return try call(callee, arguments: arguments, at: range)
    }

    /// Calls a dln function, builtin or callable host value. Builtins and hosts use this
    /// to call back into dln code (e.g. `grad(f, at: p)`, `map(xs, f)`).
    public func call(_ callee: Value, arguments: Arguments, at range: SourceRange?) throws -> Value {
        try checkCancellation(at: range)
        callDepth += 1
        defer { callDepth -= 1 }
        if callDepth > limits.maximumCallDepth {
            throw fail(.limit, "recursion too deep (more than \(limits.maximumCallDepth) nested calls)", at: range,
                       hint: "check that the recursion has a base case")
        }
        switch callee {
        case .function(let closure):
            return try callClosure(closure, arguments, at: range)
        case .builtin(let builtin):
            var arguments = arguments
            arguments.callee = builtin.name
            arguments.parameterNames = builtin.parameters
            arguments = try hosted(range) { try builtin.matching(arguments) }
            let context = self.context(range, globals)
            return try hosted(range) { try builtin.body(arguments, context) }
        case .host(let object):
            let context = self.context(range, globals)
            return try hosted(range) { try object.call(arguments, context: context) }
        default:
            throw fail(.type, "\(callee.typeName) is not a function", at: range)
        }
    }

    private func callClosure(_ closure: Closure, _ arguments: Arguments, at range: SourceRange?) throws -> Value {
        let environment = try bindParameters(of: closure, to: arguments, at: range)
        switch closure.declaration.body {
        case .expression(let body):
            return try evaluate(body, in: environment)
        case .block(let block):
            do {
                return try executeBlock(block, in: environment)
            } catch ControlSignal.returnValue(let value) {
                return value
            }
        }
    }

    /// A new scope for a call of `closure`: arguments by position, then by name,
    /// then the defaults of the parameters left out, evaluated in that scope
    /// (in order, so a default can use the parameters before it).
    private func bindParameters(of closure: Closure, to arguments: Arguments, at range: SourceRange?) throws -> Environment {
        let parameters = closure.parameterNames
        let name = closure.name
        let declaration = closure.declaration
        let required = parameters.indices.filter { declaration.defaultValue(at: $0) == nil }.count
        let given = arguments.positional.count + arguments.named.count
        let counted = required == parameters.count ? "\(required)" : "\(required) to \(parameters.count)"
        let expected = "\(counted) argument\(parameters.count == 1 ? "" : "s")"
            + (parameters.isEmpty ? "" : " (\(Formatting.parameterList(declaration)))")
        if arguments.positional.count > parameters.count {
            throw fail(.type, "'\(name)' expects \(expected), got \(given)", at: range)
        }
        let environment = Environment(enclosing: closure.environment)
        for (parameter, value) in zip(parameters, arguments.positional) {
            environment.define(parameter, value)
        }
        for (label, value) in arguments.named {
            guard parameters.contains(label) else {
                throw fail(.type, "'\(name)' has no parameter named '\(label)'", at: range,
                           hint: Suggestions.didYouMean(label, among: parameters) ?? "parameters: \(parameters.joined(separator: ", "))")
            }
            if environment.isBoundLocally(label) {
                throw fail(.type, "argument '\(label)' of '\(name)' given twice", at: range)
            }
            environment.define(label, value)
        }
        let missing = parameters.indices.filter { !environment.isBoundLocally(parameters[$0]) && declaration.defaultValue(at: $0) == nil }
        if !missing.isEmpty {
            throw fail(.type, "'\(name)' expects \(expected), got \(given)", at: range,
                       hint: "missing: \(missing.map { parameters[$0] }.joined(separator: ", "))")
        }
        for (index, parameter) in parameters.enumerated() where !environment.isBoundLocally(parameter) {
            if let defaultValue = declaration.defaultValue(at: index) {
                environment.define(parameter, try evaluate(defaultValue, in: environment))
            }
        }
        return environment
    }
}

extension Evaluator {
    /// The text of an f-string: each value in its printed form (as `print`
    /// writes it), or by its format specification.
    func evaluateFormatString(_ parts: [FormatStringPart], in environment: Environment) throws -> String {
        var text = ""
        for part in parts {
            switch part {
            case .text(let piece):
                text += piece
            case .value(let expression, let spec):
                let value = try evaluate(expression, in: environment)
                guard let spec else { text += formatForPrint(value); continue }
                let context = self.context(expression.range, environment)
                text += try hosted(expression.range) { try context.formatted(value, by: spec) }
            }
        }
        return text
    }
}
