import Foundation

/// The result of parsing a cell or a REPL entry: the statements that parsed, every
/// diagnostic found (lexical and syntax), and whether the input merely ended too early.
public struct ParseResult: Sendable {
    public var program: Program
    public var diagnostics: [Diagnostic]

    /// True when every problem is "input ended too early" (an open bracket or block, a
    /// trailing operator): a REPL should show a continuation prompt rather than an error.
    public var isIncomplete: Bool {
        !diagnostics.isEmpty && diagnostics.allSatisfy(\.isIncompleteInput)
    }

    /// True when there are no diagnostics.
    public var succeeded: Bool { diagnostics.isEmpty }
}

/// Thrown inside the parser to abandon a statement; the statement loop records it and
/// synchronises at the next newline or closing brace.
struct ParseFailure: Error {
    var diagnostic: Diagnostic
}

/// A recursive-descent parser with precedence climbing for binary operators.
///
/// It keeps going after errors (wren-style) so one pass reports every syntax error of a
/// cell, and it limits nesting (brackets, blocks, prefix operators) to ``maximumDepth``
/// levels so hostile input gets a diagnostic instead of a stack overflow.
public final class Parser {
    /// The default nesting limit.
    public static let defaultMaximumDepth = 256

    let file: SourceFile
    var tokens: [Token]
    var position = 0
    var diagnostics: [Diagnostic]
    /// Nesting budget in sixteenths of a level: a bracket, block or prefix operator costs
    /// 16, one link of an operator or postfix chain costs 1.
    var depth = 0
    let maximumDepth: Int
    var loopDepth = 0
    var functionDepth = 0
    /// Diagnostics found but not kept (lexical and syntax), for "N more not shown".
    var droppedDiagnostics: Int
    /// Syntax diagnostics kept so far (at most ``maximumDiagnostics``).
    private var syntaxDiagnosticCount = 0
    private let cancellation: CancellationFlag?
    /// Set when cancellation stopped the lexer or the parser.
    private(set) var interrupted: Bool
    private var advancesSinceCheck = 0
    /// Tokens consumed between two cancellation checks (a few milliseconds of work).
    private static let tokensPerCancellationCheck = 1 << 14

    /// Prepares to parse `range` of `file` (the whole file by default); `cancellation`
    /// stops lexing and parsing of a huge input with an `interrupted` diagnostic.
    public init(file: SourceFile, range: Range<Int>? = nil, maximumDepth: Int = Parser.defaultMaximumDepth,
                cancellation: CancellationFlag? = nil) {
        self.file = file
        var lexer = Lexer(file: file, range: range, cancellation: cancellation)
        let lexed = lexer.run()
        tokens = lexed.tokens
        diagnostics = lexed.diagnostics
        droppedDiagnostics = lexed.droppedDiagnostics
        interrupted = lexed.interrupted
        self.cancellation = cancellation
        self.maximumDepth = maximumDepth
    }

    /// Keeps a syntax diagnostic, or counts it once ``maximumDiagnostics`` are kept: a
    /// hostile file can hold millions of errors.
    func record(_ diagnostic: Diagnostic) {
        guard syntaxDiagnosticCount < Parser.maximumDiagnostics else {
            droppedDiagnostics += 1
            return
        }
        syntaxDiagnosticCount += 1
        diagnostics.append(diagnostic)
    }

    /// Parses a whole file or a range of it (one notebook cell).
    ///
    /// Parsing runs on its own thread with a roomy stack (see ``LargeStack``), so deeply
    /// nested input fails with a diagnostic on any calling thread.
    public static func parse(_ file: SourceFile, range: Range<Int>? = nil,
                             maximumDepth: Int = Parser.defaultMaximumDepth, cancellation: CancellationFlag? = nil) -> ParseResult {
        LargeStack.run(stackSize: parserStackSize) {
            Parser(file: file, range: range, maximumDepth: maximumDepth, cancellation: cancellation).parseProgram()
        }
    }

    /// Stack for the parsing thread: ample for ``defaultMaximumDepth`` in debug builds.
    static let parserStackSize = 64 << 20

