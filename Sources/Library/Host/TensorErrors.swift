import Language
import TensorCore

/// Turns engine errors into the language's diagnostics, so that a shape
/// problem reads like one and names the shapes involved.
enum TensorErrors {
    static func diagnostic(_ error: TensorError) -> DiagnosticError {
        switch error {
        case .shapeMismatch(let operation, _, _) where operation == "@":
            return DiagnosticError(.shape, error.description,
                                   hint: "for a @ b the last size of a must equal the first (of the last two) of b; ' transposes")
        case .shapeMismatch:
            return DiagnosticError(.shape, error.description,
                                   hint: "sizes must be equal or 1 along each axis, counted from the last")
        case .invalidAxis, .indexOutOfRange:
            return DiagnosticError(.shape, error.description)
        case .invalidShape:
            return DiagnosticError(.limit, error.description)
        case .invalidArgument:
            return DiagnosticError(.runtime, error.description)
        case .higherOrderUnsupported:
            return DiagnosticError(.runtime, error.description,
                                   hint: "inside the inner grad, write the computation with tensor operations (W @ x + b, relu, sum of squares) instead of a network call or a built-in loss")
        case .blasUnavailable:
            return DiagnosticError(.runtime, error.description)
        }
    }

    /// Runs `body`, turning a `TensorError` into a diagnostic.
    static func translating<R>(_ body: () throws -> R) throws -> R {
        do { return try body() } catch let error as TensorError { throw diagnostic(error) }
    }
}
