import Foundation
import TensorCore

/// Numbers as text with a fixed number of decimals (`format(x, digits: 2)`)
/// or by a format specification (`format(x, ".3f")`), for tidy output; the value itself is not changed. `package`: the fuzzer calls it.
package enum NumberText {
    /// `x` with `digits` decimals: `86.55` for 86.549995 and 2 digits.
    package static func fixed(_ x: Double, digits: Int) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x < 0 ? "-inf" : "inf") }
        let text = String(format: "%.\(digits)f", x)
        // "-0.00" is zero; print it as such.
        return Double(text) == 0 ? String(format: "%.\(digits)f", 0.0) : text
    }

    /// A tensor's elements with `digits` decimals, nested as the tensor is.
    package static func fixed(_ tensor: Tensor<Double>, digits: Int) -> String {
        nested(tensor) { fixed($0, digits: digits) }
    }

    /// A tensor's elements, each as `element` writes it, nested as the tensor is.
    package static func nested<T: TensorScalar>(_ tensor: Tensor<T>, _ element: (T) throws -> String) rethrows -> String {
        func row(_ offset: Int, _ axis: Int) throws -> String {
            let stride = tensor.shape[(axis + 1)...].reduce(1, *)
            let items = try (0..<tensor.shape[axis]).map { i in
                axis == tensor.rank - 1 ? try element(tensor.scalars[offset + i]) : try row(offset + i * stride, axis + 1)
            }
            return "[" + items.joined(separator: ", ") + "]"
        }
        if tensor.count == 0 { return "[]" }   // as TensorFormatter: no walk over the other axes
        return tensor.rank == 0 ? try element(tensor.scalars.first ?? 0) : try row(0, 0)
    }
}
