import Language
import TensorCore

/// `grad(f, at: p)`: the gradient of a scalar dln function by reverse-mode
/// automatic differentiation through the engine.
enum GradientBuiltins<Scalar: TensorScalar> {
    static var all: [Builtin] { [
        Builtin("grad", parameters: ["f"], named: ["at"]) { a, context in
            guard let f = a[0], f.isCallable else { throw a.typeError(0, expected: "a function") }
            guard let point = a.named("at")?.asTensor(Scalar.self) else {
                throw DiagnosticError(.type, "'grad' needs the point to differentiate at", hint: "write grad(f, at: p) with p a number or tensor")
            }
            let gradient = try gradient(of: f, at: point, context: context)
            if case .number = a.named("at") { return .number(Double(shortest: gradient.scalars[0])) }
            return .tensor(gradient)
        },
    ] }

    static func gradient(of f: Value, at point: Tensor<Scalar>, context: EvaluationContext) throws -> Tensor<Scalar> {
        let variable = point.detached()
        variable.requiresGradient = true
        let output = try context.call(f, Arguments(positional: [.tensor(variable)], callee: "grad"))
        guard let result = output.asTensor(Scalar.self), result.count == 1 else {
            throw context.error(.type, "'grad' needs a function that returns one number, but it returned \(describe(output))")
        }
        try TensorErrors.translating { try result.backward() }
        if let gradient = variable.gradient { return gradient }
        return try TensorErrors.translating { try Tensor<Scalar>.zeros(point.shape) }
    }

    private static func describe(_ value: Value) -> String {
        guard let tensor = value.asTensor(Scalar.self) else { return "a \(value.typeName)" }
        return "a tensor of shape \(Shape.describe(tensor.shape))"
    }
}
