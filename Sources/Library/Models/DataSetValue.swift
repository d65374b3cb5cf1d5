import Language
import NeuralNet
import TensorCore

/// A data set as a value of the language: inputs `x` (one sample per row),
/// targets `y`, and what it prints as (`data set: 1437 samples, inputs (64,), 10 classes`).
final class DataSetValue<Scalar: TensorScalar>: HostValue, CustomStringConvertible {
    let dataset: Dataset<Scalar>

    init(_ dataset: Dataset<Scalar>) {
        self.dataset = dataset
    }

    var typeName: String { "data set" }

    /// The shape of one input sample.
    var sampleShape: [Int] { Array(dataset.inputs.shape.dropFirst()) }

    /// The number of classes when the targets are whole-number labels [N], else nil.
    var classCount: Int? {
        if let names = dataset.classNames { return names.count }
        let targets = dataset.targets
        guard targets.rank == 1 || (targets.rank == 2 && targets.shape[1] == 1) else { return nil }
        guard targets.scalars.allSatisfy({ $0 >= 0 && $0 == $0.rounded() && $0 < 1e6 }) else { return nil }
        return (targets.scalars.max()).map { Int($0) + 1 }
    }

    var description: String {
        var text = "data set: \(dataset.count) sample\(dataset.count == 1 ? "" : "s"), inputs \(Shape.describe(sampleShape))"
        if let classes = classCount, classes > 1 || dataset.classNames != nil {
            text += ", \(classes) classes"
        } else {
            text += ", targets \(Shape.describe(Array(dataset.targets.shape.dropFirst())))"
        }
        return text
    }

    var memberNames: [String] { ["x", "y", "count", "classes", "class_names", "shape"] }

    func member(_ name: String, context: EvaluationContext) throws -> Value {
        switch name {
        case "x": return .tensor(dataset.inputs)
        case "y": return .tensor(dataset.targets)
        case "count": return .number(Double(dataset.count))
        case "classes": return classCount.map { .number(Double($0)) } ?? .none
        case "shape": return .numbers(sampleShape)
        case "class_names": return dataset.classNames.map { .list($0.map(Value.string)) } ?? .none
        default: throw unknownMember(name, context: context)
        }
    }

    /// `d[i]`: sample i as a record `{x, y}` (negative i counts from the end);
    /// `d[a:b]`, `d[::k]` and `d[[3, 1]]`: those samples as a data set.
    func element(at indices: [IndexComponent], context: EvaluationContext) throws -> Value {
        guard indices.count == 1, let index = indices.first else {
            throw context.error(.type, "a data set takes one index (a sample, a slice or a list of positions), got \(indices.count)")
        }
        switch index {
        case let .integer(position): return try sample(normalized(position, context: context))
        case .full: return .host(self)
        case let .slice(start, stop, step):
            return try subset(SliceBounds.positions(count: dataset.count, start: start, stop: stop, step: step, context: context))
        case let .value(value):
            guard let list = value.asTensor(Double.self), list.rank <= 1, list.scalars.allSatisfy({ $0 == $0.rounded() && abs($0) < 1e15 }) else {
                throw context.error(.type, "a data set index must be a whole number, a slice or a list of positions, got \(value.typeName)")
            }
            return try subset(list.scalars.map { try normalized(Int($0), context: context) })
        }
    }

    /// The samples, each a record `{x, y}`: `len(d)` counts them, `for s in d` visits them.
    func elements(context: EvaluationContext) throws -> [Value] {
        try (0..<dataset.count).map(sample)
    }

    private func normalized(_ index: Int, context: EvaluationContext) throws -> Int {
        let position = index < 0 ? index + dataset.count : index
        guard position >= 0, position < dataset.count else {
            throw context.error(.runtime, "index \(index) is out of range for a data set of \(dataset.count) sample\(dataset.count == 1 ? "" : "s")")
        }
        return position
    }

    private func sample(_ position: Int) throws -> Value {
        try ModelErrors.translating {
            .record(Record([("x", .tensor(try dataset.inputs.slice([.at(position)]))),
                            ("y", .tensor(try dataset.targets.slice([.at(position)])))]))
        }
    }

    private func subset(_ positions: [Int]) throws -> Value {
        .dataSet(try ModelErrors.translating { try dataset.subset(positions) })
    }
}

extension Value {
    /// A data set wrapped as a language value.
    static func dataSet<Scalar: TensorScalar>(_ dataset: Dataset<Scalar>) -> Value { .host(DataSetValue(dataset)) }
}

extension Arguments {
    /// The positional argument at `index` as a data set, or a type error.
    func dataSet<Scalar: TensorScalar>(_ index: Int, _ type: Scalar.Type) throws -> Dataset<Scalar> {
        guard let value = self[index]?.hostValue as? DataSetValue<Scalar> else { throw typeError(index, expected: "a data set") }
        return value.dataset
    }
}

/// Python's slice rule for `d[a:b:k]`: bounds clamp to the samples, negative ones count from the end.
enum SliceBounds {
    static func positions(count: Int, start: Int?, stop: Int?, step: Int?, context: EvaluationContext) throws -> [Int] {
        let step = step ?? 1
        guard step != 0 else { throw context.error(.runtime, "slice step cannot be zero") }
        func clamp(_ value: Int, low: Int, high: Int) -> Int {
            Swift.min(Swift.max(value < 0 ? value + count : value, low), high)
        }
        if step > 0 {
            let from = start.map { clamp($0, low: 0, high: count) } ?? 0
            let to = stop.map { clamp($0, low: 0, high: count) } ?? count
            return Array(stride(from: from, to: to, by: step))
        }
        let from = start.map { clamp($0, low: -1, high: count - 1) } ?? count - 1
        let to = stop.map { clamp($0, low: -1, high: count - 1) } ?? -1
        return Array(stride(from: from, to: to, by: step))
    }
}
