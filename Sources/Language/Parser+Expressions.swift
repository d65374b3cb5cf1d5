import Foundation

/// Binding strength of binary operators, loosest first (see docs/language-grammar.md).
enum Precedence {
    static let or = 1
    static let and = 2
    static let not = 3
    static let comparison = 4
    static let range = 5
    static let additive = 6
    static let multiplicative = 7
    static let unaryMinus = 8
    static let power = 9
}

extension Parser {
    /// expression := lambda | binary
    func parseExpression() throws -> Expr {
        try enter()
        defer { leave() }
        if isLambdaAhead() { return try parseLambda() }
        return try parseBinary(Precedence.or)
    }

    private func precedence(of kind: TokenKind) -> Int? {
        switch kind {
        case .keyword(.or): return Precedence.or
        case .keyword(.and): return Precedence.and
        case .equalEqual, .bangEqual, .less, .lessEqual, .greater, .greaterEqual, .tildeEqual: return Precedence.comparison
        case .dotDotLess, .dotDotDot, .dotDot: return Precedence.range
        case .plus, .minus: return Precedence.additive
        case .star, .slash, .percent, .at: return Precedence.multiplicative
        case .caret: return Precedence.power
        default: return nil
        }
    }

    private func binaryOperator(_ kind: TokenKind) -> BinaryOperator? {
        switch kind {
        case .plus: return .add
        case .minus: return .subtract
        case .star: return .multiply
        case .slash: return .divide
        case .percent: return .remainder
        case .caret: return .power
        case .at: return .matrixMultiply
        case .equalEqual: return .equal
        case .bangEqual: return .notEqual
        case .less: return .less
        case .lessEqual: return .lessOrEqual
        case .greater: return .greater
        case .greaterEqual: return .greaterOrEqual
        default: return nil
        }
    }

    /// Precedence climbing: parses operators binding at least as tightly as `minimum`.
    func parseBinary(_ minimum: Int) throws -> Expr {
        var lhs = try parsePrefix()
        var links = 0
        defer { leave(links) }
        while let precedence = precedence(of: current.kind), precedence >= minimum {
            let token = advance()
            try enter(1)
            links += 1
            if token.kind == .dotDot {
                throw failure("'..' is not an operator", at: token.range, hint: "use '..<' for a half-open range or '...' for a closed one")
            }
            skipNewlines()
            let rhs = try parseBinary(token.kind == .caret ? precedence : precedence + 1)
            let range = lhs.range.union(rhs.range)
            switch token.kind {
            case .keyword(.or): lhs = .logical(.or, lhs, rhs, range)
            case .keyword(.and): lhs = .logical(.and, lhs, rhs, range)
            case .dotDotLess, .dotDotDot: lhs = .range(lower: lhs, upper: rhs, isClosed: token.kind == .dotDotDot, range)
            case .tildeEqual:
                var tolerance: Expr?
                if current.isIdentifier("within") {
                    advance()
                    tolerance = try parseBinary(precedence + 1)
                }
                lhs = .approximatelyEqual(lhs, rhs, tolerance: tolerance, range.union(tolerance?.range ?? range))
            default:
                guard let op = binaryOperator(token.kind) else { throw failure("unexpected \(token.kind)", at: token) }
                lhs = .binary(op, lhs, rhs, range)
            }
        }
        return lhs
    }

    /// prefix := '-' prefix-operand | 'not' operand | postfix
    func parsePrefix() throws -> Expr {
        let token = current
        switch token.kind {
        case .minus, .keyword(.not):
            advance()
            try enter()
            defer { leave() }
            let isMinus = token.kind == .minus
            let operand = try parseBinary(isMinus ? Precedence.power : Precedence.not)
            let range = token.range.union(operand.range)
            if isMinus, case .number(let value, _) = operand { return .number(-value, range) }
            return .unary(isMinus ? .negate : .not, operand, range)
        case .plus:
            throw failure("unary '+' is not supported", at: token, hint: "remove the '+'")
        default:
            return try parsePostfix()
        }
    }

