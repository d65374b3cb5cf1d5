import Language

/// `figure "name" (options) { … }`: builds a figure, draws it, and shows where it went.
enum FigureDeclarations {
    static func declare(_ figure: FigureDecl, host: HostOutput, context: EvaluationContext) throws -> Value {
        let nameValue = try context.evaluate(figure.name)
        guard let name = nameValue.string, !name.isEmpty else {
            throw DiagnosticError(Diagnostic(.type, "a figure's name must be a non-empty string, got \(nameValue.typeName)",
                                             at: figure.name.range))
        }
        let scope = FigureScope(name: name, context: context)
        let built = try FigureBuilder(scope: scope).build(figure)
        let value = try FigureOutput(host: host, scope: scope).show(built)
        // Shown here rather than returned: the host's `format` knows only tensors, and in
        // the REPL the drawing itself is the output.
        if value.image != nil {
            context.evaluator.sink.display(.host(value), text: value.description)
        }
        return .none
    }
}
