import Foundation
import Language
@testable import Library
import Testing

/// Runs dln code in a session of the given precision and returns what it printed,
/// or the first diagnostic's message.
private func run(_ source: String, precision: Precision = .single) -> (printed: String, error: String?) {
    let sink = BufferSink()
    let session = NotebookSession(sink: sink, precision: precision)
    let parsed = Parser.parse(SourceFile(name: "trust.dln", text: source))
    if let first = parsed.diagnostics.first { return ("", first.message) }
    do {
        _ = try LargeStack.run { try session.evaluator.run(parsed.program, displaysResult: false) }
    } catch let error as DiagnosticError {
        return (sink.printed, error.diagnostics.first?.message)
    } catch {
        return (sink.printed, "\(error)")
    }
    return (sink.printed, sink.diagnostics.first?.message)
}

@Suite("Numbers you can trust") struct NumericTrustTests {
    @Test func float64SessionsComputeLikelihoodsToNineDecimals() {
        // The Gaussian negative log-likelihood of four points, σ = 1.3: 4.89680882382475 in Float64.
        let source = """
            y = [0.3, 1.2, -0.5, 2.0]; mu = [0.1, 1.0, 0.0, 1.5]; s = 1.3
            print(sum(0.5 * log(2 * 3.141592653589793 * s^2) + (y - mu)^2 / (2 * s^2)))
            print(y.dtype)
            """
        #expect(run(source, precision: .double).printed == "4.89680882382475\nfloat64\n")
        #expect(run(source).printed == "4.8968086\nfloat32\n")
    }

    @Test func float64ReachesNetworksLossesAndData() {
        let source = """
            data d = regression1d(n: 20, seed: 0)
            network net { dense 4, relu; dense 1 }
            run = train net on d {
              loss: mse
              optimizer: sgd(lr: 0.05)
              epochs: 3
              batch: all
            }
            print(d.x.dtype, net(d.x).dtype, mse(net(d.x), d.y).dtype, run.history.loss.dtype)
            """
        #expect(run(source, precision: .double).printed == "float64 float64 float64 float64\n")
        let generated = """
            m = mnist1d(train: 100, test: 100)
            data d = relabel(m.train, shuffle(m.train.y, seed: 1))
            print(d.x.dtype, m.test.y.dtype, m.t.dtype, one_hot(d).y.dtype, split(d, 0.5, seed: 0)[0].x.dtype)
            """
        #expect(run(generated, precision: .double).printed == "float64 float64 float64 float64 float64\n")
        #expect(run("data b = moons(n: 10, seed: 0)\nprint(standardise(b).x.dtype, xor().x.dtype)", precision: .double).printed
            == "float64 float64\n")
    }

    @Test func arangeExcludesItsEndAsNumPyDoes() {
        #expect(run("print(size(arange(0, 1, step: 0.01)), arange(0, 1, step: 0.01)[-1])").printed == "100 0.99\n")
        #expect(run("print(size(arange(0, 0.3, step: 0.1)))").printed == "3\n")
        #expect(run("print(size(arange(5)), size(arange(1, 2, step: 0.1)))").printed == "5 10\n")
        #expect(run("print(number(linspace(0, 1, 3)[-1]))").printed == "1\n")
    }

    @Test func plainNumbersKeepSixtyFourBits() {
        #expect(run("print(log(1e50), exp(100), sqrt(1e80), sqrt(2))").printed
            == "115.12925464970229 2.6881171418161356e+43 1e+40 1.4142135623730951\n")
        #expect(run("for K in [5, 20] { print(6 ^ (10 * K)) }").printed == "8.08281277464764e+38\n4.268252238120274e+155\n")
    }

    @Test func gradientsOfGradientsAreExact() {
        #expect(run("print(grad(x -> grad(y -> y^3, at: x), at: 2))", precision: .double).printed == "12\n")
        let nested = """
            fn h(x) = grad(p -> sum(p^3), at: x)
            print(grad(x -> sum(h(x) * x), at: [1, 2]))
            """
        #expect(run(nested, precision: .double).printed == "[ 9, 36]\n")
        let third = "print(grad(a -> grad(b -> grad(c -> c^4, at: b), at: a), at: 1))"
        #expect(run(third, precision: .double).printed == "24\n")
    }

    @Test func secondDerivativesThroughFusedKernelsAreRefusedByName() {
        let source = """
            network n {
              input 1
              dense 3, relu
              dense 1
            }
            grad(x -> sum(grad(p -> sum(n(p)), at: x)), at: [1.0])
            """
        #expect(run(source).error?.hasPrefix("a network's dense layers (one fused operation): second derivatives") == true)
        #expect(run("print(clamp(1e50, 0, 1e60))").printed == "1e+50\n")
    }

    @Test func numberInsideGradIsADiagnostic() {
        #expect(run("grad(p -> number(p) ^ 2, at: 3)").error?.contains("'number' inside a function being differentiated") == true)
        // Outside grad, number() of a recorded value is fine.
        #expect(run("w = param([2.0]); l = sum(w * w); print(number(l))").printed == "4\n")
    }

    @Test func optimisersUpdateParamTensorsAndRefuseWhenNothingIsReached() {
        let source = """
            w = param([1.0, -2.0])
            opt = sgd(lr: 0.25)
            step(opt, sum((w - [3, 4])^2))
            print(w)
            """
        // w ← w − 0.25 · 2(w − t) = (w + t) / 2.
        #expect(run(source).printed == "[2, 1]\n")
        #expect(run("v = [1.0]; step(gd(lr: 0.1), sum(v^2))").error?.hasPrefix("'step' found nothing to update") == true)
    }

    @Test func stepUpdatesWhatTheLossReachedWhereverItIsHeld() {
        // A param inside a record or a list is bound to no name; the loss reaches it all the same.
        let source = """
            model = {w: param([1.0, 2.0])}
            others = list(param([4.0]))
            step(sgd(lr: 0.25), sum(model.w * model.w) + sum(others[0]))
            print(model.w, others[0])
            """
        #expect(run(source).printed == "[0.5, 1.0] [3.75]\n")
    }

    @Test func formatAndRoundGiveTidyOutput() {
        #expect(run("print(format(100 * (1 - [0.1345])[0], digits: 1))").printed == "86.5\n")
        #expect(run("print(format(2 / 3, digits: 3), format([1, 2.5], digits: 1))").printed == "0.667 [1.0, 2.5]\n")
        #expect(run("print(round(2.345678, digits: 2))").printed == "2.35\n")
    }
}