    /// postfix := primary ( call | index | '.' name | "'" )*
    func parsePostfix() throws -> Expr {
        var expression = try parsePrimary()
        var links = 0
        defer { leave(links) }
        while true {
            switch current.kind {
            case .leftParen:
                advance()
                let arguments = try parseArguments(closing: .rightParen, what: "')'")
                let close = try consume(.rightParen, "',' or ')' in the argument list")
                expression = .call(expression, arguments, expression.range.union(close.range))
            case .leftBracket:
                advance()
                let indices = try parseIndices()
                let close = try consume(.rightBracket, "',' or ']' in the subscript")
                expression = .index(expression, indices, expression.range.union(close.range))
            case .dot:
                advance()
                let name = try consumeIdentifier("a field name after '.'")
                expression = .member(expression, name, expression.range.union(name.range))
            case .apostrophe:
                let token = advance()
                expression = .unary(.transpose, expression, expression.range.union(token.range))
            default:
                return expression
            }
            try enter(1)
            links += 1
        }
    }

    /// Arguments up to (not including) `closing`: `x, seed: 3`.
    func parseArguments(closing: TokenKind, what: String) throws -> [Argument] {
        var arguments: [Argument] = []
        var labels: Set<String> = []
        while !check(closing) {
            let argument = try parseArgument()
            if let label = argument.label {
                if !labels.insert(label.name).inserted {
                    throw failure("argument '\(label.name)' given twice", at: label.range)
                }
            } else if !labels.isEmpty {
                throw failure("positional argument after a named one", at: argument.range,
                              hint: "put positional arguments first")
            }
            arguments.append(argument)
            if !match(.comma) { break }
        }
        return arguments
    }

    /// argument := name ':' expression | expression
    func parseArgument() throws -> Argument {
        if let name = current.identifier, peek(1).kind == .colon {
            let label = Identifier(name: name, range: advance().range)
            advance()
            skipNewlines()
            let value = try parseExpression()
            return Argument(label: label, value: value, range: label.range.union(value.range))
        }
        let value = try parseExpression()
        return Argument(label: nil, value: value, range: value.range)
    }

    private func parseIndices() throws -> [IndexExpr] {
        var indices: [IndexExpr] = []
        repeat {
            if check(.rightBracket) { break }
            let start = current.range
            let lower = check(.colon) ? nil : try parseExpression()
            guard match(.colon) else {
                if let lower { indices.append(.single(lower)) }
                continue
            }
            func atComponentEnd() -> Bool { check(.comma) || check(.rightBracket) || check(.colon) }
            let upper = atComponentEnd() ? nil : try parseExpression()
            var step: Expr?
            if match(.colon), !atComponentEnd() { step = try parseExpression() }
            let range = SourceRange(file: file, start: start.start, end: max(start.end, previousEnd))
            indices.append(.slice(start: lower, stop: upper, step: step, range: range))
        } while match(.comma)
        if indices.isEmpty { throw failure("expected an index inside '[]'") }
        return indices
    }

    // MARK: Lambdas

    /// `x ->`, `() ->`, `(a, b) ->`, scanning only a parameter list's worth of tokens.
    private func isLambdaAhead() -> Bool {
        if current.identifier != nil { return peek(1).kind == .arrow }
        guard check(.leftParen) else { return false }
        var offset = 1
        if peek(offset).kind == .rightParen { return peek(offset + 1).kind == .arrow }
        while peek(offset).identifier != nil {
            offset += 1
            // `(name =` starts nothing but a lambda with a default value.
            if peek(offset).kind == .equal { return true }
            if peek(offset).kind == .rightParen { return peek(offset + 1).kind == .arrow }
            guard peek(offset).kind == .comma else { return false }
            offset += 1
        }
        return false
    }

    private func parseLambda() throws -> Expr {
        let start = current.range
        var parameters: [Identifier] = []
        var defaults: [Expr?] = [nil]
        if match(.leftParen) {
            (parameters, defaults) = try parseParameters(closing: "')'")
        } else {
            parameters.append(try consumeIdentifier("a parameter name"))
        }
        try consume(.arrow, "'->'")
        skipNewlines()
        functionDepth += 1
        let savedLoops = loopDepth
        loopDepth = 0
        defer { functionDepth -= 1; loopDepth = savedLoops }
        let body = try parseExpression()
        return .lambda(FunctionDecl(name: nil, parameters: parameters, defaults: defaults, body: .expression(body),
                                    range: start.union(body.range)))
    }

