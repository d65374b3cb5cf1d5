import Foundation
import Language
@testable import Library
import NeuralNet
import Testing

/// The cell cache's stored forms of the Library's values: each made again gives the same
/// value, and bytes that do not fit are refused.
@Suite struct StoredFormTests {
    /// Stores `name` from one session and restores it into `other`'s names (as `restoring` would).
    private func restored(_ name: String, from harness: ModelHarness, into other: ModelHarness, template: Value? = nil) -> Value? {
        guard let value = harness.evaluator.globals.lookup(name)?.hostValue as? any StorableHostValue,
              let form = value.storedForm(in: harness.evaluator.globals) else { return nil }
        return other.host.restoredValue(form, template: template, globals: other.evaluator.globals)
    }

    @Test func lossesReadBackFromTheirText() throws {
        for text in ["mse", "cross_entropy + 0.001 * l2", "mse + (hinge + l2)", "0.5 * (mse + l2)", "gaussian_nll(sigma: 2.5)",
                     "mse(reduction: sum) + 2.0 * 0.5 * bce"] {
            let loss = try #require(LossText<Float>.parse(text), "\(text)")
            #expect(loss.description == text)
            #expect(LossText<Float>.storable(loss) == text)
        }
        #expect(LossText<Float>.parse("mse + nonsense") == nil)
        #expect(LossText<Float>.parse("((mse") == nil)
        // a sum on the right keeps its parentheses, so that the order of the additions is known
        #expect((Loss<Float>.meanSquaredError + (Loss<Float>.hinge + Loss<Float>.l2)).description == "mse + (hinge + l2)")
    }

    @Test func aRandomStreamGoesOnWhereItWas() throws {
        let harness = ModelHarness()
        harness.run("rng = random(seed: 4)\na = rng.normal([3])\nb = rng.normal()")
        let other = ModelHarness()
        let copy = try #require(restored("rng", from: harness, into: other))
        other.evaluator.globals.define("rng", copy)
        harness.run("print(rng.normal([5]), rng.uniform([2]), rng.integers(0, 9, [3]))")
        other.run("print(rng.normal([5]), rng.uniform([2]), rng.integers(0, 9, [3]))")
        #expect(!harness.printed.isEmpty)
        #expect(other.printed == harness.printed)
    }

    @Test func aNetworkAndItsOptimiserGoOnTrainingAsOne() throws {
        let setup = """
            network n {
              input 2
              dense 3, relu
              dense 2
            }
            """
        let training = """
            r = train n on xor() {
              loss: cross_entropy
              optimizer: opt
              batch: all
              epochs: 3
            }
            """
        let harness = ModelHarness()
        harness.run(setup + "\nopt = sgd(lr: 0.1, momentum: 0.9)\n" + training)
        let other = ModelHarness()
        other.run(setup)
        let network = try #require(restored("n", from: harness, into: other, template: other.evaluator.globals.lookup("n")))
        other.evaluator.globals.define("n", network)
        other.evaluator.globals.define("opt", try #require(restored("opt", from: harness, into: other)))
        harness.run(training + "\nprint(n(xor().x))")
        other.run(training + "\nprint(n(xor().x))")
        #expect(other.printed == harness.printed)
        // a template of another declaration is refused
        let changed = ModelHarness()
        changed.run(setup.replacingOccurrences(of: "dense 3", with: "dense 4"))
        #expect(restored("n", from: harness, into: changed, template: changed.evaluator.globals.lookup("n")) == nil)
    }

    @Test func anOptimiserWithStateForATensorNoNameHoldsIsNotKept() throws {
        let harness = ModelHarness()
        harness.run("opt = adam(lr: 0.1)\nfn go() {\n  w = param([1, 2])\n  step(opt, sum(w * w))\n}\ngo()")
        let value = try #require(harness.evaluator.globals.lookup("opt")?.hostValue as? any StorableHostValue)
        #expect(value.storedForm(in: harness.evaluator.globals) == nil)
    }

    @Test func formsOfAnotherKindOrPrecisionAreRefused() throws {
        let harness = ModelHarness()
        harness.run("data d = xor()\nloss l = mse + l2")
        let form = try #require((harness.evaluator.globals.lookup("d")?.hostValue as? any StorableHostValue)?.storedForm)
        #expect(harness.host.restoredValue(form, template: nil, globals: harness.evaluator.globals) != nil)
        #expect(NotebookHost<Double>().restoredValue(form, template: nil, globals: harness.evaluator.globals) == nil)
        var damaged = form
        damaged.bytes.removeLast()
        #expect(harness.host.restoredValue(damaged, template: nil, globals: harness.evaluator.globals) == nil)
        #expect(harness.host.restoredValue(StoredHostForm(kind: "loss", bytes: Data("mse +".utf8)), template: nil,
                                           globals: harness.evaluator.globals) == nil)
    }
}
