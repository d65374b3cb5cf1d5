import Language
import NeuralNet
import TensorCore

/// One `train NET on DATA { … }`: checks the network against the data, then
/// lets NeuralNet's `Trainer` run natively, with progress on stderr, the
/// evaluator's cancellation flag checked before every step, and the stop
/// condition evaluated by the notebook's evaluator at every recording.
struct TrainingSession<Scalar: TensorScalar> {
    let expression: TrainExpr
    let host: HostOutput
    let context: EvaluationContext

    func run() throws -> Value {
        let networkValue = try operand(expression.network, as: NetworkValue<Scalar>.self, "a network")
        let data = try operand(expression.data, as: DataSetValue<Scalar>.self, "a data set")
        let options = try TrainOptions<Scalar>(expression.options, context: context)
        guard let loss = options.loss, let optimizer = options.optimizer, let epochs = options.epochs else {
            throw context.error(.syntax, "train needs a loss, an optimizer and a number of epochs")
        }
        let network = try networkValue.built(forSamples: data.sampleShape)
        if let test = options.test { _ = try networkValue.built(forSamples: test.sampleShape, what: "the test set has") }
        if let initializer = options.initializer { try networkValue.reinitialize(initializer) }

        var stopError: DiagnosticError?
        let condition = options.stop.map { stop in
            { (metrics: TrainingMetrics) -> Bool in
                do {
                    return try self.holds(stop, for: metrics)
                } catch let error as DiagnosticError {
                    stopError = error
                } catch {
                    stopError = DiagnosticError(Diagnostic(.runtime, "\(error)", at: stop.range))
                }
                return true
            }
        }
        let configuration = TrainingConfiguration<Scalar>(
            epochs: epochs, batchSize: options.batchSize, shuffleSeed: options.seed, recordEvery: options.recordEvery,
            metrics: options.metrics, recordInitial: true, testData: options.test?.dataset, stopCondition: condition)
        let trainer = Trainer(network: network, data: data.dataset, loss: loss, optimizer: optimizer.optimizer, configuration: configuration)
        let reporter = ProgressReporter(enabled: host.showsProgress, stream: host.progressStream)
        let cancellation = context.evaluator.cancellation
        let run: TrainingRun
        do {
            run = try ModelErrors.translating {
                defer { reporter.finish() }
                // No reporter, no clock read and report made after every step.
                return try trainer.run(isCancelled: { cancellation.isCancelled }, progress: host.showsProgress ? reporter.report : nil)
            }
        } catch let error as DiagnosticError where error.diagnostics.contains(where: { $0.kind == .interrupted }) {
            // A dln activation noticed Ctrl-C before the trainer did.
            throw interrupted(networkValue, at: "")
        }
        if let stopError { throw stopError }
        networkValue.lastLoss = loss
        if case let .interrupted(epoch, step) = run.stopReason {
            throw interrupted(networkValue, at: " in epoch \(epoch) before step \(step)")
        }
        return .host(TrainingRunValue<Scalar>(run, networkName: networkValue.name))
    }

    private func interrupted(_ network: NetworkValue<Scalar>, at place: String) -> DiagnosticError {
        context.error(.interrupted, "interrupted: training of \(network.name) stopped\(place)",
                      hint: "the network keeps the weights of the last completed step")
    }

    /// Evaluates the stop condition with the metrics just recorded bound as names.
    private func holds(_ condition: Expr, for metrics: TrainingMetrics) throws -> Bool {
        let scope = Environment(enclosing: context.environment)
        scope.define("epoch", .number(Double(metrics.epoch)))
        for name in metrics.names { scope.define(name, metrics[name].map { .number($0) } ?? .none) }
        let value = try EvaluationContext(evaluator: context.evaluator, environment: scope, range: condition.range).evaluate(condition)
        if let flag = value.bool { return flag }
        if let tensor = value.asTensor(Scalar.self), value.hostValue != nil { return tensor.count > 0 && tensor.scalars.allSatisfy { $0 != 0 } }
        throw DiagnosticError(Diagnostic(.type, "the stop condition must be a bool, got \(value.typeName)", at: condition.range))
    }

    private func operand<T>(_ expression: Expr, as type: T.Type, _ expected: String) throws -> T {
        let value = try context.evaluate(expression)
        guard let operand = value.hostValue as? T else {
            throw DiagnosticError(Diagnostic(.type, "train expects \(expected) here, got \(value.typeName)", at: expression.range))
        }
        return operand
    }
}
