import Language
import NeuralNet
import TensorCore

/// The host's side of networks, layers, data sets and training runs: calls
/// (`net(x)`, `ce(y_hat, y)`) and member assignment (`net.layers[0].weight = w`).
extension NotebookHost {
    public func call(_ callee: any HostValue, arguments: Arguments, context: EvaluationContext) throws -> Value {
        switch callee {
        case let network as NetworkValue<Scalar>:
            guard arguments.count == 1, arguments.named.isEmpty else {
                throw context.error(.type, "a network takes one argument, the inputs: \(network.name)(x)")
            }
            if let data = arguments[0]?.hostValue as? DataSetValue<Scalar> { return .tensor(try network.apply(data.dataset.inputs, recording: true)) }
            return .tensor(try network.apply(try arguments.tensor(0, Scalar.self), recording: true))
        case let loss as LossValue<Scalar>:
            guard arguments.count == 2 || arguments.count == 3 else {
                throw context.error(.type, "a loss takes the outputs and the targets (and the network, for l2): \(arguments.callee)(net(x), y)")
            }
            return try LossValue<Scalar>.apply(loss.loss, arguments, context: context)
        default:
            throw context.error(.type, "\(callee.typeName) is not a function")
        }
    }

    public func updating(_ base: any HostValue, member name: String, to newValue: Value,
                         context: EvaluationContext) throws -> Value {
        switch base {
        case let layer as LayerValue<Scalar>:
            return try layer.updating(member: name, to: newValue, context: context)
        case let network as NetworkValue<Scalar> where name == "layers":
            return try network.updatingLayers(to: newValue)
        default:
            throw context.error(.type, "member '\(name)' of \(base.typeName) cannot be assigned")
        }
    }
}
