import Foundation
import Language
import NeuralNet
import Testing
@testable import Library

/// Every builtin describes itself, and `docs/language.md`'s builtin tables are generated from those descriptions.
@Suite("Builtin help")
struct BuiltinHelpTests {
    static let reference = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/language.md")

    @Test(arguments: [Precision.single, .double])
    func everyBuiltinHasFormsAndASummary(_ precision: Precision) {
        let builtins = NotebookSession(sink: NullSink(), precision: precision).evaluator.builtins
        #expect(builtins.count > 90)
        for builtin in builtins {
            #expect(!builtin.help.summary.isEmpty, "'\(builtin.name)' has no summary")
            #expect(!builtin.help.forms.isEmpty && builtin.help.forms.allSatisfy { $0.hasPrefix(builtin.name + "(") },
                    "'\(builtin.name)' has forms \(builtin.help.forms), which do not all call it")
        }
    }

    @Test func everyLossAndOptimiserOfNeuralNetIsABuiltin() {
        #expect(Set(LossValue<Float>.help.map(\.key)) == Set(Loss<Float>.builtInNames))
        #expect(Set(OptimizerValue<Float>.help.map(\.key)) == Set(OptimizerCatalog.names))
    }

    @Test func aReplacedBuiltinIsDescribedOnce() {
        let builtins = NotebookSession(sink: NullSink()).evaluator.builtins
        #expect(builtins.filter { $0.name == "abs" }.count == 1)
        #expect(builtins.first { $0.name == "step" }?.help.usage == "step(x) or step(opt, loss)")
    }

    @Test func theReferenceTablesAreGenerated() throws {
        let text = try String(contentsOf: Self.reference, encoding: .utf8)
        let builtins = NotebookSession(sink: NullSink()).evaluator.builtins
        let generated = try BuiltinReference(builtins: builtins).updating(text)
        #expect(generated == text, "docs/language.md's builtin tables differ from the builtins' help; regenerate them with: \(BuiltinReference.regenerationCommand)")
    }
}