    /// Parses text as a program (convenience for tests and the REPL).
    public static func parse(_ text: String, name: String = "<input>") -> ParseResult {
        parse(SourceFile(name: name, text: text))
    }

    /// Parses one expression that must fill the whole input (used for `--set` values).
    public static func parseExpression(_ file: SourceFile) -> (expression: Expr?, diagnostics: [Diagnostic]) {
        LargeStack.run(stackSize: parserStackSize) { Parser(file: file).parseSingleExpression() }
    }

    func parseSingleExpression() -> (expression: Expr?, diagnostics: [Diagnostic]) {
        let parser = self
        do {
            parser.skipNewlines()
            let expression = try parser.parseExpression()
            parser.skipNewlines()
            if parser.current.kind != .end {
                throw parser.failure("unexpected \(parser.current.kind) after the value")
            }
            return (parser.diagnostics.isEmpty ? expression : nil, parser.diagnostics)
        } catch let failure as ParseFailure {
            return (nil, parser.diagnostics + [failure.diagnostic])
        } catch {
            return (nil, parser.diagnostics)
        }
    }

    /// Parses statements to the end of the input.
    public func parseProgram() -> ParseResult {
        let statements = interrupted ? [] : parseStatements(insideBlock: false)
        if interrupted {
            let diagnostic = Diagnostic(.interrupted, "interrupted", at: SourceRange(file: file, start: current.range.start,
                                                                                      end: current.range.start))
            return ParseResult(program: Program(statements: [], source: file), diagnostics: [diagnostic])
        }
        // Lexical diagnostics were found first; report everything in source order.
        let ordered = diagnostics.enumerated().sorted {
            ($0.element.range?.start ?? 0, $0.offset) < ($1.element.range?.start ?? 0, $1.offset)
        }.map(\.element)
        return ParseResult(program: Program(statements: statements, source: file), diagnostics: Parser.capped(ordered, dropped: droppedDiagnostics))
    }

    /// The most diagnostics one parse reports: past it, a hostile file (10,000 stray
    /// characters, a 10,000-deep nesting) would print hundreds of megabytes of errors.
    public static let maximumDiagnostics = 20

    /// The first ``maximumDiagnostics`` diagnostics and, if there were more, a note of how many were left out.
    /// `dropped` counts diagnostics already left out (never "input ended too early" ones that matter:
    /// those come last, and one is enough).
    static func capped(_ diagnostics: [Diagnostic], dropped: Int = 0) -> [Diagnostic] {
        guard diagnostics.count + dropped > maximumDiagnostics else { return diagnostics }
        var kept = Array(diagnostics.prefix(maximumDiagnostics))
        guard let last = kept.last else { return diagnostics }
        kept.append(Diagnostic(last.kind, "too many errors: \(diagnostics.count + dropped - maximumDiagnostics) more not shown",
                               at: last.range, hint: "fix the first errors and run again",
                               isIncompleteInput: dropped == 0 && diagnostics.allSatisfy(\.isIncompleteInput)))
        return kept
    }

    // MARK: Token access

    var current: Token { tokens[min(position, tokens.count - 1)] }

    func peek(_ offset: Int) -> Token { tokens[max(0, min(position + offset, tokens.count - 1))] }

    @discardableResult
    func advance() -> Token {
        let token = current
        if position < tokens.count - 1 { position += 1 }
        advancesSinceCheck += 1
        if advancesSinceCheck >= Self.tokensPerCancellationCheck {
            advancesSinceCheck = 0
            stopIfCancelled()
        }
        return token
    }

    /// On cancellation, jumps to the end of the input so every parsing loop ends at once;
    /// ``parseProgram()`` then reports `interrupted` instead of what the jump broke.
    private func stopIfCancelled() {
        guard cancellation?.isCancelled == true else { return }
        interrupted = true
        position = tokens.count - 1
    }

    func check(_ kind: TokenKind) -> Bool { current.kind == kind }

    func match(_ kind: TokenKind) -> Bool {
        guard check(kind) else { return false }
        advance()
        return true
    }

