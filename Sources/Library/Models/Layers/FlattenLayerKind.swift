import NeuralNet
import TensorCore

/// `flatten`: each sample as one vector.
struct FlattenLayerKind: LayerKind {
    let keyword = "flatten"

    func declare<Scalar: TensorScalar>(_ line: LayerLine<Scalar>) throws -> DeclaredLayer<Scalar> {
        guard line.command.arguments.isEmpty else { throw line.error("'flatten' takes no arguments") }
        return DeclaredLayer("flatten") { _ in Flatten<Scalar>() }
    }
}
