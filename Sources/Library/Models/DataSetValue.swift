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

    var memberNames: [String] { ["x", "y", "count", "classes", "shape"] }

    func member(_ name: String, context: EvaluationContext) throws -> Value {
        switch name {
        case "x": return .tensor(dataset.inputs)
        case "y": return .tensor(dataset.targets)
        case "count": return .number(Double(dataset.count))
        case "classes": return classCount.map { .number(Double($0)) } ?? .none
        case "shape": return .numbers(sampleShape)
        default: throw unknownMember(name, context: context)
        }
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
