import Foundation

/// Resolves names without running anything (`dln check`).
///
/// Top-level code must use names bound earlier (in file order) or known to the host;
/// function bodies may use any top-level name of the notebook (they run later), their
/// parameters and the names they assign. In declaration bodies (network and figure
/// command lines, train options) a bare name argument is left to the host (`relu`,
/// `mse`, `batch: all`), as are `every` metric lists and `when` conditions.
///
/// A call of a builtin that the notebook never rebinds is checked against the builtin's
/// parameters, with the messages a run would give.
public struct NameChecker {
    public var knownNames: Set<String>
    public var builtins: [Builtin]

    public init(knownNames: Set<String>, builtins: [Builtin] = []) {
        self.knownNames = knownNames
        self.builtins = builtins
    }

    /// Checks programs (cells) in order; each may carry its cell title for diagnostics.
    public func check(_ programs: [(program: Program, cellTitle: String?)]) -> [Diagnostic] {
        let resolver = Resolver(known: knownNames, builtins: builtins)
        for entry in programs {
            resolver.allTopLevel.formUnion(entry.program.statements.flatMap(Resolver.boundNames))
        }
        for entry in programs {
            resolver.cellTitle = entry.cellTitle
            entry.program.statements.forEach(resolver.statement)
        }
        return resolver.diagnostics
    }

    /// Checks a single program (e.g. a REPL entry).
    public func check(_ program: Program) -> [Diagnostic] { check([(program, nil)]) }
}

private final class Resolver {
    var diagnostics: [Diagnostic] = []
    var known: Set<String>
    var allTopLevel: Set<String> = []
    var scopes: [Set<String>] = []
    var cellTitle: String?
    let builtins: [String: Builtin]

