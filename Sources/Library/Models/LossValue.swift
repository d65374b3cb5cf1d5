import Language
import NeuralNet
import TensorCore

/// A loss as a value: `loss reg = cross_entropy + 0.01 * l2` binds one,
/// `train` takes one, and it can be called: `reg(net(x), y, net)`.
final class LossValue<Scalar: TensorScalar>: HostValue, CustomStringConvertible {
    let loss: Loss<Scalar>

    init(_ loss: Loss<Scalar>) {
        self.loss = loss
    }

    var typeName: String { "loss" }
    var description: String { "loss \(loss.description)" }

    /// `reg(net(x), y)` or `reg(net(x), y, net)`.
    func call(_ arguments: Arguments, context: EvaluationContext) throws -> Value {
        guard arguments.count == 2 || arguments.count == 3 else {
            throw context.error(.type, "a loss takes the outputs and the targets (and the network, for l2): \(arguments.callee)(net(x), y)")
        }
        return try Self.apply(loss, arguments, context: context)
    }

    /// `a + b` of two losses and `k * loss` (or `loss * k`); nil declines.
    func applying(_ op: BinaryOperator, _ lhs: Value, _ rhs: Value, context: EvaluationContext) throws -> Value? {
        Self.combine(op, lhs, rhs)
    }

    /// The loss a value stands for: a loss value, or a built-in loss function by name.
    static func from(_ value: Value) -> Loss<Scalar>? {
        if let value = value.hostValue as? LossValue<Scalar> { return value.loss }
        if case let .builtin(builtin) = value, Loss<Scalar>.builtInNames.contains(builtin.name) {
            return try? Loss<Scalar>.named(builtin.name)
        }
        return nil
    }

    /// The loss a value stands for, or a type error naming `what`.
    static func required(_ value: Value, for what: String) throws -> Loss<Scalar> {
        guard let loss = from(value) else {
            throw DiagnosticError(.type, "\(what) expects a loss such as mse, cross_entropy or cross_entropy + 0.01 * l2, got \(value.typeName)",
                                  hint: "the built-in losses are \(Loss<Scalar>.builtInNames.joined(separator: ", "))")
        }
        return loss
    }

    /// `a + b` of two losses and `k * loss` (or `loss * k`); nil when the operands are not losses.
    static func combine(_ op: BinaryOperator, _ lhs: Value, _ rhs: Value) -> Value? {
        switch op {
        case .add:
            guard let a = from(lhs), let b = from(rhs) else { return nil }
            return .host(LossValue(a + b))
        case .multiply:
            if let factor = lhs.number, let loss = from(rhs) { return .host(LossValue(factor * loss)) }
            if let factor = rhs.number, let loss = from(lhs) { return .host(LossValue(factor * loss)) }
            return nil
        default:
            return nil
        }
    }

    /// The loss of `outputs` against `targets`, recorded for `step`; `network` feeds `l2`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func apply(_ loss: Loss<Scalar>, _ arguments: Arguments, context: EvaluationContext) throws -> Value {
        let (outputs, targets) = (try arguments.tensor(0, Scalar.self), try arguments.tensor(1, Scalar.self))
        let network = try arguments[2].map { _ in try NetworkValue<Scalar>.required(arguments, 2).built() }
        return .tensor(try ModelErrors.translating { try loss(outputs, targets, network: network) })
    }

    /// The built-in losses: called with outputs and targets they compute the
    /// loss; called with options only (`gaussian_nll(sigma: 2)`) they make one.
    static var builtins: [Builtin] { help.map { name, help in
        Builtin(name, parameters: name == "l2" ? ["net"] : ["outputs", "targets", "net"], required: 0,
                named: name == "gaussian_nll" ? ["sigma"] : name == "l2" || name == "least_squares" ? [] : ["reduction"],
                help: help, operand: { (try? Loss<Scalar>.named(name)).map(LossValue.init) }) { a, context in
            let loss = try configured(name, a)
            if name == "l2", a.count == 1 {
                let network = try NetworkValue<Scalar>.required(a, 0).built()
                return .tensor(try ModelErrors.translating { try Losses.l2(network) })
            }
            if a.count == 0 { return .host(LossValue(loss)) }
            guard a.count >= 2 else { throw DiagnosticError(.type, "'\(name)' needs the outputs and the targets, as in \(name)(net(x), y)") }
            return try apply(loss, a, context: context)
        }
    } }

    /// The help on each of NeuralNet's built-in losses (a test checks that none is missing).
    static var help: KeyValuePairs<String, BuiltinHelp> { [
        "mse": loss("mse(outputs, targets, reduction: \"mean\")", "mean squared error"),
        "least_squares": loss("least_squares(outputs, targets)", "the sum of squared errors, as on the slides"),
        "bce": loss("bce(logits, labels)", "binary cross-entropy from one logit per sample"),
        "cross_entropy": loss("cross_entropy(logits, labels)", "softmax cross-entropy from class logits, against labels"),
        "nll": loss("nll(log_probabilities, labels)", "negative log-likelihood from log-probabilities"),
        "gaussian_nll": loss("gaussian_nll(sigma: 1)", "Gaussian negative log-likelihood with a fixed deviation"),
        "hinge": loss("hinge(outputs, labels)", "hinge loss against labels ±1"),
        "l2": loss("l2(net)", "the sum of a network's squared weights (a regulariser)"),
    ] }

    private static func loss(_ form: String, _ summary: String) -> BuiltinHelp {
        BuiltinHelp(.losses, form, summary: summary,
                    details: "Called with outputs and targets it computes the loss; alone (or with options) it is a loss for\n`loss NAME = …` and `train`, combined with + and a number times a loss.")
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    private static func configured(_ name: String, _ a: Arguments) throws -> Loss<Scalar> {
        if name == "gaussian_nll" {
            let sigma = try a.number(named: "sigma", default: 1)
            guard sigma > 0, sigma.isFinite else { throw DiagnosticError(.runtime, "gaussian_nll needs sigma > 0, got \(sigma)") }
            return .gaussianNegativeLogLikelihood(sigma: Scalar(sigma))
        }
        guard let value = a.named("reduction") else { return try ModelErrors.translating { try Loss<Scalar>.named(name) } }
        guard let text = value.string, let reduction = Reduction(rawValue: text) else {
            throw DiagnosticError(.type, "'\(name)' expects \"sum\" or \"mean\" for 'reduction:'")
        }
        return try ModelErrors.translating { try Loss<Scalar>.named(name, reduction: reduction) }
    }
}