    /// The end of the previous token, where "expected …" errors at end of input point.
    /// Newlines are skipped, so the caret lands after the last code, not on the line past it.
    var previousEnd: Int {
        var index = position - 1
        while index >= 0, tokens[index].kind == .newline { index -= 1 }
        return index >= 0 ? tokens[index].range.end : current.range.start
    }

    func skipNewlines() { while check(.newline) { advance() } }

    func failure(_ message: String, at token: Token? = nil, hint: String? = nil) -> ParseFailure {
        let token = token ?? current
        let atEnd = token.kind == .end
        let range = atEnd ? SourceRange(file: file, start: previousEnd, end: previousEnd) : token.range
        let text = atEnd ? message.replacingOccurrences(of: "found end of input", with: "input ended too early") : message
        return ParseFailure(diagnostic: Diagnostic(.syntax, text, at: range, hint: hint, isIncompleteInput: atEnd))
    }

    func failure(_ message: String, at range: SourceRange, hint: String? = nil) -> ParseFailure {
        ParseFailure(diagnostic: Diagnostic(.syntax, message, at: range, hint: hint))
    }

    @discardableResult
    func consume(_ kind: TokenKind, _ what: String) throws -> Token {
        guard check(kind) else { throw failure("expected \(what), found \(current.kind)") }
        return advance()
    }

    func consumeIdentifier(_ what: String) throws -> Identifier {
        guard let name = current.identifier else { throw failure("expected \(what), found \(current.kind)") }
        return Identifier(name: name, range: advance().range)
    }

    /// Counts one level of nesting, failing past the limit.
    func enter(_ cost: Int = 16) throws {
        depth += cost
        if depth > maximumDepth * 16 {
            throw failure("expression nested too deeply (more than \(maximumDepth) levels)",
                          hint: "split it into smaller expressions with intermediate names")
        }
    }

    func leave(_ cost: Int = 16) { depth -= cost }

    // MARK: Statements and recovery

    /// Parses statements until end of input (or a `}` when inside a block), recording
    /// errors and synchronising after each.
    func parseStatements(insideBlock: Bool) -> [Stmt] {
        var statements: [Stmt] = []
        while true {
            while check(.newline) || check(.semicolon) { advance() }
            if check(.end) || (insideBlock && check(.rightBrace)) { break }
            let start = position
            do {
                statements.append(try parseStatement())
                if !(check(.newline) || check(.semicolon) || check(.end) || check(.rightBrace)) {
                    throw failure("expected end of line after statement, found \(current.kind)")
                }
            } catch let failure as ParseFailure {
                record(failure.diagnostic)
                synchronize()
                if position == start { advance() }
            } catch {
                break
            }
        }
        return statements
    }

    /// Skips to the end of the current statement: a newline or `;` outside nested braces,
    /// or a `}` that closes the enclosing block (not consumed).
    func synchronize() {
        var braces = 0
        while !check(.end) {
            switch current.kind {
            case .newline, .semicolon:
                if braces == 0 {
                    advance()
                    return
                }
            case .leftBrace:
                braces += 1
            case .rightBrace:
                if braces == 0 { return }
                braces -= 1
            default:
                break
            }
            advance()
        }
    }

    func parseStatement() throws -> Stmt {
        let token = current
        switch token.kind {
        case .keyword(.fn):
            return .function(try parseFunctionDeclaration())
        case .keyword(.for):
            return try parseFor()
        case .keyword(.while):
            return try parseWhile()
        case .keyword(.break), .keyword(.continue):
            advance()
            if loopDepth == 0 {
                throw failure("'\(token.kind == .keyword(.break) ? "break" : "continue")' outside a loop", at: token.range)
            }
            return token.kind == .keyword(.break) ? .break(token.range) : .continue(token.range)
        case .keyword(.return):
            advance()
            if functionDepth == 0 {
                throw failure("'return' outside a function", at: token.range)
            }
            if check(.newline) || check(.semicolon) || check(.rightBrace) || check(.end) {
                return .return(nil, token.range)
            }
            let value = try parseExpression()
            return .return(value, token.range.union(value.range))
        case .keyword(.expect):
            advance()
            let condition = try parseExpression()
            return .expect(condition, token.range.union(condition.range))
        case .identifier(let word):
            if let declaration = try parseDeclarationIfPresent(word) { return .declaration(declaration) }
        default:
            break
        }
        let expression = try parseExpression()
        guard check(.equal) else { return .expression(expression) }
        advance()
        guard isAssignable(expression) else {
            throw failure("cannot assign to this expression", at: expression.range,
                          hint: "assign to a name, a field (a.b = …) or an element (a[i] = …)")
        }
        skipNewlines()
        if check(.end) { throw failure("expected a value after '='") }
        let value = try parseExpression()
        return .assignment(target: expression, value: value, expression.range.union(value.range))
    }

