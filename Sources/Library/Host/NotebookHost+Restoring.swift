import Foundation
import Language

/// Values made again from the cell cache's stored forms, each by its own kind.
extension NotebookHost: StoredValueRestoring {
    public func restoredValue(_ form: StoredHostForm, template: Value?, globals: Environment) -> Value? {
        switch form.kind {
        case TensorStorage.kind: return TensorValue<Scalar>.restored(form).map { .host($0) }
        case TrainingRunValue<Scalar>.storageKind: return TrainingRunValue<Scalar>.restored(form).map { .host($0) }
        case NetworkValue<Scalar>.storageKind:
            return NetworkValue<Scalar>.restored(form, into: template?.hostValue as? NetworkValue<Scalar>).map { .host($0) }
        case OptimizerValue<Scalar>.storageKind: return OptimizerValue<Scalar>.restored(form, globals: globals).map { .host($0) }
        case LossValue<Scalar>.storageKind: return LossValue<Scalar>.restored(form).map { .host($0) }
        case DataSetValue<Scalar>.storageKind: return DataSetValue<Scalar>.restored(form).map { .host($0) }
        case RandomStreamValue<Scalar>.storageKind: return RandomStreamValue<Scalar>.restored(form).map { .host($0) }
        case FigureValue.storageKind: return FigureValue.restored(form, outputs: output.directory).map { .host($0) }
        default: return nil
        }
    }
}
