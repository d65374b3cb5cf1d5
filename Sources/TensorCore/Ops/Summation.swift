/// Sums that stay accurate over millions of elements: pairwise (cascade)
/// summation, as NumPy does. Adding 4·10^6 copies of 60 one after the
/// other in float32 gives 251,526,060 (4.8% off: past 2^24 each addition
/// rounds); pairwise, the error grows with log n instead of n and this sum
/// is exact. Up to `blockLength` elements are added in order, so small
/// sums are the plain loop's, bit for bit.
enum Summation {
    static let blockLength = 128

    /// Σ x[i·stride] for i < count.
    static func sum<T: TensorScalar>(_ x: UnsafePointer<T>, count: Int, stride: Int = 1) -> T {
        if count <= blockLength {
            var total: T = 0
            for i in 0..<count { total += x[i &* stride] }
            return total
        }
        let half = count / 2
        return sum(x, count: half, stride: stride) + sum(x + half &* stride, count: count - half, stride: stride)
    }

    /// out[i] = Σ_k x[k·width + i] for k < rows and i < width: rows added in
    /// order within blocks, blocks added pairwise.
    static func sumRows<T: TensorScalar>(_ x: UnsafePointer<T>, rows: Int, width: Int, into out: UnsafeMutablePointer<T>) {
        if rows <= blockLength {
            out.update(repeating: 0, count: width)
            for k in 0..<rows {
                let row = x + k &* width
                for i in 0..<width { out[i] += row[i] }
            }
            return
        }
        let half = rows / 2
        sumRows(x, rows: half, width: width, into: out)
        let rest = UnsafeMutablePointer<T>.allocate(capacity: width)
        defer { rest.deallocate() }
        sumRows(x + half &* width, rows: rows - half, width: width, into: rest)
        for i in 0..<width { out[i] += rest[i] }
    }

    /// The sum of an array's elements.
    static func sum<T: TensorScalar>(_ values: [T]) -> T {
        values.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, !buffer.isEmpty else { return 0 }
            return sum(base, count: buffer.count)
        }
    }
}
