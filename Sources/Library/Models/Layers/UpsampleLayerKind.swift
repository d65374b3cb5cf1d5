import Language
import NeuralNet
import TensorCore

/// `upsample S, mode: "nearest"`: each sample S times longer along each spatial axis;
/// `mode: "linear"` (samples (channels, length)) or `"bilinear"` (channels, height, width) interpolates.
struct UpsampleLayerKind: LayerKind {
    let keyword = "upsample"

    func declare<Scalar: TensorScalar>(_ line: LayerLine<Scalar>) throws -> DeclaredLayer<Scalar> {
        try line.rejectNamed(allowed: ["mode"])
        guard let factor = line.positional.first, line.positional.count == 1 else {
            throw line.error("'upsample' needs one whole scale factor, as in 'upsample 2, mode: \"bilinear\"'")
        }
        let scale = try line.positiveInteger(factor, "upsample")
        let modeName = try line.named("mode").map { expression in
            guard let name = try line.context.evaluate(expression).string, ["nearest", "linear", "bilinear"].contains(name) else {
                throw DiagnosticError(Diagnostic(.type, "'mode:' must be \"nearest\", \"linear\" or \"bilinear\"", at: expression.range))
            }
            return name
        } ?? "nearest"
        let text = "upsample \(scale)" + (modeName == "nearest" ? "" : ", mode: \"\(modeName)\"")
        return DeclaredLayer(text) { shape in
            // "linear" interpolates along one axis and "bilinear" along two: the name must fit the samples.
            let fitting = shape.count == 2 ? "linear" : "bilinear"
            guard modeName == "nearest" || modeName == fitting else {
                throw LayerError(layer: text, problem:
                    "interpolates samples of shape \(Shape.describe(shape)) with mode: \"\(fitting)\", not \"\(modeName)\"")
            }
            return try Upsample<Scalar>(scale, mode: modeName == "nearest" ? .nearest : .linear)
        }
    }
}
