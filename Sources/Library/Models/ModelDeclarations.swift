import Language
import TensorCore
import NeuralNet

/// `data`, `loss` and `network` declarations and `train … on … { … }`.
enum ModelDeclarations<Scalar: TensorScalar> {
    static func declare(_ declaration: Declaration, host: HostOutput, context: EvaluationContext) throws -> Value {
        switch declaration.kind {
        case let .data(_, _, expression):
            let value = try context.evaluate(expression)
            switch value {
            case .host, .record, .list: return value
            default:
                throw DiagnosticError(Diagnostic(.type, "'data' expects a data set (or a list or record of them), got \(value.typeName)",
                                                 at: expression.range, hint: "make one with csv(…), dataset(x, y), split(…) or a generator such as moons(n: 200, seed: 0)"))
            }
        case let .loss(_, expression):
            let value = try context.evaluate(expression)
            do {
                return .host(LossValue(try LossValue<Scalar>.required(value, for: "'loss'")))
            } catch let error as DiagnosticError {
                throw error.placed(at: expression.range)
            }
        case let .network(name, body):
            return .host(try NetworkDeclaration<Scalar>(context: context).read(name: name.name, body: body))
        case .figure:
            throw context.error(.runtime, "figures are declared elsewhere")
        }
    }

    static func train(_ expression: TrainExpr, host: HostOutput, context: EvaluationContext) throws -> Value {
        try TrainingSession<Scalar>(expression: expression, host: host, context: context).run()
    }
}
