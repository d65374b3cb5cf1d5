import Language

/// `figure "name" (options) { … }`: builds a figure and draws it.
enum FigureDeclarations {
    static func declare(_ figure: FigureDecl, host: NotebookHost, context: EvaluationContext) throws -> Value {
        throw context.error(.runtime, "figures are not available yet")
    }
}
