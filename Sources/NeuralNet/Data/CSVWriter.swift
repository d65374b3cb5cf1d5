import ResourceLimits
import TensorCore

/// A tensor as CSV text: a header `x0,x1,…`, then one line per row (a
/// vector is one column), each number written with the fewest digits that
/// read back to the same value, so `csv(path, label: none)` gives the tensor back.
public enum CSVWriter {
    public static func write<Scalar: TensorScalar>(_ tensor: Tensor<Scalar>, to path: String) throws {
        try FileAccess.writeAtomically(encode(tensor, file: path), to: path)
    }

    public static func encode<Scalar: TensorScalar>(_ tensor: Tensor<Scalar>, file: String) throws -> [UInt8] {
        guard tensor.rank >= 1, tensor.rank <= 2 else {
            throw DataError.invalidArgument(operation: "save \(file)", reason: "a CSV file holds a vector or a matrix, not a tensor of shape \(Shape.describe(tensor.shape))")
        }
        let columns = tensor.rank == 2 ? tensor.shape[1] : 1
        // At most 25 characters a number (Double's shortest form, a comma or newline).
        try MemoryBudget.shared.requireRoom(tensor.count &* 25, for: "writing \(file)")
        var text = (0..<columns).map { "x\($0)" }.joined(separator: ",") + "\n"
        text.reserveCapacity(tensor.count * 12)
        for (index, value) in tensor.scalars.enumerated() {
            text += "\(value)"
            text += (index + 1) % columns == 0 ? "\n" : ","
        }
        return Array(text.utf8)
    }
}
