import Language
import NeuralNet
import TensorCore

/// A kind of layer a `network` body can declare: the word that starts its line, how
/// the rest of the line is read, and how the layer is made once its input is known.
/// A new kind is one file with a type conforming to this, plus its line in ``LayerKinds``.
protocol LayerKind: Sendable {
    /// The word that starts the line, e.g. `dense`.
    var keyword: String { get }
    /// The layer a line declares; throws a diagnostic for a malformed line.
    func declare<Scalar: TensorScalar>(_ line: LayerLine<Scalar>) throws -> DeclaredLayer<Scalar>
}

/// The layer kinds of `network` bodies, by keyword. (An activation alone on a line is
/// not a kind: any function can be one; see ``NetworkDeclaration``.)
enum LayerKinds {
    static let all: [any LayerKind] = [
        DenseLayerKind(),
        Conv1DLayerKind(),
        Conv2DLayerKind(),
        MaxPoolLayerKind(),
        AvgPoolLayerKind(),
        UpsampleLayerKind(),
        FlattenLayerKind(),
    ]

    static func named(_ keyword: String) -> (any LayerKind)? { all.first { $0.keyword == keyword } }
}

/// One line of a `network` body after reading: the layer as declared, its own `init:`,
/// and how to make it for samples of a given shape.
struct DeclaredLayer<Scalar: TensorScalar> {
    /// The line as a network prints it, without `init:` (`dense 3, no bias, relu`).
    let text: String
    let initializer: InitializerValue?
    /// Makes the layer for samples of a shape; throws `LayerError` when they do not fit.
    let make: ([Int]) throws -> any Layer<Scalar>

    init(_ text: String, initializer: InitializerValue? = nil, make: @escaping ([Int]) throws -> any Layer<Scalar>) {
        self.text = text
        self.initializer = initializer
        self.make = make
    }

    /// The line as declared (`dense 3, relu, init: he(seed: 1)`).
    var description: String {
        text + (initializer.map { ", init: \($0)" } ?? "")
    }
}

extension Network {
    /// A network of declared layers, each made for the output of the one before,
    /// starting from samples of `inputShape`; parameters start at zero.
    convenience init(name: String, inputShape: [Int], declared: [DeclaredLayer<Scalar>]) throws {
        var shape = inputShape
        var layers: [any Layer<Scalar>] = []
        for (index, declaredLayer) in declared.enumerated() {
            do {
                let layer = try declaredLayer.make(shape)
                shape = try layer.outputShape(for: shape)
                layers.append(layer)
            } catch let error as LayerError {
                throw NetworkError.layer(position: index + 1, layer: declaredLayer.text, problem: error.problem)
            }
        }
        try self.init(name: name, inputShape: inputShape, layers: layers)
    }
}
