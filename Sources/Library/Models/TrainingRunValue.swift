import Foundation
import Language
import NeuralNet
import TensorCore

/// The outcome of `train … on … { … }`: its history (what the plots read),
/// the final metrics, why it stopped, and how long it took.
final class TrainingRunValue<Scalar: TensorScalar>: HostValue, CustomStringConvertible {
    let run: TrainingRun
    let networkName: String

    init(_ run: TrainingRun, networkName: String) {
        self.run = run
        self.networkName = networkName
    }

    var typeName: String { "training run" }

    /// A short summary; the time is left out so that output stays the same run after run.
    var description: String {
        var text = "training run of \(networkName): \(run.epochsCompleted) epoch\(run.epochsCompleted == 1 ? "" : "s"), "
            + "\(run.stepsCompleted) step\(run.stepsCompleted == 1 ? "" : "s")"
        if let final = run.finalMetrics {
            let values = final.names.compactMap { name in final[name].map { "\(name) \(ProgressText.number($0))" } }
            if !values.isEmpty { text += "; " + values.joined(separator: ", ") }
        }
        return text + " (\(run.stopReason))"
    }

    var memberNames: [String] { ["history", "final", "stopped", "epochs", "steps", "seconds"] }

    func member(_ name: String, context: EvaluationContext) throws -> Value {
        switch name {
        case "history": return history
        case "final": return final
        case "stopped": return .string(run.stopReason.description)
        case "epochs": return .number(Double(run.epochsCompleted))
        case "steps": return .number(Double(run.stepsCompleted))
        case "seconds": return .number(run.seconds)
        default: throw unknownMember(name, context: context)
        }
    }

    /// `{epoch: [...], loss: [...], accuracy: [...], test_loss: [...]}`, one tensor per metric.
    private var history: Value {
        let history = run.history
        var record = Record([("epoch", .tensor(Tensor(history.epochs.map { Scalar($0) })))])
        for name in history.names {
            record[name] = .tensor(Tensor((history[name] ?? []).map { Scalar($0) }))
        }
        return .record(record)
    }

    /// The metrics of the final weights as a record of numbers.
    private var final: Value {
        guard let final = run.finalMetrics else { return .none }
        var record = Record([("epoch", .number(Double(final.epoch)))])
        for name in final.names { record[name] = final[name].map { .number($0) } ?? .none }
        return .record(record)
    }
}

/// Number formatting shared by the run summary and the progress reports.
enum ProgressText {
    /// Four significant digits, or scientific notation for tiny and huge values.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        let magnitude = Swift.abs(value)
        if magnitude == 0 { return "0" }
        return magnitude < 1e-3 || magnitude >= 1e5 ? String(format: "%.3e", value) : String(format: "%.4g", value)
    }
}
