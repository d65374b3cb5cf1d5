import Foundation

extension Parser {
    /// Parses a declaration if the contextual keyword `word` opens one here:
    /// `data NAME =`, `data (a, b) =`, `loss NAME =`, `network NAME {`, `figure "…"`.
    /// Otherwise returns nil and the word is an ordinary name.
    func parseDeclarationIfPresent(_ word: String) throws -> Declaration? {
        switch word {
        case "data" where peek(1).identifier != nil && peek(2).kind == .equal:
            let keyword = advance()
            let name = try consumeIdentifier("a data set name")
            return try finishValueDeclaration(keyword) { .data(names: [name], isDestructuring: false, value: $0) }
        case "data" where isDestructuringAhead():
            let keyword = advance()
            advance()
            var names: [Identifier] = []
            repeat { names.append(try consumeIdentifier("a name")) } while match(.comma)
            try consume(.rightParen, "')'")
            return try finishValueDeclaration(keyword) { .data(names: names, isDestructuring: true, value: $0) }
        case "loss" where peek(1).identifier != nil && peek(2).kind == .equal:
            let keyword = advance()
            let name = try consumeIdentifier("a loss name")
            return try finishValueDeclaration(keyword) { .loss(name: name, value: $0) }
        case "network" where peek(1).identifier != nil && peek(2).kind == .leftBrace:
            let keyword = advance()
            let name = try consumeIdentifier("a network name")
            var end = keyword.range
            let body = try parseLineBlock(end: &end) { try self.parseCommand() }
            return Declaration(kind: .network(name: name, body: body), range: keyword.range.union(end))
        case "figure" where isStringAhead(1):
            return try parseFigure()
        default:
            return nil
        }
    }

    private func isStringAhead(_ offset: Int) -> Bool {
        if case .string = peek(offset).kind { return true }
        return false
    }

    /// `data ( name, … ) =`
    private func isDestructuringAhead() -> Bool {
        guard peek(1).kind == .leftParen else { return false }
        var offset = 2
        while peek(offset).identifier != nil {
            offset += 1
            if peek(offset).kind == .rightParen { return peek(offset + 1).kind == .equal }
            guard peek(offset).kind == .comma else { return false }
            offset += 1
        }
        return false
    }

    private func finishValueDeclaration(_ keyword: Token, _ make: (Expr) -> Declaration.Kind) throws -> Declaration {
        try consume(.equal, "'='")
        skipNewlines()
        let value = try parseExpression()
        return Declaration(kind: make(value), range: keyword.range.union(value.range))
    }

    /// `{ line … }` where each line is parsed by `parseLine`; errors are recorded per
    /// line so one bad line does not hide the next.
    func parseLineBlock<Line>(end: inout SourceRange, _ parseLine: () throws -> Line) throws -> [Line] {
        try enter()
        defer { leave() }
        let open = try consume(.leftBrace, "'{'")
        var lines: [Line] = []
        while true {
            while check(.newline) || check(.semicolon) { advance() }
            if check(.rightBrace) || check(.end) { break }
            let start = position
            do {
                lines.append(try parseLine())
                if !(check(.newline) || check(.semicolon) || check(.rightBrace)) {
                    throw failure("expected end of line, found \(current.kind)")
                }
            } catch let failure as ParseFailure {
                record(failure.diagnostic)
                synchronize()
                if position == start { advance() }
            }
        }
        guard check(.rightBrace) else {
            throw failure("expected '}' to close the block opened at line \(open.range.startLocation.line), found \(current.kind)")
        }
        end = advance().range
        return lines
    }

    private var atLineEnd: Bool {
        check(.newline) || check(.semicolon) || check(.rightBrace) || check(.end)
    }

    /// command := name [argument (',' argument)*]
    func parseCommand() throws -> Command {
        let name = try consumeIdentifier("a command name")
        var arguments: [Argument] = []
        if !atLineEnd {
            repeat { arguments.append(try parseArgument()) } while match(.comma)
        }
        return Command(name: name, arguments: arguments, range: name.range.union(arguments.last?.range ?? name.range))
    }

    /// figure := 'figure' string ['(' arguments ')'] '{' (command | panel)* '}'
    private func parseFigure() throws -> Declaration {
        let keyword = advance()
        let name = try parsePrimary()
        let options = try parseOptionalOptions()
        var end = keyword.range
        let items: [FigureItem] = try parseLineBlock(end: &end) {
            if self.current.isIdentifier("panel"), case .string = self.peek(1).kind {
                return .panel(try self.parsePanel())
            }
            return .command(try self.parseCommand())
        }
        let range = keyword.range.union(end)
        return Declaration(kind: .figure(FigureDecl(name: name, options: options, items: items, range: range)), range: range)
    }

    private func parsePanel() throws -> PanelDecl {
        let keyword = advance()
        let title = try parsePrimary()
        let options = try parseOptionalOptions()
        var end = keyword.range
        let commands = try parseLineBlock(end: &end) { try self.parseCommand() }
        return PanelDecl(title: title, options: options, commands: commands, range: keyword.range.union(end))
    }

    private func parseOptionalOptions() throws -> [Argument] {
        guard match(.leftParen) else { return [] }
        let options = try parseArguments(closing: .rightParen, what: "')'")
        try consume(.rightParen, "',' or ')' after the options")
        return options
    }

    /// train := 'train' postfix 'on' postfix '{' (name ':' option-value)* '}'
    func parseTrain() throws -> TrainExpr {
        let keyword = advance()
        let network = try parsePostfix()
        guard current.isIdentifier("on") else {
            throw failure("expected 'on' after the network in 'train', found \(current.kind)",
                          hint: "write 'train NET on DATA { … }'")
        }
        advance()
        let data = try parsePostfix()
        var end = keyword.range
        let options: [TrainOption] = try parseLineBlock(end: &end) {
            let key = try self.consumeIdentifier("an option name")
            try self.consume(.colon, "':' after '\(key.name)'")
            let value = try self.parseOptionValue()
            return TrainOption(key: key, value: value, range: key.range.union(SourceRange(file: self.file, start: self.previousEnd, end: self.previousEnd)))
        }
        return TrainExpr(network: network, data: data, options: options, range: keyword.range.union(end))
    }

    /// option-value := 'when' expression | expression (',' expression)* ['every' expression]
    private func parseOptionValue() throws -> OptionValue {
        if current.isIdentifier("when"), !atLineEnd, peek(1).kind != .newline {
            advance()
            return .when(try parseExpression())
        }
        var items = [try parseExpression()]
        while match(.comma) { items.append(try parseExpression()) }
        if current.isIdentifier("every") {
            advance()
            return .every(items, interval: try parseExpression())
        }
        return items.count == 1 ? .expression(items[0]) : .list(items)
    }
}
