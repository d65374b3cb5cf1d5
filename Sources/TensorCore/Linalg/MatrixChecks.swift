extension Tensor {
    /// The number of rows and columns, after checking this is a matrix.
    func matrixShape(operation: String) throws -> (rows: Int, columns: Int) {
        guard rank == 2 else {
            throw TensorError.invalidArgument(operation: operation, reason: "needs a matrix (2 axes), got shape \(Shape.describe(shape))")
        }
        return (shape[0], shape[1])
    }

    /// The size of a square matrix, after checking it is one.
    func squareMatrixSize(operation: String) throws -> Int {
        let (rows, columns) = try matrixShape(operation: operation)
        guard rows == columns else {
            throw TensorError.invalidArgument(operation: operation, reason: "needs a square matrix, got shape \(Shape.describe(shape))")
        }
        return rows
    }

    /// The elements as Double for LAPACK, which must not see NaN or infinity
    /// (some routines would loop or return garbage).
    func lapackElements(operation: String) throws -> [Double] {
        guard scalars.allSatisfy({ $0.isFinite }) else {
            throw TensorError.invalidArgument(
                operation: operation, reason: "the tensor of shape \(Shape.describe(shape)) has NaN or infinite elements")
        }
        return scalars.map { Double($0) }
    }

    /// LAPACK's results rounded once to `Scalar`.
    static func elements(fromLAPACK values: [Double]) -> [Scalar] {
        ScalarBuffer.filledLikeInput(count: values.count) { out in
            for i in values.indices { out[i] = Scalar(values[i]) }
        }
    }

    /// A result whose gradient dln does not compute: recorded, so that a
    /// backward pass through it fails by name instead of silently leaving
    /// the inputs without their share of the gradient.
    func resultWithoutGradient(shape: [Int], values: [Double], operation: String) -> Tensor {
        .result(shape: shape, scalars: Self.elements(fromLAPACK: values), parents: [self], operation: operation,
                isDifferentiableTwice: true) { _ in
            throw TensorError.invalidArgument(
                operation: operation, reason: "has no gradient; apply it to a tensor that does not require one (detach it)")
        }
    }
}
