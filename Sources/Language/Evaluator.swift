import Foundation
import ResourceLimits

/// Non-local control flow inside the evaluator (never escapes it).
enum ControlSignal: Error, @unchecked Sendable {
    case breakLoop
    case continueLoop
    case returnValue(Value)
}

/// A tree-walking evaluator (jlox's `Interpreter`) over the AST.
///
/// It never prints: `print` text, displayed values and non-fatal diagnostics (failed
/// expectations) go to ``sink``; fatal errors are thrown as ``DiagnosticError``.
/// The evaluator is recursive: run it through ``LargeStack/run(stackSize:_:)-7wq2p``
/// (as ``NotebookRunner`` does) so the call-depth limit trips before the stack runs out.
public final class Evaluator {
    public let host: any EvaluationHost
    /// The global environment, holding the language's builtins, the host's, and the
    /// notebook's top-level bindings.
    public let globals: Environment
    public var sink: any OutputSink
    // Read on every call (the depth limit); set between runs, never while read.
    @exclusivity(unchecked) public var limits: EvaluationLimits
    /// Set from another thread to stop the evaluation with an `interrupted` diagnostic.
    public let cancellation: CancellationFlag
    /// Every builtin installed (the language's and the host's, a replaced one once),
    /// by name: what `:help` and the reference's tables describe.
    public let builtins: [Builtin]
    // Counters of the evaluator's own thread, touched on every call: checking
    // each access for overlap (a runtime call, a thread-local lookup) cost
    // more than the counting.
    @exclusivity(unchecked) var callDepth = 0
    @exclusivity(unchecked) var heapWatch = HeapWatch()

    /// Creates an evaluator; the language's builtins are installed first, then the host's.
    public init(host: any EvaluationHost = NoHost(), sink: any OutputSink = NullSink(),
                limits: EvaluationLimits = EvaluationLimits(), cancellation: CancellationFlag = CancellationFlag()) {
        self.host = host
        self.sink = sink
        self.limits = limits
        self.cancellation = cancellation
        let globals = Environment()
        StandardLibrary.install(into: globals)
        host.installBuiltins(into: globals)
        self.globals = globals
        builtins = globals.localNames.sorted().compactMap { name in
            if case .builtin(let builtin)? = globals.lookup(name) { return builtin }
            return nil
        }
    }

    /// The installed builtin named `name`, whatever the notebook has bound to the name since.
    public func builtin(named name: String) -> Builtin? { builtins.first { $0.name == name } }

    /// Runs a program in the global environment and returns the value of its last
    /// statement if that is a bare expression (otherwise `none`). That value is also
    /// displayed through the sink when `displaysResult` is true and it is not `none`.
    ///
    /// `overrides` replace the right-hand side of top-level `name = …` bindings (the
    /// `--set` mechanism). Throws ``DiagnosticError`` on the first runtime error.
    @discardableResult
    public func run(_ program: Program, overrides: [String: Value] = [:], displaysResult: Bool = true) throws -> Value {
        var last: Value = .none
        for statement in program.statements {
            if case .assignment(.name(let name, _), _, _) = statement, let value = overrides[name] {
                globals.define(name, value)
                last = .none
                continue
            }
            do {
                let value = try execute(statement, in: globals)
                if case .expression = statement { last = value } else { last = .none }
            } catch is ControlSignal {
                throw DiagnosticError(Diagnostic(.syntax, "'break', 'continue' or 'return' outside its construct", at: statement.range))
            }
        }
        if displaysResult, !last.isNone { display(last) }
        return last
    }

    /// ``run(_:overrides:displaysResult:)`` on a thread with a large stack (what a REPL
    /// should call, so deep recursion hits the call-depth limit, not the stack's end).
    @discardableResult
    public func runOnLargeStack(_ program: Program, overrides: [String: Value] = [:],
                                displaysResult: Bool = true) throws -> Value {
        try LargeStack.run { try self.run(program, overrides: overrides, displaysResult: displaysResult) }
    }

