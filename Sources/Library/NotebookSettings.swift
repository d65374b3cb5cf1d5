import Language

/// Settings a notebook makes for itself in a cell titled `settings`, read
/// before anything runs because they choose how the session is built:
///
///     %% settings
///     precision = 64
///
/// The cell also runs as usual, so `precision` stays bound.
public enum NotebookSettings {
    /// The precision the notebook's `settings` cell asks for, if any.
    public static func precision(in notebook: Notebook) throws -> Precision? {
        guard let index = notebook.cells.firstIndex(where: { $0.title == "settings" && $0.kind == .code }) else { return nil }
        let parsed = Parser.parse(notebook.source, range: notebook.cells[index].bodyRange)
        for case let .assignment(.name("precision", _), value, range) in parsed.program.statements {
            guard case let .number(bits, _) = value, let precision = Precision(rawValue: Int(exactly: bits) ?? 0) else {
                throw DiagnosticError(Diagnostic(.type, "'precision' in the settings cell must be 32 or 64",
                                                 at: range, hint: "write precision = 64 for float64 tensors"))
            }
            return precision
        }
        return nil
    }
}