    private func isAssignable(_ expression: Expr) -> Bool {
        switch expression {
        case .name: return true
        case .member(let base, _, _), .index(let base, _, _): return isAssignable(base)
        default: return false
        }
    }

    func parseBlock() throws -> Block {
        try enter()
        defer { leave() }
        let open = try consume(.leftBrace, "'{'")
        let statements = parseStatements(insideBlock: true)
        guard check(.rightBrace) else {
            throw failure("expected '}' to close the block opened at line \(open.range.startLocation.line), found \(current.kind)")
        }
        let close = advance()
        return Block(statements: statements, range: open.range.union(close.range))
    }

    func parseFunctionDeclaration() throws -> FunctionDecl {
        let keyword = advance()
        let name = try consumeIdentifier("a function name after 'fn'")
        try consume(.leftParen, "'(' after the function name")
        let (parameters, defaults) = try parseParameters(closing: "')' after the parameters")
        functionDepth += 1
        let savedLoops = loopDepth
        loopDepth = 0
        defer { functionDepth -= 1; loopDepth = savedLoops }
        if match(.equal) {
            skipNewlines()
            let body = try parseExpression()
            return FunctionDecl(name: name, parameters: parameters, defaults: defaults, body: .expression(body),
                                range: keyword.range.union(body.range))
        }
        guard check(.leftBrace) else {
            throw failure("expected '=' or '{' after the parameters of '\(name.name)', found \(current.kind)")
        }
        let block = try parseBlock()
        return FunctionDecl(name: name, parameters: parameters, defaults: defaults, body: .block(block),
                            range: keyword.range.union(block.range))
    }

    /// `a, b = 1)`: the parameters after an opening parenthesis, each with its
    /// default value if it has one (as in Python, the ones with a default come last).
    func parseParameters(closing: String) throws -> (names: [Identifier], defaults: [Expr?]) {
        var names: [Identifier] = []
        var defaults: [Expr?] = []
        while !check(.rightParen) {
            let name = try consumeIdentifier("a parameter name")
            if names.contains(where: { $0.name == name.name }) {
                throw failure("parameter '\(name.name)' appears twice", at: name.range)
            }
            let value = match(.equal) ? try parseExpression() : nil
            if value == nil, let previous = names.last, defaults.last.flatMap({ $0 }) != nil {
                throw failure("parameter '\(name.name)' needs a default value, since '\(previous.name)' before it has one", at: name.range,
                              hint: "put the parameters with default values last")
            }
            names.append(name)
            defaults.append(value)
            if !match(.comma) { break }
        }
        try consume(.rightParen, closing)
        return (names, defaults)
    }

    private func parseFor() throws -> Stmt {
        let keyword = advance()
        let variable = try consumeIdentifier("a loop variable after 'for'")
        try consume(.keyword(.in), "'in' after the loop variable")
        let sequence = try parseExpression()
        loopDepth += 1
        defer { loopDepth -= 1 }
        let body = try parseBlock()
        return .for(variable: variable, sequence: sequence, body: body, keyword.range.union(body.range))
    }

    private func parseWhile() throws -> Stmt {
        let keyword = advance()
        let condition = try parseExpression()
        loopDepth += 1
        defer { loopDepth -= 1 }
        let body = try parseBlock()
        return .while(condition: condition, body: body, keyword.range.union(body.range))
    }
}
