import Language

extension NotebookHost {
    public func declare(_ declaration: Declaration, context: EvaluationContext) throws -> Value {
        switch declaration.kind {
        case let .figure(figure):
            return try FigureDeclarations.declare(figure, host: self, context: context)
        case .data, .loss, .network:
            return try ModelDeclarations<Scalar>.declare(declaration, host: self, context: context)
        }
    }

    public func train(_ expression: TrainExpr, context: EvaluationContext) throws -> Value {
        try ModelDeclarations<Scalar>.train(expression, host: self, context: context)
    }
}
