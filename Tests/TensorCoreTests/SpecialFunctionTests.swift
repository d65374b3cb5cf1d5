import Foundation
import Testing
@testable import TensorCore

@Suite("Special functions and combinatorics")
struct SpecialFunctionTests {
    let eulerGamma = 0.5772156649015329

    @Test func gammaAndLogGammaOfKnownValues() throws {
        #expect(try close(T64([1, 5, 0.5]).gamma().scalars, [1, 24, Double.pi.squareRoot()], tolerance: 1e-14))
        #expect(try close(T64([1, 2, 0.5, 200]).logGamma().scalars, [0, 0, 0.5 * Foundation.log(Double.pi), 857.9336698258574], tolerance: 1e-12))
        #expect(try close(T64([-0.5]).logGamma().scalars, [Foundation.log(2 * Double.pi.squareRoot())], tolerance: 1e-14))
        #expect(try Tensor<Float>([4]).gamma().scalars == [6])
    }

    @Test func digammaAndTrigammaOfKnownValues() throws {
        let digamma = try T64([1, 0.5, 10, -0.5, 1e-8, 1e10]).digamma().scalars
        let expected = [-eulerGamma, -eulerGamma - 2 * Foundation.log(2.0), 2.251752589066721, 0.03648997397857652,
                        -1e8 - eulerGamma + 1.6449340668482264e-8, 23.025850929890456]
        for (value, known) in zip(digamma, expected) { #expect(Swift.abs(value - known) <= 1e-14 * Swift.max(1, Swift.abs(known))) }
        let poles = try T64([0, -1, -3, .nan, -.infinity]).digamma().scalars
        #expect(poles.allSatisfy { $0.isNaN })
        #expect(try T64([.infinity]).digamma().scalars == [.infinity])
        let pi2 = Double.pi * Double.pi
        #expect(close([1, 0.5, -0.5].map(Polygamma.trigamma), [pi2 / 6, pi2 / 2, pi2 / 2 + 4], tolerance: 1e-13))
        // Across the switch to the series at 10: ψ'(x) = ψ'(x + 1) + 1/x².
        #expect(Swift.abs(Polygamma.trigamma(9.5) - Polygamma.trigamma(10.5) - 1 / (9.5 * 9.5)) < 1e-15)
        #expect(Polygamma.trigamma(-2).isNaN)
    }

    @Test func errorFunctions() throws {
        #expect(try close(T64([0, 0.5, -1, 3]).erf().scalars, [0, 0.5204998778130465, -0.8427007929497149, 0.9999779095030014], tolerance: 1e-15))
        #expect(try close(T64([0, 1, 10]).erfc().scalars, [1, 0.15729920705028513, 2.088487583762545e-45], tolerance: 1e-15))
        #expect(try T64([10]).erfc().scalars[0] > 0)
        #expect(try Swift.abs(Tensor<Float>([0.5]).erf().scalars[0] - 0.5204999) < 1e-6)
    }

    @Test func nanAndFiniteMasks() throws {
        let x = T64([1, .nan, .infinity, -.infinity, 0])
        #expect(try x.isNaN().scalars == [0, 1, 0, 0, 0])
        #expect(try x.isFinite().scalars == [1, 0, 0, 0, 1])
        #expect(try Tensor<Float>([.nan]).isNaN().scalars == [1])
    }

    @Test func factorialIsExactUpToTwoToThe53() throws {
        #expect(try T64([0, 1, 5, 10, 18]).factorial().scalars == [1, 1, 120, 3_628_800, 6_402_373_705_728_000])
        #expect(try Tensor<Float>([4]).factorial().scalars == [24])
        for bad in [19.0, 2.5, -1, .nan, .infinity, 1e300] {
            #expect(throws: TensorError.self) { try T64([bad]).factorial() }
        }
        #expect(try T64.zeros([0]).factorial().shape == [0])
    }

    @Test func combinationsAreExactUpToTwoToThe53() throws {
        #expect(try T64.comb(T64([5, 10, 52, 3, 0]), T64([2, 0, 5, 4, 0])).scalars == [10, 1, 2_598_960, 0, 1])
        #expect(try T64.comb(T64(56), T64(28)).scalars == [7_648_690_600_760_440])
        #expect(try T64.comb(T64(9_007_199_254_740_992), T64(1)).scalars == [9_007_199_254_740_992])
        #expect(try T64.comb(T64(1e15), T64(1e15 - 1)).scalars == [1e15])
        #expect(try T64.comb(T64(rows: [[4], [6]]), T64([1, 2])).scalars == [4, 6, 6, 15])
        #expect(throws: TensorError.self) { try T64.comb(T64(57), T64(28)) }
        #expect(throws: TensorError.self) { try T64.comb(T64(1e9), T64(5)) }
        #expect(throws: TensorError.self) { try T64.comb(T64(5), T64(-1)) }
        #expect(throws: TensorError.self) { try T64.comb(T64(5.5), T64(1)) }
        #expect(throws: TensorError.self) { try T64.comb(T64(1e17), T64(0)) }
        #expect(throws: TensorError.self) { try T64.comb(T64([1, 2]), T64([1, 2, 3])) }
    }

    @Test func combinatoricsAtItsLimits() {
        #expect(Combinatorics.factorial(18) == 6_402_373_705_728_000 && Combinatorics.factorial(19) == nil)
        #expect(Combinatorics.factorial(Combinatorics.exactLimit) == nil)
        #expect(Combinatorics.binomial(Combinatorics.exactLimit, Combinatorics.exactLimit / 2) == nil)
        #expect(Combinatorics.binomial(Combinatorics.exactLimit, Combinatorics.exactLimit) == 1)
        #expect(Combinatorics.binomial(56, 28) == 7_648_690_600_760_440 && Combinatorics.binomial(57, 28) == nil)
    }
}

@Suite("Gradients of special functions")
struct SpecialFunctionGradientTests {
    @Test func firstDerivatives() throws {
        let x = try sample([3, 4], seed: 81, low: -2, high: 2)
        let positive = try sample([3, 4], seed: 82, low: 0.1, high: 6)
        let negative = try sample([4], seed: 83, low: -2.9, high: -2.1)
        try checkGradients([positive]) { try $0[0].logGamma() }
        try checkGradients([negative]) { try $0[0].logGamma() }
        try checkGradients([positive]) { try $0[0].gamma() }
        try checkGradients([positive]) { try $0[0].digamma() }
        try checkGradients([negative]) { try $0[0].digamma() }
        try checkGradients([x]) { try $0[0].erf() }
        try checkGradients([x]) { try $0[0].erfc() }
    }

    @Test func higherDerivatives() throws {
        let x = try sample([3, 4], seed: 84, low: -2, high: 2)
        let positive = try sample([3, 4], seed: 85, low: 0.5, high: 4)
        try checkHigherOrder([positive], order: 2, tolerance: 1e-5) { try $0[0].logGamma() }
        try checkHigherOrder([positive], order: 2, tolerance: 1e-5) { try $0[0].gamma() }
        try checkHigherOrder([x], order: 3, tolerance: 1e-5) { try $0[0].erf() }
        try checkHigherOrder([x], order: 3, tolerance: 1e-5) { try $0[0].erfc() }
        let input = T64([1.5])
        input.requiresGradient = true
        #expect(throws: TensorError.higherOrderUnsupported(operation: "digamma")) {
            try T64.gradients(of: input.digamma(), withRespectTo: [input], createGraph: true)
        }
    }
}
