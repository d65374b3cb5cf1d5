import Testing
import TensorCore
@testable import NeuralNet

@Suite("Optimizers")
struct OptimizerTests {
    /// Gives `parameter` the gradient `values` (through a recorded product).
    func setGradient(_ parameter: Tensor<Float>, _ values: [Float]) throws {
        parameter.requiresGradient = true
        try parameter.multiplying(Tensor(shape: parameter.shape, scalars: values)).sum().backward()
    }

    @Test func gradientDescentStepsAndZeroesGradients() throws {
        let p = Tensor<Float>([1, 2])
        try setGradient(p, [0.5, -1])
        GradientDescent<Float>(learningRate: 0.1).step([p])
        #expect(close(p.scalars, [0.95, 2.1]))
        #expect(p.gradient == nil)
    }

    @Test func momentumAndNesterov() throws {
        let plain = Tensor<Float>([0]), nesterov = Tensor<Float>([0])
        let sgd = SGD<Float>(learningRate: 0.1, momentum: 0.9), look = SGD<Float>(learningRate: 0.1, momentum: 0.9, nesterov: true)
        for _ in 0..<2 {
            try setGradient(plain, [1]); sgd.step([plain])
            try setGradient(nesterov, [1]); look.step([nesterov])
        }
        #expect(close(plain.scalars, [-0.29]))  // v = 1, 1.9
        #expect(close(nesterov.scalars, [-0.461]))  // 0.1·(1 + 0.9), then 0.1·(1 + 1.71)
        #expect(look.description == "sgd(lr: 0.1, momentum: 0.9, nesterov: true)")
    }

    @Test func adamTakesBiasCorrectedSteps() throws {
        let p = Tensor<Float>([0, 0])
        let adam = Adam<Float>(learningRate: 0.1)
        try setGradient(p, [0.5, -2]); adam.step([p])
        #expect(close(p.scalars, [-0.1, 0.1], 1e-6))  // the first step is lr · sign(g)
        try setGradient(p, [0.5, -2]); adam.step([p])
        #expect(close(p.scalars, [-0.2, 0.2], 1e-6))  // a constant gradient keeps m̂/√v̂ = ±1
        adam.reset()
        let untouched = Tensor<Float>([3])
        adam.step([untouched])  // no gradient: no change
        #expect(untouched.scalars == [3])
    }

    @Test func optionsAreValidatedByName() throws {
        #expect(try OptimizerCatalog.make("sgd", options: ["lr": .number(0.1), "momentum": .number(0.9)], as: Float.self).description
            == "sgd(lr: 0.1, momentum: 0.9)")
        #expect(try OptimizerCatalog.make("adam", options: [:], as: Float.self).learningRate == 0.001)
        func failure(_ name: String, _ options: [String: OptionValue]) -> String? {
            errorText { _ = try OptimizerCatalog.make(name, options: options, as: Float.self) }
        }
        #expect(failure("adm", [:]) == "unknown optimizer 'adm'; choose one of gd, sgd, adam")
        #expect(failure("sgd", ["lr": .number(0.1), "momentun": .number(0.9)]) == "sgd has no option 'momentun'; its options are lr, momentum, nesterov")
        #expect(failure("gd", ["lr": .text("fast")]) == "gd: lr must be a number, got \"fast\"")
        #expect(failure("gd", ["lr": .number(.nan)]) == "gd: lr must be finite and > 0, got nan")
        #expect(failure("gd", ["lr": .number(.infinity)]) == "gd: lr must be finite and > 0, got inf")
        #expect(failure("gd", ["lr": .number(1e300)]) == "gd: lr 1e+300 cannot be held in float32 (it becomes inf); use a value in its range, or float64 tensors (--precision 64)")
        #expect(failure("sgd", [:]) == "sgd needs a learning rate, as in sgd(lr: 0.1)")
        #expect(failure("sgd", ["lr": .number(0.1), "nesterov": .flag(true)]) == "sgd: nesterov needs a momentum > 0")
        #expect(failure("adam", ["beta1": .number(1)]) == "adam: beta1 must be in [0, 1), got 1.0")
    }
}
