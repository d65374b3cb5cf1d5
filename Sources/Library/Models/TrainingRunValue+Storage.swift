import Foundation
import Language
import NeuralNet

/// Training runs kept by the cell cache: history, final metrics, why it stopped and the
/// counts, every number as its bits (exact, NaN included).
extension TrainingRunValue: StorableHostValue {
    struct Stored: Codable {
        struct Metrics: Codable {
            var epoch: Int
            var names: [String]
            var values: [String: UInt64]
        }

        var network: String
        var epochs: [Int]
        var names: [String]
        var series: [String: [UInt64]]
        var final: Metrics?
        var stop: [Int]  // kind (0 completed, 1 condition met, 2 interrupted, 3 diverged), epoch, step
        var epochsCompleted: Int
        var stepsCompleted: Int
        var seconds: UInt64
    }

    static var storageKind: String { "training run" }

    var storedForm: StoredHostForm? {
        let history = run.history
        let final = run.finalMetrics.map { Stored.Metrics(epoch: $0.epoch, names: $0.names, values: $0.values.mapValues(\.bitPattern)) }
        let stop: [Int]
        switch run.stopReason {
        case .completed: stop = [0, 0, 0]
        case .conditionMet(let epoch): stop = [1, epoch, 0]
        case .interrupted(let epoch, let step): stop = [2, epoch, step]
        case .diverged(let epoch, let step): stop = [3, epoch, step]
        }
        let stored = Stored(network: networkName, epochs: history.epochs, names: history.names,
                            series: history.series.mapValues { $0.map(\.bitPattern) }, final: final, stop: stop,
                            epochsCompleted: run.epochsCompleted, stepsCompleted: run.stepsCompleted, seconds: run.seconds.bitPattern)
        return (try? JSONEncoder().encode(stored)).map { StoredHostForm(kind: Self.storageKind, bytes: $0) }
    }

    var unstorableReason: String { "a training run that could not be encoded" }

    var isImmutable: Bool { true }

    /// The run `form` holds, if it is a consistent one.
    static func restored(_ form: StoredHostForm) -> TrainingRunValue? {
        guard form.kind == storageKind, let stored = try? JSONDecoder().decode(Stored.self, from: form.bytes), stored.stop.count == 3,
              stored.names.allSatisfy({ stored.series[$0]?.count == stored.epochs.count }) else { return nil }
        var history = TrainingHistory()
        for (index, epoch) in stored.epochs.enumerated() {
            let values = stored.names.reduce(into: [String: Double]()) { $0[$1] = Double(bitPattern: stored.series[$1]![index]) }
            history.append(TrainingMetrics(epoch: epoch, names: stored.names, values: values))
        }
        let final = stored.final.map { TrainingMetrics(epoch: $0.epoch, names: $0.names, values: $0.values.mapValues { Double(bitPattern: $0) }) }
        let stop: StopReason
        switch stored.stop[0] {
        case 0: stop = .completed
        case 1: stop = .conditionMet(epoch: stored.stop[1])
        case 2: stop = .interrupted(epoch: stored.stop[1], step: stored.stop[2])
        case 3: stop = .diverged(epoch: stored.stop[1], step: stored.stop[2])
        default: return nil
        }
        let run = TrainingRun(history: history, finalMetrics: final, stopReason: stop, epochsCompleted: stored.epochsCompleted,
                              stepsCompleted: stored.stepsCompleted, seconds: Double(bitPattern: stored.seconds))
        return TrainingRunValue(run, networkName: stored.network)
    }
}
