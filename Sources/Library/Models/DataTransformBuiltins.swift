import Language
import NeuralNet
import TensorCore

/// Seeded transforms of data sets: `split`, `shuffle`, `batches`, `one_hot`,
/// `standardise`, `relabel`.
enum DataTransformBuiltins<Scalar: TensorScalar> {
    static var all: [Builtin] { [
        Builtin("split", parameters: ["data", "fraction"], named: ["seed"],
                help: help("split(d, 0.8, seed:)", "the list (train, test): a random 80% and the rest")) { a, _ in
            let (data, fraction, seed) = (try a.dataSet(0, Scalar.self), try a.scalar(1), try a.seed())
            guard fraction > 0, fraction < 1 else {
                throw DiagnosticError(.runtime, "'split' needs a fraction between 0 and 1, got \(fraction)")
            }
            let parts = try ModelErrors.translating { try data.split(fraction, seed: seed) }
            return .list([.dataSet(parts.train), .dataSet(parts.test)])
        },
        Builtin("shuffle", parameters: ["data"], named: ["seed"], help: help("shuffle(d, seed:)", "the samples of a data set or the rows of a tensor in a random order")) { a, _ in
            let seed = try a.seed()
            if let data = a[0]?.hostValue as? DataSetValue<Scalar> {
                return .dataSet(try ModelErrors.translating { try data.dataset.shuffled(seed: seed) })
            }
            let tensor = try a.tensor(0, Scalar.self)
            return .tensor(try ModelErrors.translating { try DataTransforms.shuffle(tensor, seed: seed) })
        },
        Builtin("batches", parameters: ["data", "size"], named: ["shuffle", "seed"],
                help: help("batches(d, 32, shuffle: true, seed:)", "a list of data sets of 32 samples (the last may be smaller)")) { a, _ in
            let (data, size) = (try a.dataSet(0, Scalar.self), try a.integer(1))
            guard size >= 1 else { throw DiagnosticError(.runtime, "'batches' needs a batch size ≥ 1, got \(size)") }
            let shuffles = try a.flag(named: "shuffle", default: false)
            let seed = shuffles ? try a.seed() : 0
            let parts = try ModelErrors.translating { try data.batches(of: size, shuffle: shuffles, seed: seed) }
            return .list(parts.map { .dataSet($0) })
        },
        Builtin("one_hot", parameters: ["labels", "classes"], required: 1, named: ["classes"],
                help: help("one_hot(labels, classes)", "one-hot rows; on a data set, its targets become one-hot")) { a, _ in
            let classes = try (a[1]).map { _ in try a.integer(1) } ?? a.integer(named: "classes", default: nil)
            if let data = a[0]?.hostValue as? DataSetValue<Scalar> {
                return .dataSet(try ModelErrors.translating {
                    try data.dataset.relabelled(try data.dataset.oneHotTargets(classes: classes))
                })
            }
            let labels = try a.tensor(0, Scalar.self)
            let count = try classes ?? inferredClasses(labels)
            return .tensor(try ModelErrors.translating { try DataTransforms.oneHot(labels, classes: count) })
        },
        Builtin("standardise", parameters: ["data", "other"], required: 1, help: BuiltinHelp(
            .data, "standardise(d)", "standardise(train, test)", summary: "every input feature to mean 0 and deviation 1, with the statistics of the first set")) { a, _ in
            if let data = a[0]?.hostValue as? DataSetValue<Scalar> {
                return try ModelErrors.translating {
                    let (scaled, statistics) = try data.dataset.standardised()
                    guard a.count > 1 else { return .dataSet(scaled) }
                    return .list([.dataSet(scaled), .dataSet(try statistics.apply(to: try a.dataSet(1, Scalar.self)))])
                }
            }
            let inputs = try a.tensor(0, Scalar.self)
            return try ModelErrors.translating {
                let statistics = try Standardisation(measuring: inputs)
                guard a.count > 1 else { return .tensor(try statistics.apply(to: inputs)) }
                return .list([.tensor(try statistics.apply(to: inputs)), .tensor(try statistics.apply(to: try a.tensor(1, Scalar.self)))])
            }
        },
        Builtin("relabel", parameters: ["data", "labels"], help: help("relabel(d, labels)", "the same inputs with other targets")) { a, _ in
            let (data, labels) = (try a.dataSet(0, Scalar.self), try a.tensor(1, Scalar.self))
            return .dataSet(try ModelErrors.translating { try data.relabelled(labels) })
        },
    ] }

    private static func help(_ form: String, _ summary: String) -> BuiltinHelp {
        BuiltinHelp(.data, form, summary: summary)
    }

    private static func inferredClasses(_ labels: Tensor<Scalar>) throws -> Int {
        guard let largest = labels.scalars.max(), largest >= 0, largest < 1e6 else {
            throw DiagnosticError(.runtime, "'one_hot' needs whole-number labels from 0")
        }
        return Int(largest) + 1
    }
}
