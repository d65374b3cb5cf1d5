import Foundation
import Testing
@testable import Language

@Suite struct LimitsTests {
    @Test func deepRecursionIsADiagnosticNotACrash() {
        let result = evaluate("fn down(n) = if n == 0 { 0 } else { 1 + down(n - 1) }\ndown(100000)")
        #expect(result.error?.first?.kind == .limit)
        #expect(result.error?.first?.message == "recursion too deep (more than 2000 nested calls)")
        // Well within the limit works.
        #expect(display("fn down(n) = if n == 0 { 0 } else { 1 + down(n - 1) }\ndown(1900)") == "1900")
    }

    @Test func infiniteLoopCanBeCancelledFromAnotherThread() async throws {
        let flag = CancellationFlag()
        let sink = BufferSink()
        let evaluator = Evaluator(host: FakeHost(), sink: sink, cancellation: flag)
        let notebook = Notebook(name: "nb.dln", text: "%% spin\nx = 0\nwhile true { x = x + 1 }\n%% after\nprint(1)")
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { flag.cancel() }
        let start = Date()
        let report = NotebookRunner(evaluator: evaluator).run(notebook)
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(report.cells.map(\.status) == [.interrupted, .skipped])
        #expect(report.wasInterrupted)
        #expect(report.cells[0].diagnostics.first?.message == "interrupted")
        #expect(report.cells[0].diagnostics.first?.kind == .interrupted)
    }

    @Test func cancellationStopsRecursionToo() {
        let flag = CancellationFlag()
        flag.cancel()
        let evaluator = Evaluator(cancellation: flag)
        let program = Parser.parse("fn f(n) = f(n)\nf(1)").program
        #expect(throws: DiagnosticError.self) { try LargeStack.run { try evaluator.run(program) } }
        flag.reset()
        #expect(!flag.isCancelled)
    }

    @Test func theCallLimitIsConfigurable() {
        let evaluator = Evaluator(limits: EvaluationLimits(maximumCallDepth: 10))
        let program = Parser.parse("fn f(n) = if n == 0 { 0 } else { f(n - 1) }\nf(20)").program
        do {
            try evaluator.run(program)
            Issue.record("expected the limit to trip")
        } catch let error as DiagnosticError {
            #expect(error.first?.message == "recursion too deep (more than 10 nested calls)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
