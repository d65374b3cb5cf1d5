import Foundation

/// What one cell's code does with names, found from its syntax without running it.
///
/// Where the syntax cannot tell, the answer errs toward more dependencies (and so more
/// re-runs): a name read anywhere counts, unless the cell bound it unconditionally before.
public struct CellUsage: Sendable, Equatable {
    /// Names the cell reads that it has not bound itself before (from earlier cells, or builtins).
    public var reads: [String] = []
    /// Names the cell binds at top level: assignments, `data`/`loss`/`network`, `fn`, loop variables.
    public var defines: [String] = []
    /// Names whose value the cell may change in place without binding them anew:
    /// `a[0] = …`, `train net on …`, `rng.normal(…)`.
    public var changes: [String] = []
    /// Whether the cell may change, in place, objects held by any name it reads (it calls
    /// `step` or `load`, whose effects reach whatever the arguments hold).
    public var changesWhatItReads = false
    /// Names the cell's functions (`fn` and lambdas) read when they are called.
    public var functionReads: [String] = []
    /// Whether a function the cell makes may change objects in place when called.
    public var makesChangingFunctions = false
    /// Names bound to functions the cell makes: by `fn`, or from an expression with a lambda.
    public var functionNames: [String] = []
    /// For each name it binds, the names its value was made from (outside callee position):
    /// `g = f` may make `g` a function if `f` is one.
    public var mentions: [String: [String]] = [:]
    /// For each name it binds, the functions called to make its value (`adder = make_adder(3)`).
    public var callees: [String: [String]] = [:]
    /// Whether a function the cell makes contains a function (it may return one).
    public var makesFunctionsInFunctions = false
    /// The string literals of the cell: the files it may read are among them.
    public var stringLiterals: [String] = []
    /// Why the cell must run every time (its result depends on more than its inputs).
    public var alwaysRunsBecause: String?

    public init() {}

    /// The usage of a parsed cell.
    public init(of program: Program) {
        let walker = UsageWalker(bound: [])
        walker.statements(program.statements)
        self = walker.usage
    }

    /// The lambdas of a cell outside its functions, in order (the cell cache makes a
    /// function the cell bound again from its lambda).
    public static func lambdas(in program: Program) -> [FunctionDecl] {
        let walker = UsageWalker(bound: [])
        walker.statements(program.statements)
        return walker.lambdas
    }
}

/// Builtins whose effects reach objects the arguments hold.
private let changingBuiltins: Set<String> = ["step", "load"]
/// Builtins that read the file their first argument names.
private let fileReadingBuiltins: Set<String> = ["csv", "npy", "idx", "load"]

/// Walks statements in order, tracking which names are bound for sure at each point.
private final class UsageWalker {
    var usage = CellUsage()
    /// Names bound unconditionally so far (a read of one is not a dependency).
    private var bound: Set<String>
    /// Inside `if`, `for` or `while` bodies, bindings may not happen.
    private var conditionalDepth = 0
    /// Whether anything may be changed in place, even an object bound here (for functions).
    private var changesSomething = false
    /// Names met as values (not as the function called), lambdas met, and functions called.
    private var plainMentions: [String] = []
    private var sawFunction = false
    private var calledNames: [String] = []
    /// The lambdas met outside functions, in order.
    var lambdas: [FunctionDecl] = []
    /// What each list `appendOnce` fills holds (by the list's key path).
    private var listed: [AnyKeyPath: Set<String>] = [:]

    init(bound: Set<String>) { self.bound = bound }

    func statements(_ list: [Stmt]) { list.forEach(statement) }

    private func statement(_ statement: Stmt) {
        switch statement {
        case .expression(let expression), .expect(let expression, _):
            expr(expression)
        case .assignment(let target, let value, _):
            expr(value)
            assign(to: target)
            if let root = UsageWalker.root(of: target) { noteOrigin(of: root, from: value) }
        case .function(let declaration):
            function(declaration)
            if let name = declaration.name?.name {
                define(name)
                appendOnce(name, to: \.usage.functionNames)
            }
        case .for(let variable, let sequence, let body, _):
            expr(sequence)
            define(variable.name, conditionally: true)
            noteOrigin(of: variable.name, from: sequence)
            let wasBound = bound.contains(variable.name)
            bound.insert(variable.name)
            conditionally { statements(body.statements) }
            if !wasBound { bound.remove(variable.name) }
        case .while(let condition, let body, _):
            expr(condition)
            conditionally { statements(body.statements) }
        case .return(let value, _):
            value.map(expr)
        case .break, .continue:
            break
        case .declaration(let declaration):
            self.declaration(declaration)
        }
    }

