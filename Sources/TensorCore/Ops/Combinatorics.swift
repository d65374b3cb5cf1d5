/// Factorials and binomial coefficients of whole numbers, exact up to 2^53
/// (past it Double does not hold every whole number, so no result there
/// could be promised exact).
enum Combinatorics {
    static let exactLimit: UInt64 = 1 << 53

    /// x as a whole number in 0...2^53, or nil.
    static func wholeNumber(_ x: Double) -> UInt64? {
        guard x >= 0, x <= Double(exactLimit), x.rounded() == x else { return nil }
        return UInt64(x)
    }

    /// n!, or nil past 2^53 (from 19! on).
    static func factorial(_ n: UInt64) -> UInt64? {
        var result: UInt64 = 1
        var factor: UInt64 = 2
        while factor <= n {
            let (product, overflow) = result.multipliedReportingOverflow(by: factor)
            guard !overflow, product <= exactLimit else { return nil }
            (result, factor) = (product, factor + 1)
        }
        return result
    }

    /// C(n, k), 0 when k > n, or nil past 2^53.
    static func binomial(_ n: UInt64, _ k: UInt64) -> UInt64? {
        guard k <= n else { return 0 }
        let k = Swift.min(k, n - k)
        var result: UInt64 = 1
        var i: UInt64 = 1
        // result = C(n − k + i, i) after step i: growing, and a whole number.
        // The loop ends by i ≈ 54 at the latest, as C(2i, i) ≥ 2^i.
        while i <= k {
            let (high, low) = result.multipliedFullWidth(by: n - k + i)
            guard high < i else { return nil }  // the quotient would not fit 64 bits
            result = i.dividingFullWidth((high, low)).quotient
            guard result <= exactLimit else { return nil }
            i += 1
        }
        return result
    }
}

extension Tensor {
    /// n! of each element, exact for results up to 2^53 (n ≤ 18; in Float
    /// rounded once). No gradient.
    ///
    /// - Throws: `invalidArgument` for an element that is not a whole
    ///   number ≥ 0, or whose factorial is past 2^53.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func factorial() throws -> Tensor {
        let values: [Scalar] = try ScalarBuffer.filled(count: count) { out in
            for (i, x) in scalars.enumerated() {
                guard let n = Combinatorics.wholeNumber(Double(x)) else { throw Self.notWholeNumber(x, operation: "factorial") }
                guard let result = Combinatorics.factorial(n) else { throw Self.pastExactLimit("\(n)!", operation: "factorial") }
                out[i] = Scalar(result)
            }
        }
        return Tensor(uncheckedShape: shape, scalars: values)
    }

    /// The binomial coefficients C(n, k) (`comb`), broadcasting; 0 where
    /// k > n. Exact for results up to 2^53 (in Float rounded once). No gradient.
    ///
    /// - Throws: `invalidArgument` for an n or k that is not a whole number
    ///   ≥ 0, or a coefficient past 2^53.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func comb(_ n: Tensor, _ k: Tensor) throws -> Tensor {
        var failure: TensorError?
        let (shape, values) = try Broadcasting.apply(n.scalars, n.shape, k.scalars, k.shape, operation: "comb") { n, k in
            guard failure == nil else { return 0 }
            guard let whole = Combinatorics.wholeNumber(Double(n)) else { failure = notWholeNumber(n, operation: "comb"); return 0 }
            guard let chosen = Combinatorics.wholeNumber(Double(k)) else { failure = notWholeNumber(k, operation: "comb"); return 0 }
            guard let result = Combinatorics.binomial(whole, chosen) else {
                failure = pastExactLimit("C(\(whole), \(chosen))", operation: "comb")
                return 0
            }
            return Scalar(result)
        }
        if let failure { throw failure }
        return Tensor(uncheckedShape: shape, scalars: values)
    }

    static func notWholeNumber(_ x: Scalar, operation: String) -> TensorError {
        .invalidArgument(operation: operation, reason: "needs whole numbers from 0 to 2^53, got \(x)")
    }

    static func pastExactLimit(_ expression: String, operation: String) -> TensorError {
        .invalidArgument(operation: operation, reason: "\(expression) is past 2^53, beyond which float64 does not hold every whole number")
    }
}
