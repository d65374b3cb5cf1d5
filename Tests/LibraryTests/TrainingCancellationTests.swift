import Foundation
import Language
@testable import Library
import Testing
import TensorCore

@Suite struct TrainingCancellationTests {
    /// XOR trained full-batch (one step per epoch) through an activation that
    /// counts its calls; the harness's `cancelAt` call sets the evaluator's
    /// flag from another thread.
    private func notebook(epochs: Int) -> String {
        """
        data d = xor()
        network net {
          input 2
          dense 4, tick
          dense 1
        }
        run = train net on d {
          loss: bce
          optimizer: sgd(lr: 0.5, momentum: 0.9)
          epochs: \(epochs)
          init: glorot(seed: 5)
          record: loss every 100000
        }

        """
    }

    private func harness(cancellingAtCall target: Int?) -> ModelHarness {
        let harness = ModelHarness()
        let counter = Counter()
        let flag = harness.evaluator.cancellation
        harness.evaluator.globals.define(Builtin("tick", parameters: ["x"], help: BuiltinHelp(.general, "tick(x)", summary: "counts calls")) { a, _ in
            if counter.next() == target {
                let done = DispatchSemaphore(value: 0)
                Thread.detachNewThread { flag.cancel(); done.signal() }
                done.wait()
            }
            return .tensor(try a.tensor(0, Float.self).tanh())
        })
        return harness
    }

    @Test func ctrlCStopsAtAStepBoundaryAndKeepsTheNetworkUsable() throws {
        // Calls: 1 the compatibility probe, 2… the steps (full-batch, so step 1's
        // forward pass also gives the initial record): call 4 is step 3.
        let interrupted = harness(cancellingAtCall: 4)
        let diagnostic = interrupted.run(notebook(epochs: 50))
        #expect(diagnostic?.kind == .interrupted)
        #expect(diagnostic?.message.hasPrefix("interrupted: training of net stopped in epoch 4") == true)

        let reference = harness(cancellingAtCall: nil)
        #expect(reference.run(notebook(epochs: 3)) == nil)
        #expect(!reference.weights("net").isEmpty)
        #expect(interrupted.weights("net") == reference.weights("net"))

        interrupted.evaluator.cancellation.reset()
        #expect(interrupted.run("print(params(net))\ny = net(d.x)\nprint(y.shape)") == nil)
        #expect(interrupted.printed == "17\n(4, 1)\n")
    }
}

/// A thread-safe call counter.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func next() -> Int {
        lock.lock(); defer { lock.unlock() }
        count += 1
        return count
    }
}