    private func declaration(_ declaration: Declaration) {
        switch declaration.kind {
        case .data(_, _, let value), .loss(_, let value):
            expr(value)
        case .network(_, let body):
            body.forEach(command)
        case .figure(let figure):
            expr(figure.name)
            figure.options.forEach { expr($0.value) }
            for item in figure.items {
                switch item {
                case .command(let line): command(line)
                case .panel(let panel):
                    expr(panel.title)
                    panel.options.forEach { expr($0.value) }
                    panel.commands.forEach(command)
                }
            }
        }
        declaration.boundNames.forEach { define($0.name) }
    }

    private func command(_ command: Command) {
        command.arguments.forEach { expr($0.value) }
    }

    /// `x = …` binds x; `a[i] = …` and `a.f = …` read a, change it and bind it again.
    private func assign(to target: Expr) {
        switch target {
        case .name(let name, _):
            define(name)
        case .member(let base, _, _):
            changeTarget(base)
        case .index(let base, let indices, _):
            indices.forEach(index)
            changeTarget(base)
        default:
            expr(target)
        }
    }

    private func changeTarget(_ base: Expr) {
        expr(base)
        changesSomething = true
        guard let root = UsageWalker.root(of: base) else { return }
        if !bound.contains(root) { appendOnce(root, to: \.usage.changes) }
        define(root)
    }

    private func expr(_ expression: Expr) {
        switch expression {
        case .number, .bool, .none, .size:
            break
        case .string(let text, _):
            appendOnce(text, to: \.usage.stringLiterals)
        case .formatString(let parts, _):
            for case .value(let value, _) in parts { expr(value) }
        case .name(let name, _):
            read(name)
            appendOnce(name, to: \.plainMentions)
        case .tensor(let rows, _, _):
            rows.forEach { $0.forEach(expr) }
        case .record(let fields, _):
            fields.forEach { expr($0.value) }
        case .range(let lower, let upper, _, _):
            expr(lower); expr(upper)
        case .unary(_, let operand, _):
            expr(operand)
        case .binary(_, let left, let right, _), .logical(_, let left, let right, _):
            expr(left); expr(right)
        case .approximatelyEqual(let left, let right, let tolerance, _):
            expr(left); expr(right); tolerance.map(expr)
        case .call(let callee, let arguments, _):
            call(callee, arguments)
        case .member(let base, let name, _):
            if name.name == "seconds" { usage.alwaysRunsBecause = usage.alwaysRunsBecause ?? "reads a training time ('.seconds')" }
            expr(base)
        case .index(let base, let indices, _):
            expr(base)
            indices.forEach(index)
        case .lambda(let declaration):
            lambdas.append(declaration)
            function(declaration)
        case .if(let branches):
            for branch in branches.branches {
                expr(branch.condition)
                conditionally { statements(branch.body.statements) }
            }
            if let elseBody = branches.elseBody { conditionally { statements(elseBody.statements) } }
        case .train(let train):
            expr(train.network)
            expr(train.data)
            train.options.forEach(trainOption)
            markChanged(train.network)
            // An optimiser held by a name keeps its state (moments, step counts) across trainings.
            for option in train.options where option.key.name == "optimizer" {
                if case .expression(let value) = option.value, UsageWalker.root(of: value) != nil { markChanged(value) }
            }
        }
    }

