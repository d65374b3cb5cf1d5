/// Why a tensor operation could not be carried out. Every case names the
/// shapes, axes or indices involved, so that the caller can explain it.
public enum TensorError: Error, Equatable, CustomStringConvertible, Sendable {
    /// Two operands' shapes do not fit the operation.
    case shapeMismatch(operation: String, [Int], [Int])
    /// An axis outside `-rank..<rank`.
    case invalidAxis(Int, rank: Int)
    /// An index outside `-size..<size` along an axis.
    case indexOutOfRange(Int, axis: Int, size: Int)
    /// A shape that cannot be built (negative sizes, wrong element count, too large).
    case invalidShape([Int], reason: String)
    /// Any other argument the operation cannot take.
    case invalidArgument(operation: String, reason: String)
    /// OpenBLAS could not be loaded.
    case blasUnavailable(String)
    /// A gradient asked for as a differentiable function (`createGraph`)
    /// would have to go through an operation whose gradient is computed by
    /// a fused kernel, which only first derivatives can.
    case higherOrderUnsupported(operation: String)

    public var description: String {
        switch self {
        case let .shapeMismatch(operation, a, b):
            return "\(operation): shapes \(Shape.describe(a)) and \(Shape.describe(b)) do not match"
        case let .invalidAxis(axis, rank):
            return "axis \(axis) is out of range for a tensor of rank \(rank)"
        case let .indexOutOfRange(index, axis, size):
            return "index \(index) is out of range for axis \(axis) of size \(size)"
        case let .invalidShape(shape, reason):
            return "invalid shape \(Shape.describe(shape)): \(reason)"
        case let .invalidArgument(operation, reason):
            return "\(operation): \(reason)"
        case let .blasUnavailable(reason):
            return reason
        case let .higherOrderUnsupported(operation):
            return "\(operation): second derivatives through this operation are not supported "
                + "(its gradient comes from a fused kernel); only first derivatives can go through it"
        }
    }
}