    init(known: Set<String>, builtins: [Builtin]) {
        self.known = known
        self.builtins = Dictionary(builtins.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// Names a statement binds in the scope it runs in.
    static func boundNames(_ statement: Stmt) -> [String] {
        switch statement {
        case .assignment(.name(let name, _), _, _): return [name]
        case .function(let declaration): return declaration.name.map { [$0.name] } ?? []
        case .for(let variable, _, let body, _): return [variable.name] + body.statements.flatMap(boundNames)
        case .while(_, let body, _): return body.statements.flatMap(boundNames)
        case .declaration(let declaration): return declaration.boundNames.map(\.name)
        case .expression(.if(let expression)):
            return (expression.branches.map(\.body) + [expression.elseBody].compactMap { $0 })
                .flatMap { $0.statements.flatMap(boundNames) }
        default: return []
        }
    }

    private func isVisible(_ name: String) -> Bool {
        known.contains(name) || scopes.contains { $0.contains(name) } || (!scopes.isEmpty && allTopLevel.contains(name))
    }

    private func define(_ name: String) {
        if scopes.isEmpty { known.insert(name) } else { scopes[scopes.count - 1].insert(name) }
    }

    private func use(_ name: String, at range: SourceRange) {
        guard !isVisible(name) else { return }
        var candidates = known
        scopes.forEach { candidates.formUnion($0) }
        if !scopes.isEmpty { candidates.formUnion(allTopLevel) }
        diagnostics.append(Diagnostic(.name, "unknown name '\(name)'", at: range,
                                      hint: Suggestions.didYouMean(name, among: candidates), cellTitle: cellTitle))
    }

    /// A call of a builtin the notebook does not rebind, checked as a run would check it.
    private func checkCall(of name: String, _ arguments: [Argument], at range: SourceRange) {
        guard let builtin = builtins[name], !allTopLevel.contains(name), !scopes.contains(where: { $0.contains(name) }) else { return }
        let shape = Arguments(positional: arguments.filter { $0.label == nil }.map { _ in .none },
                              named: arguments.compactMap { $0.label.map { ($0.name, .none) } }, callee: name)
        do {
            _ = try builtin.matching(shape)
        } catch let error as DiagnosticError {
            diagnostics += error.located(at: range).diagnostics.map { diagnostic in
                var diagnostic = diagnostic
                diagnostic.cellTitle = cellTitle
                return diagnostic
            }
        } catch {
            return
        }
    }

    func statement(_ statement: Stmt) {
        switch statement {
        case .expression(let expression): expr(expression)
        case .assignment(let target, let value, _):
            expr(value)
            if case .name(let name, _) = target { define(name) } else { expr(target) }
        case .function(let declaration):
            if let name = declaration.name { define(name.name) }
            function(declaration)
        case .for(let variable, let sequence, let body, _):
            expr(sequence)
            define(variable.name)
            body.statements.forEach(self.statement)
        case .while(let condition, let body, _):
            expr(condition)
            body.statements.forEach(self.statement)
        case .return(let value, _): value.map(expr)
        case .expect(let condition, _): expr(condition)
        case .break, .continue: break
        case .declaration(let declaration):
            self.declaration(declaration)
            declaration.boundNames.forEach { define($0.name) }
        }
    }

    private func function(_ declaration: FunctionDecl) {
        var scope = Set(declaration.parameters.map(\.name))
        if case .block(let block) = declaration.body {
            scope.formUnion(block.statements.flatMap(Resolver.boundNames))
        }
        scopes.append(scope)
        declaration.defaults.forEach { $0.map(expr) }
        switch declaration.body {
        case .expression(let body): expr(body)
        case .block(let block): block.statements.forEach(statement)
        }
        scopes.removeLast()
    }

    /// Arguments in declaration bodies: bare names belong to the host.
    private func hostArgument(_ expression: Expr) {
        switch expression {
        case .name: return
        // A call here may be the host's own syntax (`leaky_relu(slope: 0.2)` as an
        // activation): its names are resolved, its arity is the host's to judge.
        case .call(let callee, let arguments, _):
            expr(callee)
            arguments.forEach { expr($0.value) }
        default: expr(expression)
        }
    }

    private func declaration(_ declaration: Declaration) {
        switch declaration.kind {
        case .data(_, _, let value), .loss(_, let value): expr(value)
        case .network(_, let body): body.forEach { $0.arguments.forEach { hostArgument($0.value) } }
        case .figure(let figure):
            expr(figure.name)
            figure.options.forEach { hostArgument($0.value) }
            for item in figure.items {
                switch item {
                case .command(let command): command.arguments.forEach { hostArgument($0.value) }
                case .panel(let panel):
                    expr(panel.title)
                    panel.options.forEach { hostArgument($0.value) }
                    panel.commands.forEach { $0.arguments.forEach { hostArgument($0.value) } }
                }
            }
        }
    }

    private func expr(_ expression: Expr) {
        switch expression {
        case .number, .string, .bool, .none, .size: break
        case .formatString(let parts, _):
            for case .value(let value, _) in parts { expr(value) }
        case .name(let name, let range): use(name, at: range)
        case .tensor(let rows, _, _): rows.forEach { $0.forEach(expr) }
        case .record(let fields, _): fields.forEach { expr($0.value) }
        case .range(let lower, let upper, _, _): expr(lower); expr(upper)
        case .unary(_, let operand, _): expr(operand)
        case .binary(_, let lhs, let rhs, _), .logical(_, let lhs, let rhs, _): expr(lhs); expr(rhs)
        case .approximatelyEqual(let lhs, let rhs, let tolerance, _):
            expr(lhs); expr(rhs); tolerance.map(expr)
        case .call(let callee, let arguments, let range):
            expr(callee)
            arguments.forEach { expr($0.value) }
            if case .name(let name, _) = callee { checkCall(of: name, arguments, at: range) }
        case .member(let base, _, _): expr(base)
        case .index(let base, let indices, _):
            expr(base)
            for index in indices {
                switch index {
                case .single(let value): expr(value)
                case .slice(let start, let stop, let step, _): [start, stop, step].compactMap { $0 }.forEach(expr)
                }
            }
        case .lambda(let declaration): function(declaration)
        case .if(let expression):
            for branch in expression.branches {
                expr(branch.condition)
                branch.body.statements.forEach(statement)
            }
            expression.elseBody?.statements.forEach(statement)
        case .train(let train):
            expr(train.network)
            expr(train.data)
            for option in train.options {
                switch option.value {
                case .expression(let value): hostArgument(value)
                case .list(let items): items.forEach(hostArgument)
                case .every(_, let interval): expr(interval)
                case .when: break
                }
            }
        }
    }
}