    /// Evaluates an expression in `environment`.
    public func evaluate(_ expression: Expr, in environment: Environment) throws -> Value {
        switch expression {
        case .number(let value, _): return .number(value)
        case .string(let value, _): return .string(value)
        case .formatString(let parts, _): return .string(try evaluateFormatString(parts, in: environment))
        case .bool(let value, _): return .bool(value)
        case .none: return .none
        case .name(let name, let range): return try lookup(name, at: range, in: environment)
        case .size(let width, let height, _): return .list([.number(Double(width)), .number(Double(height))])
        case .tensor(let rows, let separated, let range):
            return try evaluateTensor(rows, hasRowSeparators: separated, at: range, in: environment)
        case .record(let fields, _): return try evaluateRecord(fields, in: environment)
        case .range(let lower, let upper, let closed, let range):
            return try evaluateRange(lower, upper, isClosed: closed, at: range, in: environment)
        case .unary(let op, let operand, let range):
            return try applyUnary(op, try evaluate(operand, in: environment), at: range, in: environment)
        case .binary(let op, let lhs, let rhs, let range):
            let left = try evaluate(lhs, in: environment)
            let right = try evaluate(rhs, in: environment)
            return try applyBinary(op, left, right, at: range, in: environment)
        case .logical(let op, let lhs, let rhs, let range):
            return try evaluateLogical(op, lhs, rhs, at: range, in: environment)
        case .approximatelyEqual(let lhs, let rhs, let tolerance, let range):
            let check = try approximateCheck(lhs, rhs, tolerance, at: range, in: environment)
            return .bool(check.passed)
        case .call(let callee, let arguments, let range):
            return try evaluateCall(callee, arguments, at: range, in: environment)
        case .member(let base, let name, let range):
            return try member(name.name, of: try evaluate(base, in: environment), at: range, in: environment)
        case .index(let base, let indices, let range):
            let value = try evaluate(base, in: environment)
            return try subscriptValue(value, try evaluateIndices(indices, in: environment), at: range, in: environment)
        case .lambda(let declaration):
            return .function(Closure(declaration: declaration, environment: environment))
        case .if(let expression): return try evaluateIf(expression, in: environment)
        case .train(let train):
            let context = self.context(train.range, environment)
            return try hosted(train.range) { try host.train(train, context: context) }
        }
    }

    // MARK: Helpers shared by the extensions

    func context(_ range: SourceRange?, _ environment: Environment) -> EvaluationContext {
        EvaluationContext(evaluator: self, environment: environment, range: range)
    }

    /// Runs host or builtin code, placing range-less diagnostics at `range` and turning
    /// foreign errors into runtime diagnostics.
    func hosted<T>(_ range: SourceRange?, _ body: () throws -> T) throws -> T {
        do {
            let result = try body()
            try checkMemoryBudget(at: range)
            return result
        } catch let error as DiagnosticError {
            throw error.located(at: range)
        } catch let signal as ControlSignal {
            throw signal
        } catch let error as MemoryBudgetExceeded {
            throw fail(.limit, error.description, at: range, hint: MemoryBudgetExceeded.hint)
        } catch {
            throw DiagnosticError(Diagnostic(.runtime, String(describing: error), at: range))
        }
    }

    /// Work that was accounted only once it was made (a loader's arrays, a
    /// conversion) can leave more in use than the budget allows: the
    /// statement that did it fails, and what it made is let go.
    private func checkMemoryBudget(at range: SourceRange?) throws {
        let budget = MemoryBudget.shared
        guard budget.isOverdrawn else { return }
        throw fail(.limit, "this needs more memory than the budget allows: "
                   + "\(ByteCount.describe(budget.inUse)) in use, the budget is \(ByteCount.describe(budget.limit))",
                   at: range, hint: MemoryBudgetExceeded.hint)
    }

    func fail(_ kind: Diagnostic.Kind, _ message: String, at range: SourceRange?, hint: String? = nil) -> DiagnosticError {
        DiagnosticError(Diagnostic(kind, message, at: range, hint: hint))
    }

