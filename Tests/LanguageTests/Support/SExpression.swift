@testable import Language

/// A compact Lisp-like rendering of the AST, so parser tests can state trees in one line.
enum SExpression {
    static func of(_ expression: Expr) -> String {
        switch expression {
        case .number(let value, _): return Formatting.number(value)
        case .string(let value, _): return "\"\(value)\""
        case .formatString(let parts, _):
            return "(f" + parts.map { part in
                switch part {
                case .text(let text): return " \"\(text)\""
                case .value(let value, let spec): return " \(of(value))" + (spec == nil ? "" : ":spec")
                }
            }.joined() + ")"
        case .bool(let value, _): return value ? "true" : "false"
        case .none: return "none"
        case .name(let name, _): return name
        case .size(let width, let height, _): return "\(width)x\(height)"
        case .tensor(let rows, let separated, _):
            let body = rows.map { $0.map(of).joined(separator: " ") }.joined(separator: separated ? "; " : "")
            return "[\(body)]"
        case .record(let fields, _): return "{" + fields.map { "\($0.name.name): \(of($0.value))" }.joined(separator: ", ") + "}"
        case .range(let lower, let upper, let closed, _): return "(\(closed ? "..." : "..<") \(of(lower)) \(of(upper)))"
        case .unary(let op, let operand, _): return "(\(op.rawValue) \(of(operand)))"
        case .binary(let op, let lhs, let rhs, _): return "(\(op.rawValue) \(of(lhs)) \(of(rhs)))"
        case .logical(let op, let lhs, let rhs, _): return "(\(op.rawValue) \(of(lhs)) \(of(rhs)))"
        case .approximatelyEqual(let lhs, let rhs, let tolerance, _):
            return "(~= \(of(lhs)) \(of(rhs))\(tolerance.map { " within \(of($0))" } ?? ""))"
        case .call(let callee, let arguments, _):
            return "(call \(of(callee))" + arguments.map { " " + argument($0) }.joined() + ")"
        case .member(let base, let name, _): return "(. \(of(base)) \(name.name))"
        case .index(let base, let indices, _):
            return "(index \(of(base))" + indices.map { " " + index($0) }.joined() + ")"
        case .lambda(let function):
            return "(lambda (\(parameters(function))) \(body(function.body)))"
        case .if(let expression):
            var text = "(if"
            for branch in expression.branches { text += " \(of(branch.condition)) \(block(branch.body))" }
            if let elseBody = expression.elseBody { text += " else \(block(elseBody))" }
            return text + ")"
        case .train(let train):
            return "(train \(of(train.network)) \(of(train.data))" + train.options.map { " \($0.key.name):\(option($0.value))" }.joined() + ")"
        }
    }

    /// `x (= lr 0.1)`: the parameters, with their default values.
    static func parameters(_ function: FunctionDecl) -> String {
        function.parameters.enumerated().map { index, parameter in
            function.defaultValue(at: index).map { "(= \(parameter.name) \(of($0)))" } ?? parameter.name
        }.joined(separator: " ")
    }

    static func argument(_ argument: Argument) -> String {
        (argument.label.map { "\($0.name): " } ?? "") + of(argument.value)
    }

    static func index(_ index: IndexExpr) -> String {
        switch index {
        case .single(let value): return of(value)
        case .slice(let start, let stop, let step, _):
            return "\(start.map(of) ?? ""):\(stop.map(of) ?? "")" + (step.map { ":" + of($0) } ?? "")
        }
    }

    static func option(_ value: OptionValue) -> String {
        switch value {
        case .expression(let value): return of(value)
        case .list(let items): return "(" + items.map(of).joined(separator: " ") + ")"
        case .every(let items, let interval): return "(every (" + items.map(of).joined(separator: " ") + ") \(of(interval)))"
        case .when(let condition): return "(when \(of(condition)))"
        }
    }

    static func body(_ body: FunctionBody) -> String {
        switch body {
        case .expression(let value): return of(value)
        case .block(let block): return self.block(block)
        }
    }

    static func block(_ block: Block) -> String {
        "{" + block.statements.map(of).joined(separator: "; ") + "}"
    }

    static func command(_ command: Command) -> String {
        "(\(command.name.name)" + command.arguments.map { " " + argument($0) }.joined() + ")"
    }

    static func of(_ statement: Stmt) -> String {
        switch statement {
        case .expression(let value): return of(value)
        case .assignment(let target, let value, _): return "(= \(of(target)) \(of(value)))"
        case .function(let function):
            return "(fn \(function.name?.name ?? "") (\(parameters(function))) \(body(function.body)))"
        case .for(let variable, let sequence, let body, _): return "(for \(variable.name) \(of(sequence)) \(block(body)))"
        case .while(let condition, let body, _): return "(while \(of(condition)) \(block(body)))"
        case .break: return "break"
        case .continue: return "continue"
        case .return(let value, _): return "(return\(value.map { " " + of($0) } ?? ""))"
        case .expect(let condition, _): return "(expect \(of(condition)))"
        case .declaration(let declaration):
            switch declaration.kind {
            case .data(let names, let destructuring, let value):
                let list = names.map(\.name).joined(separator: " ")
                return "(data \(destructuring ? "(\(list))" : list) \(of(value)))"
            case .loss(let name, let value): return "(loss \(name.name) \(of(value)))"
            case .network(let name, let body): return "(network \(name.name)" + body.map { " " + command($0) }.joined() + ")"
            case .figure(let figure):
                var text = "(figure \(of(figure.name))"
                if !figure.options.isEmpty { text += " (" + figure.options.map(argument).joined(separator: " ") + ")" }
                for item in figure.items {
                    switch item {
                    case .command(let c): text += " " + command(c)
                    case .panel(let panel):
                        text += " (panel \(of(panel.title))" + panel.commands.map { " " + command($0) }.joined() + ")"
                    }
                }
                return text + ")"
            }
        }
    }

    /// Parses `source` and renders its statements separated by newlines; diagnostics are not allowed.
    static func parse(_ source: String) -> String {
        let result = Parser.parse(source)
        if !result.diagnostics.isEmpty {
            return "ERRORS: " + result.diagnostics.map(\.message).joined(separator: " | ")
        }
        return result.program.statements.map(of).joined(separator: "\n")
    }
}
