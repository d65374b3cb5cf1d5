import Foundation
import Language
import NeuralNet
import TensorCore

/// Data sets kept by the cell cache by value: inputs and targets as tensors, and the class
/// names, so a restored data set is the one the cell made, whatever file it came from.
extension DataSetValue: StorableHostValue {
    struct Stored: Codable {
        var classNames: [String]?
    }

    static var storageKind: String { "data set" }

    var storedForm: StoredHostForm? {
        StoredParts.form(Self.storageKind, Stored(classNames: dataset.classNames), tensors: [dataset.inputs, dataset.targets])
    }

    var unstorableReason: String { "a data set whose tensors record gradients" }

    /// Counted as changing, conservatively: `d.x` hands out the data set's own tensors.
    var isImmutable: Bool { false }

    static func restored(_ form: StoredHostForm) -> DataSetValue? {
        guard let (stored, tensors) = StoredParts.contents(of: form, kind: storageKind, Stored.self, Scalar.self), tensors.count == 2,
              let dataset = try? Dataset(inputs: tensors[0], targets: tensors[1], classNames: stored.classNames) else { return nil }
        return DataSetValue(dataset)
    }
}