    // MARK: Primaries

    func parsePrimary() throws -> Expr {
        let token = current
        switch token.kind {
        case .number(let value): advance(); return .number(value, token.range)
        case .string(let value): advance(); return .string(value, token.range)
        case .formatString(let pieces): advance(); return try parseFormatString(pieces, at: token.range)
        case .size(let width, let height): advance(); return .size(width: width, height: height, token.range)
        case .keyword(.true): advance(); return .bool(true, token.range)
        case .keyword(.false): advance(); return .bool(false, token.range)
        case .keyword(.none): advance(); return .none(token.range)
        case .keyword(.if): return .if(try parseIf())
        case .identifier(let name):
            if name == "train", peek(1).identifier != nil { return .train(try parseTrain()) }
            advance()
            return .name(name, token.range)
        case .leftParen: return try parseParenthesized()
        case .leftBracket: return try parseTensorLiteral()
        case .leftBrace: return try parseRecordLiteral()
        default:
            throw failure("expected an expression, found \(token.kind)")
        }
    }

    private func parseParenthesized() throws -> Expr {
        let open = advance()
        if check(.rightParen) { throw failure("empty parentheses are not an expression") }
        let inner = try parseExpression()
        guard check(.rightParen) else {
            throw failure("expected ')' to close the '(' at \(open.range.startLocation), found \(current.kind)")
        }
        advance()
        return inner
    }

    private func parseTensorLiteral() throws -> Expr {
        let open = advance()
        try enter()
        defer { leave() }
        var rows: [[Expr]] = [[]]
        var hasRowSeparators = false
        while !check(.rightBracket) {
            rows[rows.count - 1].append(try parseExpression())
            if match(.comma) { continue }
            if match(.semicolon) {
                hasRowSeparators = true
                rows.append([])
                continue
            }
            break
        }
        guard check(.rightBracket) else {
            throw failure("expected ',', ';' or ']' in the tensor literal opened at \(open.range.startLocation), found \(current.kind)")
        }
        let range = open.range.union(advance().range)
        if hasRowSeparators {
            if rows.last?.isEmpty == true { rows.removeLast() }
            let widths = rows.map(\.count)
            if let first = widths.first, let bad = widths.firstIndex(where: { $0 != first }) {
                throw failure("rows of a tensor literal must have the same length: row 1 has \(first) elements, row \(bad + 1) has \(widths[bad])", at: range)
            }
        }
        return .tensor(rows: rows, hasRowSeparators: hasRowSeparators, range)
    }

    private func parseRecordLiteral() throws -> Expr {
        let open = advance()
        try enter()
        defer { leave() }
        var fields: [RecordField] = []
        var names: Set<String> = []
        while true {
            while check(.newline) || check(.comma) { advance() }
            if check(.rightBrace) { break }
            let name = try consumeIdentifier("a field name in the record")
            if !names.insert(name.name).inserted { throw failure("field '\(name.name)' given twice", at: name.range) }
            try consume(.colon, "':' after the field name")
            skipNewlines()
            fields.append(RecordField(name: name, value: try parseExpression()))
            guard check(.comma) || check(.newline) || check(.rightBrace) else {
                throw failure("expected ',' or '}' in the record, found \(current.kind)")
            }
        }
        return .record(fields, open.range.union(advance().range))
    }

    private func parseIf() throws -> IfExpr {
        let keyword = advance()
        var branches: [(condition: Expr, body: Block)] = []
        var elseBody: Block?
        var condition = try parseExpression()
        var body = try parseBlock()
        branches.append((condition, body))
        var end = body.range
        while isElseAhead() {
            skipNewlines()
            advance()
            if match(.keyword(.if)) {
                condition = try parseExpression()
                body = try parseBlock()
                branches.append((condition, body))
                end = body.range
            } else {
                let block = try parseBlock()
                elseBody = block
                end = block.range
                break
            }
        }
        return IfExpr(branches: branches, elseBody: elseBody, range: keyword.range.union(end))
    }

    /// `else` on this line or a following one (after the closing brace of a branch).
    private func isElseAhead() -> Bool {
        var offset = 0
        while peek(offset).kind == .newline { offset += 1 }
        return peek(offset).kind == .keyword(.else)
    }
}
