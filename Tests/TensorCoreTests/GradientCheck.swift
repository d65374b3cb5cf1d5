import RealModule
import Testing
@testable import TensorCore

typealias T64 = Tensor<Double>

/// Checks the gradients `backward()` gives for `function` at `inputs`
/// against central finite differences in Float64.
///
/// The function's output is reduced to a number by a fixed random weighting,
/// so every output element's gradient is exercised.
func checkGradients(
    _ inputs: [T64], tolerance: Double = 1e-6, step: Double = 1e-6,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ function: ([T64]) throws -> T64
) throws {
    for input in inputs { input.requiresGradient = true; input.zeroGradient() }
    let output = try function(inputs)
    var generator = RandomGenerator(seed: 99)
    let weights = try T64.uniform(output.shape, low: 0.5, high: 1.5, generator: &generator)
    func objective(_ xs: [T64]) throws -> Double {
        try GradientMode.withoutGradients { try function(xs).multiplying(weights).sum().scalarValue() }
    }
    try output.multiplying(weights).sum().backward()
    for (n, input) in inputs.enumerated() {
        let analytic = input.gradient?.scalars ?? [Double](repeating: 0, count: input.count)
        for i in 0..<input.count {
            let original = input.scalars[i]
            input.scalars[i] = original + step
            let up = try objective(inputs)
            input.scalars[i] = original - step
            let down = try objective(inputs)
            input.scalars[i] = original
            let numeric = (up - down) / (2 * step)
            #expect(
                numeric.isApproximatelyEqual(to: analytic[i], absoluteTolerance: tolerance, relativeTolerance: tolerance),
                "input \(n) element \(i): numeric \(numeric), backward \(analytic[i])", sourceLocation: sourceLocation)
        }
    }
}

/// A tensor of the given shape with values drawn from a fixed seed.
func sample(_ shape: [Int], seed: UInt32 = 1, low: Double = -1, high: Double = 1) throws -> T64 {
    var generator = RandomGenerator(seed: seed)
    return try T64.uniform(shape, low: low, high: high, generator: &generator)
}
