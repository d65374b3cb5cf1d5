import Language
import TensorCore

/// The Library's side of the language: its builtins, tensor literals of one precision
/// (`Float` or `Double` elements) and (in NotebookHost+Declarations) the declarations of
/// data, networks, losses, figures and training. Values carry their own operations.
public final class NotebookHost<Scalar: TensorScalar>: HostOutput, EvaluationHost {
    public func installBuiltins(into environment: Environment) {
        for builtin in TensorBuiltins<Scalar>.all + StatisticsBuiltins<Scalar>.all + LinearAlgebraBuiltins<Scalar>.all
            + ConvolutionBuiltins<Scalar>.all
            + CreationBuiltins<Scalar>.all + GradientBuiltins<Scalar>.all
            + ResultBuiltins<Scalar>.all {
            environment.define(builtin)
        }
        ModelBuiltins<Scalar>.install(into: environment)
    }

    public func makeTensor(_ literal: TensorLiteral, context: EvaluationContext) throws -> Value {
        try TensorErrors.translating { try TensorLiterals<Scalar>.make(literal) }
    }
}

/// Tensor literals: `[1, 2; 3, 4]` (rows of numbers) and `[[1, 2], [3, 4]]`
/// or `[a, b]` (tensors of one shape, stacked).
enum TensorLiterals<Scalar: TensorScalar> {
    static func make(_ literal: TensorLiteral) throws -> Value {
        let elements = literal.elements
        if elements.isEmpty { return .tensor(Tensor([Scalar]())) }
        if literal.hasRowSeparators, let width = literal.rows.first?.count,
           let ragged = literal.rows.firstIndex(where: { $0.count != width }) {
            throw DiagnosticError(.shape, "row \(ragged + 1) of the tensor has \(literal.rows[ragged].count) elements, row 1 has \(width)")
        }
        let numbers = elements.compactMap { $0.isTensor ? nil : $0.number }
        if numbers.count == elements.count {
            return .tensor(try Tensor(shape: literal.shape, scalars: numbers.map { Scalar($0) }))
        }
        // Tensors inside: stack them (which keeps gradients flowing through).
        var parts: [Tensor<Scalar>] = []
        for (index, element) in elements.enumerated() {
            guard let tensor = element.asTensor(Scalar.self) else {
                throw DiagnosticError(.type, "element \(index + 1) of the tensor literal is a \(element.typeName), not a number or tensor")
            }
            parts.append(tensor)
        }
        if let first = parts.first, let odd = parts.firstIndex(where: { $0.shape != first.shape }) {
            throw DiagnosticError(.shape, "the elements of a tensor literal must have one shape: element 1 has shape \(Shape.describe(first.shape)), element \(odd + 1) has \(Shape.describe(parts[odd].shape))")
        }
        let stacked = try Tensor<Scalar>.stack(parts)
        let shape = literal.shape + (parts.first?.shape ?? [])
        return .tensor(try stacked.reshaped(to: shape))
    }
}