    /// Throws an `interrupted` diagnostic if cancellation was requested,
    /// and a `limit` one when the heap has grown past the memory budget
    /// (looked at every few milliseconds: strings, lists and records are not
    /// accounted one by one, so a loop building them is stopped here).
    public func checkCancellation(at range: SourceRange?) throws {
        if cancellation.isCancelled {
            throw fail(.interrupted, "interrupted", at: range)
        }
        if heapWatch.isDue() {
            do {
                try MemoryBudget.shared.requireHeapWithinLimit(for: "the run's values")
            } catch let error as MemoryBudgetExceeded {
                throw fail(.limit, error.description, at: range, hint: MemoryBudgetExceeded.hint)
            }
        }
    }

    /// Checks room in the memory budget for `bytes` a language operation is about to make.
    func requireRoom(_ bytes: Int, for operation: String, at range: SourceRange?) throws {
        do {
            try MemoryBudget.shared.requireRoom(bytes, for: operation)
        } catch let error as MemoryBudgetExceeded {
            throw fail(.limit, error.description, at: range, hint: MemoryBudgetExceeded.hint)
        }
    }

    func lookup(_ name: String, at range: SourceRange, in environment: Environment) throws -> Value {
        if let value = environment.lookup(name) { return value }
        throw fail(.name, "unknown name '\(name)'", at: range,
                   hint: Suggestions.didYouMean(name, among: environment.visibleNames))
    }

    /// Shows a value through the sink.
    public func display(_ value: Value) {
        sink.display(value, text: format(value))
    }

    /// Whether a value counts as true; only bools and host values may be conditions.
    func truth(_ value: Value, at range: SourceRange?, in environment: Environment) throws -> Bool {
        switch value {
        case .bool(let flag): return flag
        case .host(let object):
            let context = self.context(range, environment)
            return try hosted(range) { try object.isTrue(context: context) }
        default:
            throw fail(.type, "expected a bool, got \(value.typeName)", at: range,
                       hint: value.number != nil ? "compare it, e.g. 'x != 0'" : nil)
        }
    }

    private func evaluateTensor(_ rows: [[Expr]], hasRowSeparators: Bool, at range: SourceRange,
                                in environment: Environment) throws -> Value {
        var values: [[Value]] = []
        for row in rows {
            values.append(try row.map { try evaluate($0, in: environment) })
        }
        let literal = TensorLiteral(rows: values, hasRowSeparators: hasRowSeparators)
        let context = self.context(range, environment)
        return try hosted(range) { try host.makeTensor(literal, context: context) }
    }

    private func evaluateRecord(_ fields: [RecordField], in environment: Environment) throws -> Value {
        var record = Record()
        for field in fields {
            record.fields.append((field.name.name, try evaluate(field.value, in: environment)))
        }
        return .record(record)
    }

    private func evaluateRange(_ lower: Expr, _ upper: Expr, isClosed: Bool, at range: SourceRange,
                               in environment: Environment) throws -> Value {
        let low = try evaluate(lower, in: environment)
        let high = try evaluate(upper, in: environment)
        guard let start = low.integer, let end = high.integer else {
            let bad = low.integer == nil ? low : high
            throw fail(.type, "range bounds must be integers, got \(bad.typeName == "number" ? format(bad) : bad.typeName)", at: range)
        }
        if isClosed, end == Int.max { throw fail(.runtime, "range bound is too large", at: range) }
        return .range(RangeValue(lower: start, upper: isClosed ? end + 1 : end, isClosed: isClosed))
    }

    private func evaluateLogical(_ op: LogicalOperator, _ lhs: Expr, _ rhs: Expr, at range: SourceRange,
                                 in environment: Environment) throws -> Value {
        let left = try truth(try evaluate(lhs, in: environment), at: lhs.range, in: environment)
        if op == .and, !left { return .bool(false) }
        if op == .or, left { return .bool(true) }
        return .bool(try truth(try evaluate(rhs, in: environment), at: rhs.range, in: environment))
    }

    private func evaluateIf(_ expression: IfExpr, in environment: Environment) throws -> Value {
        for branch in expression.branches {
            let condition = try evaluate(branch.condition, in: environment)
            if try truth(condition, at: branch.condition.range, in: environment) {
                return try executeBlock(branch.body, in: environment)
            }
        }
        if let elseBody = expression.elseBody { return try executeBlock(elseBody, in: environment) }
        return .none
    }
}
