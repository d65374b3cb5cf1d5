/// Helpers for shapes: `[Int]`, outermost axis first (row-major).
public enum Shape {
    /// The most elements one tensor may hold (2^28, 1 GiB of float32): past it an operation
    /// throws instead of asking the system for the memory. Fuzz builds (`scripts/fuzz`,
    /// `-DFUZZING`) allow 2^20, so that one input cannot spend seconds filling memory.
    #if FUZZING
    public static let maximumElementCount = 1 << 20
    #else
    public static let maximumElementCount = 1 << 28
    #endif

    /// `(2, 3)` for `[2, 3]`; `()` for a scalar.
    public static func describe(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }

    /// The number of elements, after checking the shape is valid. The sizes
    /// other than 0 must also multiply to at most `maximumElementCount`: strides
    /// and loops over the other axes multiply them even when the tensor is empty,
    /// so `(0, 2^63 − 1)` (which a file can claim) is refused rather than overflowing later.
    public static func elementCount(_ shape: [Int]) throws -> Int {
        var count = 1, extent = 1
        for size in shape {
            guard size >= 0 else { throw TensorError.invalidShape(shape, reason: "sizes must not be negative") }
            let (product, overflow) = extent.multipliedReportingOverflow(by: Swift.max(size, 1))
            guard !overflow, product <= maximumElementCount else {
                let reason = shape.contains(0) ? "its sizes other than 0 multiply to more than \(maximumElementCount)"
                                               : "more than \(maximumElementCount) elements"
                throw TensorError.invalidShape(shape, reason: reason)
            }
            extent = product
            count *= size   // count ≤ extent: no overflow
        }
        return count
    }

    /// The number of elements of a rows × columns matrix, checked as
    /// `elementCount(_:)` does but without building the shape (hot paths).
    @inline(__always)
    static func elementCount(rows: Int, columns: Int) throws -> Int {
        let (product, overflow) = rows.multipliedReportingOverflow(by: columns)
        guard rows >= 0, columns >= 0, !overflow, product <= maximumElementCount,
              rows <= maximumElementCount, columns <= maximumElementCount else {
            return try elementCount([rows, columns])
        }
        return product
    }

    /// Row-major strides of a shape.
    static func strides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var step = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[axis] = step
            step *= shape[axis]
        }
        return strides
    }

    /// The shape two shapes broadcast to under NumPy's rules.
    public static func broadcast(_ a: [Int], _ b: [Int], operation: String) throws -> [Int] {
        let rank = max(a.count, b.count)
        var result = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let x = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let y = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            guard x == y || x == 1 || y == 1 else { throw TensorError.shapeMismatch(operation: operation, a, b) }
            result[i] = x == 1 ? y : x
        }
        return result
    }

    /// Strides that read a tensor of `shape` as if it had `target` shape
    /// (0 along broadcast axes).
    static func broadcastStrides(_ shape: [Int], to target: [Int]) -> [Int] {
        let own = strides(shape)
        let offset = target.count - shape.count
        return (0..<target.count).map { i in
            i < offset || shape[i - offset] == 1 ? 0 : own[i - offset]
        }
    }

    /// An axis in `0..<rank`, accepting negative axes counted from the end.
    public static func normalize(axis: Int, rank: Int) throws -> Int {
        let resolved = axis < 0 ? axis + rank : axis
        guard resolved >= 0, resolved < rank else { throw TensorError.invalidAxis(axis, rank: rank) }
        return resolved
    }
}
