import Foundation
import Language
import NeuralNet
import TensorCore

/// Builtins around networks: `params`, `predict`, `evaluate`, `accuracy`,
/// `confusion`, and `step(opt, l)` for hand-written loops (`save` and `load`: SaveBuiltins).
enum ModelBuiltins<Scalar: TensorScalar> {
    /// Registers every builtin of networks, data, losses, optimisers and initialisers.
    static func install(into environment: Environment) {
        for builtin in DataBuiltins<Scalar>.all + DataTransformBuiltins<Scalar>.all + LossValue<Scalar>.builtins + OptimizerValue<Scalar>.builtins
            + InitializerValue.builtins + SaveBuiltins<Scalar>.all + all {
            environment.define(builtin)
        }
        environment.define(step(extending: environment.lookup("step")))
    }

    static var all: [Builtin] { [
        Builtin("param", parameters: ["x"], help: BuiltinHelp(
            .shapes, "param(x)", summary: "a trainable copy of x, which `step(opt, loss)` updates")) { a, _ in
            let tensor = try a.tensor(0, Scalar.self).detached()
            tensor.requiresGradient = true
            return .tensor(tensor)
        },
        Builtin("params", parameters: ["net"], help: help("params(net)", "the number of parameters of a network")) { a, _ in
            .number(Double(try NetworkValue<Scalar>.required(a, 0).built().parameterCount))
        },
        Builtin("predict", parameters: ["net", "x"], help: help("predict(net, x)", "a network's outputs, without recording gradients")) { a, _ in
            .tensor(try NetworkValue<Scalar>.required(a, 0).apply(try inputs(a, 1), recording: false))
        },
        Builtin("evaluate", parameters: ["net", "data"], named: ["metric", "loss"], help: help(
            "evaluate(net, data, metric: accuracy)", "the accuracy of a network on a data set, or a loss (`metric: mse`, or `metric: \"loss\"` for the last one trained with)",
            details: "The network runs without recording gradients. metric: \"loss\" measures the loss given by\n`loss:`, else the one the network was last trained with.")) { a, _ in
            let (value, data) = (try NetworkValue<Scalar>.required(a, 0), try a.dataSet(1, Scalar.self))
            let network = try value.built(forSamples: Array(data.inputs.shape.dropFirst()))
            let outputs = try ModelErrors.translating { try Evaluation.outputs(of: network, on: data.inputs) }
            if let loss = try metricLoss(a, network: value) {
                let result = try ModelErrors.translating { try GradientMode.withoutGradients { try loss(outputs, data.targets, network: network) } }
                return .number(Double(result.scalars[0]))
            }
            return .number(try ModelErrors.translating { try Metrics.accuracy(outputs, data.targets) })
        },
        Builtin("accuracy", parameters: ["outputs", "labels"], help: help("accuracy(outputs, labels)", "the fraction classified correctly")) { a, _ in
            .number(try ModelErrors.translating { try Metrics.accuracy(try a.tensor(0, Scalar.self), try a.tensor(1, Scalar.self)) })
        },
        Builtin("confusion", parameters: ["net", "data"], help: help("confusion(net, data)", "counts of (true, predicted) class pairs")) { a, _ in
            let (value, data) = (try NetworkValue<Scalar>.required(a, 0), try a.dataSet(1, Scalar.self))
            let outputs = try value.apply(data.inputs, recording: false)
            return .tensor(try ModelErrors.translating { try Metrics.confusionMatrix(outputs, data.targets).tensor(as: Scalar.self) })
        },
    ] }

    private static func help(_ form: String, _ summary: String, details: String = "") -> BuiltinHelp {
        BuiltinHelp(.networks, form, summary: summary, details: details)
    }

    private static var stepHelp: BuiltinHelp { BuiltinHelp(
        .elementwise, "step(x)", "step(opt, loss)", summary: "Heaviside step: 1 where x ≥ 0, else 0; or one optimiser step",
        details: "step(opt, loss) back-propagates the one-number loss and lets the optimiser update every\nparameter the loss depends on (of networks and param(…) tensors), zeroing the gradients.") }

    /// `step(opt, l)`: back-propagates the one-number loss `l` and lets the
    /// optimiser update the trainable tensors the loss was computed from
    /// (network parameters, `param(…)` tensors), zeroing their gradients.
    /// `step(x)` stays the Heaviside step.
    static func step(extending heaviside: Value?) -> Builtin {
        Builtin("step", parameters: ["x", "loss"], required: 1, help: stepHelp) { a, context in
            guard let optimizer = a[0]?.hostObject(OptimizerValue<Scalar>.self) else {
                guard a.count == 1, case let .builtin(original)? = heaviside else {
                    throw a.typeError(0, expected: "an optimizer (step(opt, loss)) or a tensor (step(x))")
                }
                return try original.body(a, context)
            }
            try takeStep(optimizer, a)
            return .none
        }
    }

    /// Back-propagates the loss `a[1]` and updates what it reached.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    private static func takeStep(_ optimizer: OptimizerValue<Scalar>, _ a: Arguments) throws {
        guard a.count == 2, let loss = a[1]?.asTensor(Scalar.self), loss.count == 1 else {
            throw DiagnosticError(.type, "'step' needs the loss as one number, as in step(opt, cross_entropy(net(x), y))")
        }
        let reached = try ModelErrors.translating { try loss.backwardToTrainableLeaves() }
        guard !reached.isEmpty else {
            throw DiagnosticError(.runtime, "'step' found nothing to update: the loss depends on no network's parameters and on no param(…) tensor",
                                  hint: "make a free tensor trainable with w = param([1, 2]) before computing the loss from it")
        }
        optimizer.optimizer.step(reached)
    }

    /// The inputs at `index`: a tensor, or a data set's `x`.
    private static func inputs(_ a: Arguments, _ index: Int) throws -> Tensor<Scalar> {
        if let data = a[index]?.hostValue as? DataSetValue<Scalar> { return data.dataset.inputs }
        return try a.tensor(index, Scalar.self)
    }

    /// The loss `evaluate` should measure, or nil for accuracy.
    private static func metricLoss(_ a: Arguments, network: NetworkValue<Scalar>) throws -> Loss<Scalar>? {
        let given = try a.named("loss").map { try LossValue<Scalar>.required($0, for: "'evaluate'") }
        guard let metric = a.named("metric") else { return nil }
        if case let .builtin(builtin) = metric, builtin.name == "accuracy" { return nil }
        if metric.string == "accuracy" { return nil }
        if metric.string == "loss" {
            guard let loss = given ?? network.lastLoss else {
                throw DiagnosticError(.runtime, "'evaluate' does not know which loss to measure",
                                      hint: "pass one, as in evaluate(net, test, metric: cross_entropy)")
            }
            return loss
        }
        if let loss = LossValue<Scalar>.from(metric) { return loss }
        throw DiagnosticError(.type, "'evaluate' expects accuracy, \"loss\" or a loss for 'metric:', got \(metric.typeName)")
    }
}