    private func call(_ callee: Expr, _ arguments: [Argument]) {
        if case .name(let name, _) = callee {
            read(name)
            appendOnce(name, to: \.calledNames)
        } else {
            expr(callee)
        }
        arguments.forEach { expr($0.value) }
        switch callee {
        case .name(let name, _):
            if changingBuiltins.contains(name) { usage.changesWhatItReads = true; changesSomething = true }
            if fileReadingBuiltins.contains(name) {
                let paths = arguments.filter { $0.label == nil }.prefix(name == "load" ? 2 : 1)
                if let path = paths.last?.value, !UsageWalker.isStringLiteral(path) {
                    usage.alwaysRunsBecause = usage.alwaysRunsBecause ?? "'\(name)' reads a file named by a computed path"
                }
            }
        case .member(let base, _, _):
            // A method may draw from a stream (`rng.normal`) or otherwise change its object.
            markChanged(base)
        default:
            break
        }
    }

    private func markChanged(_ expression: Expr) {
        changesSomething = true
        if let root = UsageWalker.root(of: expression) {
            if !bound.contains(root) { appendOnce(root, to: \.usage.changes) }
        } else {
            usage.changesWhatItReads = true
        }
    }

    private func trainOption(_ option: TrainOption) {
        switch option.value {
        case .expression(let value), .when(let value): expr(value)
        case .list(let values): values.forEach(expr)
        case .every(let values, let interval): values.forEach(expr); expr(interval)
        }
    }

    private func index(_ index: IndexExpr) {
        switch index {
        case .single(let value): expr(value)
        case .slice(let start, let stop, let step, _): [start, stop, step].compactMap { $0 }.forEach(expr)
        }
    }

    /// A function's body reads names when it is called: they become the cell's
    /// function reads, except its parameters (and its own name).
    private func function(_ declaration: FunctionDecl) {
        sawFunction = true
        var parameters = Set(declaration.parameters.map(\.name))
        if let name = declaration.name?.name { parameters.insert(name) }
        let inner = UsageWalker(bound: parameters)
        declaration.defaults.compactMap { $0 }.forEach(inner.expr)
        switch declaration.body {
        case .expression(let body): inner.expr(body)
        case .block(let block): inner.statements(block.statements)
        }
        let found = inner.usage
        for name in found.reads + found.functionReads { appendOnce(name, to: \.usage.functionReads) }
        for literal in found.stringLiterals { appendOnce(literal, to: \.usage.stringLiterals) }
        if inner.sawFunction || found.makesFunctionsInFunctions { usage.makesFunctionsInFunctions = true }
        if inner.changesSomething || found.makesChangingFunctions {
            usage.makesChangingFunctions = true
        }
        if usage.alwaysRunsBecause == nil { usage.alwaysRunsBecause = found.alwaysRunsBecause }
    }

    /// Records what the value bound to `name` was made from, to follow functions through names.
    private func noteOrigin(of name: String, from value: Expr) {
        let scan = UsageWalker(bound: [])
        scan.expr(value)
        for mention in scan.plainMentions { appendOnce(mention, to: &usage.mentions[name, default: []]) }
        for callee in scan.calledNames { appendOnce(callee, to: &usage.callees[name, default: []]) }
        if scan.sawFunction { appendOnce(name, to: \.usage.functionNames) }
    }

    private func read(_ name: String) {
        guard !bound.contains(name) else { return }
        appendOnce(name, to: \.usage.reads)
    }

    private func define(_ name: String, conditionally: Bool = false) {
        appendOnce(name, to: \.usage.defines)
        if conditionalDepth == 0 && !conditionally { bound.insert(name) }
    }

    private func conditionally(_ body: () -> Void) {
        conditionalDepth += 1
        body()
        conditionalDepth -= 1
    }

    /// Appends `name` to the list unless it holds it already; the sets of what each list
    /// holds keep a cell of thousands of statements linear.
    private func appendOnce(_ name: String, to list: ReferenceWritableKeyPath<UsageWalker, [String]>) {
        guard listed[list, default: []].insert(name).inserted else { return }
        self[keyPath: list].append(name)
    }

    /// The same for a list of its own (the few names one value was made from).
    private func appendOnce(_ name: String, to list: inout [String]) {
        if !list.contains(name) { list.append(name) }
    }

    /// The name an expression like `net.layers[0]` starts from.
    static func root(of expression: Expr) -> String? {
        switch expression {
        case .name(let name, _): return name
        case .member(let base, _, _), .index(let base, _, _): return root(of: base)
        default: return nil
        }
    }

    static func isStringLiteral(_ expression: Expr) -> Bool {
        if case .string = expression { return true }
        return false
    }
}
