import Foundation
import Language
@testable import Library
import Testing
import TensorCore

@Suite struct TrainingTests {
    @Test func xorTrainsThroughTheLanguage() throws {
        let harness = ModelHarness()
        #expect(harness.run(xorTraining + """
        outputs = sigmoid(net(d.x))
        print(outputs > 0.5)
        expect outputs > 0.5 == [0; 1; 1; 0]
        expect run.final.accuracy == 1
        expect evaluate(net, d, metric: accuracy) == 1
        print(run)
        print(run.history.epoch)
        print(run.stopped, run.epochs)
        """) == nil)
        #expect(harness.printed.contains("[[0],\n [1],\n [1],\n [0]]"))
        #expect(harness.printed.contains("training run of net: 300 epochs, 300 steps; loss "))
        #expect(harness.printed.contains("[  0,  50, 100, 150, 200, 250, 300]") || harness.printed.contains("[0, 50, 100, 150, 200, 250, 300]"))
        #expect(harness.printed.contains("completed 300"))
        #expect(harness.sink.diagnostics.isEmpty)
    }

    @Test func theSameSeedGivesTheSameWeightsBitForBit() throws {
        let notebook = xorTraining.replacingOccurrences(of: "epochs: 300", with: "epochs: 40\n  batch: 2\n  seed: 3")
        let first = ModelHarness(), second = ModelHarness()
        #expect(first.run(notebook) == nil)
        #expect(second.run(notebook) == nil)
        #expect(!first.weights("net").isEmpty)
        #expect(first.weights("net") == second.weights("net"))
        let other = ModelHarness()
        #expect(other.run(notebook.replacingOccurrences(of: "seed: 3", with: "seed: 4")) == nil)
        #expect(other.weights("net") != first.weights("net"))
    }

    @Test func aStopConditionEndsTrainingEarly() throws {
        let harness = ModelHarness()
        #expect(harness.run(xorTraining.replacingOccurrences(of: "every 50", with: "every 10\n  stop: when loss < 0.1")
            + "print(run.stopped)\nexpect run.epochs < 300") == nil)
        #expect(harness.printed.hasPrefix("stop condition met after epoch "))
    }

    @Test func aTestSetIsMeasuredToo() throws {
        let harness = ModelHarness()
        #expect(harness.run("""
        data all = moons(n: 200, noise: 0.1, seed: 0)
        data (train, test) = split(all, 0.75, seed: 1)
        network clf {
          dense 16, relu
          dense 2
        }
        run = train clf on train {
          loss: cross_entropy
          optimizer: sgd(lr: 0.1, momentum: 0.9)
          batch: 16
          epochs: 30
          record: loss, accuracy every 10
          test: test
          seed: 1
        }
        print(keys(run.history))
        expect run.final.test_accuracy > 0.8
        expect evaluate(clf, test, metric: cross_entropy) ~= run.final.test_loss within 1e-5
        expect evaluate(clf, test, metric: "loss") ~= run.final.test_loss within 1e-5
        """) == nil)
        #expect(harness.printed == "(\"epoch\", \"loss\", \"accuracy\", \"test_loss\", \"test_accuracy\")\n")
    }

    @Test func aHandWrittenLoopTrains() throws {
        let harness = ModelHarness()
        #expect(harness.run("""
        data toy = regression1d(n: 20, noise: 0.05, seed: 0)
        network fit {
          input 1
          dense 16, tanh
          dense 1
        }
        opt = sgd(lr: 0.05, momentum: 0.9)
        before = evaluate(fit, toy, metric: mse)
        for epoch in 1...40 {
          for b in batches(toy, 5, shuffle: true, seed: epoch) {
            l = mse(fit(b.x), b.y)
            step(opt, l)
          }
        }
        after = evaluate(fit, toy, metric: mse)
        print(before > after)
        expect after < 0.5 * before
        expect step([-1, 0, 2]) == [0, 1, 1]
        """) == nil)
        #expect(harness.printed == "true\n")
        #expect(harness.tensor("fit.layers[0].weight")?.shape == [1, 16])
    }

    @Test func stepInsideAFunctionUpdatesTheNotebooksNetworks() throws {
        // `step` updates what the loss reached: the network used inside the
        // function, and one renamed after its first name was rebound.
        let harness = ModelHarness()
        #expect(harness.run("""
        data toy = regression1d(n: 20, noise: 0.05, seed: 0)
        network fit {
          input 1
          dense 8, tanh
          dense 1
        }
        opt = gd(lr: 0.1)
        fn descend(n) {
          for i in 1...n { step(opt, mse(fit(toy.x), toy.y)) }
        }
        before = evaluate(fit, toy, metric: mse)
        descend(20)
        after = evaluate(fit, toy, metric: mse)
        expect after < before
        kept = fit
        fit = 0
        step(opt, mse(kept(toy.x), toy.y))
        expect evaluate(kept, toy, metric: mse) < after
        """) == nil)
    }

    @Test func aNonFiniteLossNamesEpochAndStep() throws {
        let harness = ModelHarness()
        let diagnostic = harness.run("""
        data toy = regression1d(n: 20, seed: 0)
        network big {
          dense 8, relu
          dense 1
        }
        train big on toy {
          loss: mse
          optimizer: sgd(lr: 1e6)
          epochs: 100
        }
        """)
        #expect(diagnostic?.kind == .runtime)
        #expect(diagnostic?.message.hasPrefix("the loss became") == true)
        #expect(diagnostic?.message.contains(", step 1: training diverged") == true)
        #expect(diagnostic?.hint == "try a smaller learning rate (it is 1000000.0)")
        #expect(diagnostic?.range?.startLocation.line == 6)
    }

    @Test func customActivationsAreDlnFunctions() throws {
        let harness = ModelHarness()
        #expect(harness.run("""
        fn rect(z) = clamp(z, 0, 1)
        network shallow {
          input 1
          dense 3, rect
          dense 1
        }
        shallow.layers[0].weight = [1, 1, 1]
        shallow.layers[0].bias = [0, -0.5, -2]
        shallow.layers[1].weight = [1; 1; 1]
        print(shallow(linspace(0, 1, 3)))
        print(shallow)
        g = grad(w -> sum(w * 2), at: [1])
        """) == nil)
        #expect(harness.printed.hasPrefix("[0.0, 0.5, 1.5]\nnetwork shallow (10 parameters)\n  input 1\n  dense 3, rect\n  dense 1\n"))
    }
}
