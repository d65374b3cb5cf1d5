import Language

/// `data`, `loss` and `network` declarations and `train … on … { … }`.
enum ModelDeclarations {
    static func declare(_ declaration: Declaration, host: NotebookHost, context: EvaluationContext) throws -> Value {
        throw context.error(.runtime, "data, loss and network declarations are not available yet")
    }

    static func train(_ expression: TrainExpr, host: NotebookHost, context: EvaluationContext) throws -> Value {
        throw context.error(.runtime, "training is not available yet")
    }
}
