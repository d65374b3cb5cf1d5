import Foundation
import Language
import NeuralNet
import TensorCore

/// Turns the NeuralNet module's errors into the language's diagnostics.
enum ModelErrors {
    /// The diagnostic for an error thrown by NeuralNet or TensorCore.
    static func diagnostic(_ error: Error) -> DiagnosticError {
        switch error {
        case let error as DiagnosticError: return error
        case let error as TensorError: return TensorErrors.diagnostic(error)
        case let error as NetworkError: return DiagnosticError(.shape, error.description)
        case let error as LayerError: return DiagnosticError(.shape, error.description)
        case let error as LossError: return DiagnosticError(.shape, error.description)
        case let error as OptimizerError: return DiagnosticError(.type, error.description)
        case let error as InitializerError: return DiagnosticError(.runtime, error.description)
        case let error as SafetensorsError: return DiagnosticError(.io, error.description)
        case let error as DataError:
            if case .invalidArgument = error { return DiagnosticError(.runtime, error.description) }
            return DiagnosticError(.io, error.description)
        case let TrainingError.nonFiniteLoss(epoch, step, value, rate, _):
            return DiagnosticError(.runtime, "the loss became \(value) at epoch \(epoch), step \(step): training diverged",
                                   hint: "try a smaller learning rate (it is \(rate))")
        case let error as TrainingError: return DiagnosticError(.runtime, error.description)
        default: return DiagnosticError(.runtime, String(describing: error))
        }
    }

    /// Runs `body`, turning NeuralNet and TensorCore errors into diagnostics; a
    /// diagnostic raised inside a dln activation function is passed on as it was.
    static func translating<R>(_ body: () throws -> R) throws -> R {
        _ = DiagnosticBox.take()
        do {
            return try body()
        } catch {
            if let pending = DiagnosticBox.take() { throw pending }
            throw diagnostic(error)
        }
    }
}

/// Holds a diagnostic raised inside a dln function that NeuralNet called (a
/// custom activation), so that it reaches the notebook unchanged rather than
/// wrapped in a layer error. Kept per thread: each notebook evaluates on its own.
enum DiagnosticBox {
    private static let key = "dln.pendingDiagnostic"

    /// Keeps `error` until the next `take()` on this thread.
    static func keep(_ error: DiagnosticError) {
        Thread.current.threadDictionary[key] = error
    }

    /// The diagnostic kept on this thread, once.
    static func take() -> DiagnosticError? {
        let dictionary = Thread.current.threadDictionary
        defer { dictionary.removeObject(forKey: key) }
        return dictionary[key] as? DiagnosticError
    }
}
