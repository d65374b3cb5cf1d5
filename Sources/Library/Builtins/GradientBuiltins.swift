import Glibc
import Language
import TensorCore

/// `grad(f, at: p)`: the gradient of a scalar dln function by reverse-mode
/// automatic differentiation through the engine. A `grad` inside a function
/// that another `grad` differentiates records its own backward pass, so
/// gradients of gradients are exact (or refused by the engine, naming the
/// fused operation that has only first derivatives).
enum GradientBuiltins<Scalar: TensorScalar> {
    static var all: [Builtin] { [
        Builtin("grad", parameters: ["f"], named: ["at"], help: BuiltinHelp(
            .shapes, "grad(f, at: p)", summary: "the gradient of a function f that returns one number, at p, by reverse-mode autodiff",
            details: "f is a fn, a lambda or a builtin of one argument; p a number or tensor. A grad inside\nanother grad's function is differentiated too (gradients of gradients).")) { a, context in
            guard let f = a[0], f.isCallable else { throw a.typeError(0, expected: "a function") }
            guard let point = a.named("at")?.asTensor(Scalar.self) else {
                throw DiagnosticError(.type, "'grad' needs the point to differentiate at", hint: "write grad(f, at: p) with p a number or tensor")
            }
            let gradient = try gradient(of: f, at: point, context: context)
            if case .number = a.named("at"), gradient.count == 1, !gradient.requiresGradient {
                return .number(Double(shortest: gradient.scalars[0]))
            }
            return .tensor(gradient)
        },
    ] }

    /// Whether a function given to `grad` is being evaluated on this thread.
    static var isDifferentiating: Bool { DifferentiationDepth.current > 0 }

    static func gradient(of f: Value, at point: Tensor<Scalar>, context: EvaluationContext) throws -> Tensor<Scalar> {
        // A point that already carries a gradient (an outer grad's variable, or
        // a value computed from one) is differentiated at as it is, so the
        // result stays connected to it; any other point gets a fresh variable.
        let variable: Tensor<Scalar>
        if point.requiresGradient, GradientMode.isEnabled {
            variable = point
        } else {
            variable = point.detached()
            variable.requiresGradient = true
        }
        let nested = isDifferentiating
        let output = try DifferentiationDepth.entered {
            try context.call(f, Arguments(positional: [.tensor(variable)], callee: "grad"))
        }
        guard let result = output.asTensor(Scalar.self), result.count == 1 else {
            throw context.error(.type, "'grad' needs a function that returns one number, but it returned \(describe(output))")
        }
        guard result.requiresGradient else { return try TensorErrors.translating { try Tensor.zeros(point.shape) } }
        return try TensorErrors.translating {
            try Tensor.gradients(of: result, withRespectTo: [variable], createGraph: nested)[0]
        }
    }

    private static func describe(_ value: Value) -> String {
        guard let tensor = value.asTensor(Double.self) else { return "a \(value.typeName)" }
        return "a tensor of shape \(Shape.describe(tensor.shape))"
    }
}

/// How many functions given to `grad` are being evaluated on this thread
/// (more than one when `grad` is nested).
enum DifferentiationDepth {
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    static var current: Int { Int(bitPattern: pthread_getspecific(key)) }

    /// Runs `body` one level deeper.
    static func entered<R>(_ body: () throws -> R) rethrows -> R {
        let previous = current
        pthread_setspecific(key, UnsafeRawPointer(bitPattern: previous + 1))
        defer { pthread_setspecific(key, UnsafeRawPointer(bitPattern: previous)) }
        return try body()
    }
}
