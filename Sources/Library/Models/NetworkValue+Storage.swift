import Foundation
import Language
import NeuralNet
import TensorCore

/// Networks kept by the cell cache: the declaration's text, the input size it was built
/// for, every parameter's values (by name), and the loss it was last trained with. The
/// layers themselves are made again by the declaration (the cell's own, or the earlier
/// cell's that this name holds): a restored network is a new one with those layers and
/// these values. A network holding gradients is not kept.
extension NetworkValue: StorableHostValue {
    struct Stored: Codable {
        var name: String
        var declaration: String
        var input: [Int]?
        var parameters: [String]
        var lastLoss: String?
    }

    static var storageKind: String { "network" }

    /// The declaration as written (input and layer lines), to check a template against.
    var declarationText: String {
        ([declaredInput.map { "input " + $0.map(String.init).joined(separator: ", ") } ?? "input ?"]
            + declaredLayers.map(\.description)).joined(separator: "\n")
    }

    var storedForm: StoredHostForm? {
        let parameters = network?.namedParameters ?? []
        guard parameters.allSatisfy({ $0.parameter.tensor.gradient == nil }) else { return nil }
        var lossText: String?
        if let lastLoss {
            guard let text = LossText.storable(lastLoss) else { return nil }
            lossText = text
        }
        let stored = Stored(name: name, declaration: declarationText, input: network?.inputShape, parameters: parameters.map(\.name),
                            lastLoss: lossText)
        return StoredParts.form(Self.storageKind, stored, tensors: parameters.map(\.parameter.tensor), stage: .intoTemplate)
    }

    var unstorableReason: String { "a network holding gradients, or last trained with a loss that cannot be kept" }

    /// Training changes its parameters in place.
    var isImmutable: Bool { false }

    /// A network with `template`'s layers and the stored values; nil unless the template
    /// has the same name and declaration.
    static func restored(_ form: StoredHostForm, into template: NetworkValue?) -> NetworkValue? {
        guard let (stored, tensors) = StoredParts.contents(of: form, kind: storageKind, Stored.self, Scalar.self),
              let template, template.name == stored.name, template.declarationText == stored.declaration,
              tensors.count == stored.parameters.count else { return nil }
        let value = NetworkValue(name: template.name, input: template.declaredInput, layers: template.declaredLayers)
        if let input = stored.input {
            guard let network = try? value.built(forSamples: input) else { return nil }
            let parameters = network.namedParameters
            guard parameters.map(\.name) == stored.parameters else { return nil }
            for (named, tensor) in zip(parameters, tensors) {
                guard named.parameter.tensor.shape == tensor.shape, (try? named.parameter.tensor.assign(tensor)) != nil else { return nil }
            }
        } else if !tensors.isEmpty {
            return nil
        }
        if let text = stored.lastLoss {
            guard let loss = LossText<Scalar>.parse(text) else { return nil }
            value.lastLoss = loss
        }
        return value
    }
}
