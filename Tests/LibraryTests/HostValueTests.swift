import Language
import Testing
@testable import Library

/// Library values answer for their own operations; what one does not support is
/// declined with the language's diagnostic for it.
@Suite("Host values")
struct HostValueTests {
    @Test func valuesWithoutAnOperationDeclineIt() {
        let harness = ModelHarness()
        #expect(harness.run("opt = sgd(lr: 0.1)") == nil)
        #expect(harness.run("opt.lr")?.message == "optimizer has no member 'lr'")
        #expect(harness.run("for x in opt { }")?.message == "cannot iterate over optimizer")
        #expect(harness.run("opt[0] = 1")?.message == "elements of optimizer cannot be assigned")
        #expect(harness.run("opt(1)")?.message == "optimizer is not a function")
        #expect(harness.run("if opt { }")?.hint == "compare it to get a bool")
    }

    @Test func builtInLossesTakePartInArithmeticAsLosses() {
        let harness = ModelHarness()
        #expect(harness.run("print(2 * mse, mse + l2, mse == mse, mse == bce)") == nil)
        #expect(harness.printed == "loss 2.0 * mse loss mse + l2 true false\n")
        #expect(harness.run("mse * [1, 2]")?.message == "cannot apply '*' to function and tensor")
        #expect(harness.run("relu + relu")?.message == "cannot apply '+' to function and function")
    }

    @Test func networksAndLossesAreCalled() {
        let harness = ModelHarness()
        #expect(harness.run("network n {\n  input 1\n  dense 1\n}\nl = mse + l2") == nil)
        #expect(harness.run("print(n([1, 2]).shape, l(n([1]), [0], n).shape)") == nil)
        #expect(harness.printed == "(2,) ()\n")
        #expect(harness.run("n(1, 2)")?.message == "a network takes one argument, the inputs: n(x)")
        #expect(harness.run("n.name = \"m\"")?.message == "member 'name' of network cannot be assigned")
    }

    @Test func aNetworkTakesADataSetOrItsInputs() {
        // The data set is recognised by its type before any cast.
        let harness = ModelHarness()
        #expect(harness.run("x = reshape(linspace(0, 1, 5), [5, 1])\ndata d = dataset(x, 2 * x)\nnetwork n {\n  input 1\n  dense 3, relu\n  dense 1\n}") == nil)
        #expect(harness.run("expect n(d) == n(x)\nprint(n(d).shape)") == nil)
        #expect(harness.printed == "(5, 1)\n")
        #expect(harness.run("n(gd(lr: 0.1))")?.message == "'function' expects a tensor as argument 1, got optimizer")
        #expect(harness.run("n(\"text\")")?.message != nil)
    }
}
