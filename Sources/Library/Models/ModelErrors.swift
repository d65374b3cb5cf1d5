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
    /// This thread's pending diagnostic.
    private final class Slot {
        var error: DiagnosticError?
    }

    /// A thread-specific slot rather than `Thread.current.threadDictionary`:
    /// every model call clears it, and the dictionary's string-keyed removal
    /// cost a notebook's training loop over a microsecond a step.
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { slot in
            if let slot { Unmanaged<Slot>.fromOpaque(slot).release() }
        }
        return key
    }()

    private static var slot: Slot {
        if let slot = pthread_getspecific(key) { return Unmanaged<Slot>.fromOpaque(slot).takeUnretainedValue() }
        let slot = Slot()
        pthread_setspecific(key, Unmanaged.passRetained(slot).toOpaque())
        return slot
    }

    /// Keeps `error` until the next `take()` on this thread.
    static func keep(_ error: DiagnosticError) {
        slot.error = error
    }

    /// The diagnostic kept on this thread, once.
    static func take() -> DiagnosticError? {
        let slot = self.slot
        defer { slot.error = nil }
        return slot.error
    }
}
