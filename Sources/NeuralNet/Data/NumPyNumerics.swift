import Foundation

/// The few NumPy and SciPy routines that MNIST-1D is made of, written so that
/// they round exactly as the originals do (same operations in the same order).
enum NumPyNumerics {
    /// `numpy.linspace(start, stop, count)`: `i · step + start`, the last point exactly `stop`.
    static func linspace(_ start: Double, _ stop: Double, count: Int) -> [Double] {
        guard count > 1 else { return count == 1 ? [start] : [] }
        let step = (stop - start) / Double(count - 1)
        var values = (0..<count).map { Double($0) * step + start }
        values[count - 1] = stop
        return values
    }

    /// `numpy.interp(positions, knots, values)` for increasing `knots` with
    /// as many entries as `values` (at least one); outside the knots it holds the end values.
    static func interpolate(_ positions: [Double], knots: [Double], values: [Double]) -> [Double] {
        let n = min(knots.count, values.count)
        guard n > 1 else { return positions.map { _ in values.first ?? 0 } }
        return positions.map { x in
            if x.isNaN { return x }
            if x < knots[0] { return values[0] }
            if x >= knots[n - 1] { return values[n - 1] }
            // The largest j with knots[j] <= x (so j < n - 1 here).
            var low = 0, high = n - 1
            while high - low > 1 {
                let middle = (low + high) / 2
                if knots[middle] <= x { low = middle } else { high = middle }
            }
            let j = low
            if knots[j] == x { return values[j] }
            let slope = (values[j + 1] - values[j]) / (knots[j + 1] - knots[j])
            return slope * (x - knots[j]) + values[j]
        }
    }

    /// Linear resampling of a sequence to `count` points, old and new points
    /// evenly spaced over [0, 1] (MNIST-1D's `interpolate`, SciPy `interp1d`).
    static func resample(_ values: [Double], count: Int) -> [Double] {
        interpolate(linspace(0, 1, count: count), knots: linspace(0, 1, count: values.count), values: values)
    }

    /// NumPy's pairwise summation of float64 (blocks of 128, eight accumulators).
    static func sum(_ values: ArraySlice<Double>) -> Double {
        let n = values.count, base = values.startIndex
        if n < 8 {
            var total = 0.0
            for value in values { total += value }
            return total
        }
        if n <= 128 {
            var r = Array(values[base..<base + 8])
            var i = 8
            while i < n - n % 8 {
                for k in 0..<8 { r[k] += values[base + i + k] }
                i += 8
            }
            var total = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
            while i < n {
                total += values[base + i]
                i += 1
            }
            return total
        }
        var half = n / 2
        half -= half % 8
        return sum(values[base..<base + half]) + sum(values[(base + half)...])
    }

    /// `x.mean()` as NumPy computes it.
    static func mean(_ values: [Double]) -> Double {
        sum(values[...]) / Double(values.count)
    }

    /// `x.std()` (population) as NumPy computes it: mean, squared deviations, mean, square root.
    static func standardDeviation(_ values: [Double]) -> Double {
        let m = mean(values)
        let squares = values.map { ($0 - m) * ($0 - m) }
        return (sum(squares[...]) / Double(values.count)).squareRoot()
    }

    /// `scipy.ndimage.gaussian_filter1d(values, sigma)` with the default
    /// truncation 4σ and `reflect` borders (d c b a | a b c d | d c b a).
    static func gaussianFilter(_ values: [Double], sigma: Double) -> [Double] {
        let n = values.count
        guard n > 0, sigma > 0 else { return values }
        let radius = Int(4 * sigma + 0.5)
        let factor = -0.5 / (sigma * sigma)
        let raw = (-radius...radius).map { Foundation.exp(factor * Double($0 * $0)) }
        let total = sum(raw[...])
        let weights = raw.map { $0 / total }
        // Mirror an index into 0..<n (repeatedly, for kernels wider than the signal).
        func mirrored(_ index: Int) -> Int {
            var i = index
            let period = 2 * n
            i %= period
            if i < 0 { i += period }
            return i < n ? i : period - 1 - i
        }
        return (0..<n).map { l in
            // SciPy's symmetric-kernel loop: centre first, then pairs from the outside in.
            var result = values[l] * weights[radius]
            for offset in stride(from: radius, through: 1, by: -1) {
                result += (values[mirrored(l - offset)] + values[mirrored(l + offset)]) * weights[radius - offset]
            }
            return result
        }
    }
}
