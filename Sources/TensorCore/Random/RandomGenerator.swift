/// The Mersenne Twister MT19937, with the same outputs as NumPy's legacy
/// `numpy.random.RandomState(seed)`: `uniform()`, `normal()`,
/// `integer(below:)` and `permutation(_:)` give the numbers NumPy gives for
/// the same seed, on every machine. dln seeds every random draw explicitly.
public struct RandomGenerator: Sendable {
    var state = [UInt32](repeating: 0, count: 624)
    var position = 624
    var spareNormal: Double?

    /// A generator seeded like `RandomState(seed)` (`init_genrand`).
    public init(seed: UInt32) {
        state[0] = seed
        for i in 1..<624 {
            state[i] = 1_812_433_253 &* (state[i - 1] ^ (state[i - 1] >> 30)) &+ UInt32(i)
        }
    }

    /// The next 32 random bits.
    public mutating func next32() -> UInt32 {
        if position >= 624 { twist() }
        var y = state[position]
        position += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    private mutating func twist() {
        for i in 0..<624 {
            let y = (state[i] & 0x8000_0000) | (state[(i + 1) % 624] & 0x7FFF_FFFF)
            state[i] = state[(i + 397) % 624] ^ (y >> 1) ^ (y & 1 == 0 ? 0 : 0x9908_B0DF)
        }
        position = 0
    }

    /// A double in [0, 1) with 53 random bits (`rand()`).
    public mutating func uniform() -> Double {
        let a = Double(next32() >> 5), b = Double(next32() >> 6)
        return (a * 67_108_864 + b) / 9_007_199_254_740_992
    }

    /// A standard normal sample by the polar Box–Muller method, keeping the
    /// second value of each pair for the next call (`randn()`).
    public mutating func normal() -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        while true {
            let x1 = 2 * uniform() - 1, x2 = 2 * uniform() - 1
            let r2 = x1 * x1 + x2 * x2
            if r2 < 1, r2 > 0 {
                let f = (-2 * Double.log(r2) / r2).squareRoot()
                spareNormal = f * x1
                return f * x2
            }
        }
    }

    /// An integer in 0...max by masked rejection, as NumPy draws bounded integers.
    public mutating func integer(upTo max: Int) -> Int {
        guard max > 0 else { return 0 }
        var mask = UInt64(max)
        for shift in [1, 2, 4, 8, 16, 32] { mask |= mask >> UInt64(shift) }
        while true {
            let value = max <= Int(UInt32.max) ? UInt64(next32()) & mask : (UInt64(next32()) << 32 | UInt64(next32())) & mask
            if value <= UInt64(max) { return Int(value) }
        }
    }

    /// An integer in 0..<bound (`choice(bound)`, `randint(0, bound)`).
    public mutating func integer(below bound: Int) -> Int { integer(upTo: bound - 1) }

    /// A random ordering of 0..<n (`permutation(n)`: Fisher–Yates from the end).
    public mutating func permutation(_ n: Int) -> [Int] {
        var order = Array(0..<Swift.max(n, 0))
        var i = order.count - 1
        while i > 0 {
            let j = integer(upTo: i)
            order.swapAt(i, j)
            i -= 1
        }
        return order
    }
}

extension Tensor {
    /// Samples from U[low, high) drawn in row-major order.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func uniform(_ shape: [Int], low: Scalar = 0, high: Scalar = 1, generator: inout RandomGenerator) throws -> Tensor {
        let count = try Tensor<Scalar>.resultCount(shape, for: "random numbers")
        let (lo, span) = (Double(low), Double(high) - Double(low))
        return Tensor(uncheckedShape: shape, scalars: (0..<count).map { _ in Scalar(lo + span * generator.uniform()) })
    }

    /// Samples from N(mean, deviation²) drawn in row-major order.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func normal(_ shape: [Int], mean: Scalar = 0, deviation: Scalar = 1, generator: inout RandomGenerator) throws -> Tensor {
        let count = try Tensor<Scalar>.resultCount(shape, for: "random numbers")
        let (mu, sigma) = (Double(mean), Double(deviation))
        return Tensor(uncheckedShape: shape, scalars: (0..<count).map { _ in Scalar(mu + sigma * generator.normal()) })
    }

    /// A random permutation of 0..<n as a rank-1 tensor.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func permutation(_ n: Int, generator: inout RandomGenerator) throws -> Tensor {
        _ = try Tensor<Scalar>.resultCount([n], for: "permutation")
        return Tensor(generator.permutation(n).map { Scalar($0) })
    }
}
