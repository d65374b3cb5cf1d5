import Testing
import TensorCore
@testable import NeuralNet

typealias T64 = Tensor<Double>

/// Checks the gradients `backward()` gives for `function` with respect to
/// `inputs` against central finite differences in Float64. The output is
/// reduced to a number by a fixed random weighting.
func checkGradients(
    _ inputs: [T64], tolerance: Double = 1e-6, step: Double = 1e-6,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ function: () throws -> T64
) throws {
    for input in inputs { input.requiresGradient = true; input.zeroGradient() }
    let output = try function()
    var generator = RandomGenerator(seed: 99)
    let weights = try T64.uniform(output.shape, low: 0.5, high: 1.5, generator: &generator)
    func objective() throws -> Double {
        try GradientMode.withoutGradients { try function().multiplying(weights).sum().scalarValue() }
    }
    try output.multiplying(weights).sum().backward()
    for (n, input) in inputs.enumerated() {
        let analytic = input.gradient?.scalars ?? [Double](repeating: 0, count: input.count)
        for i in 0..<input.count {
            let original = input.scalars[i]
            input.update { $0[i] = original + step }
            let up = try objective()
            input.update { $0[i] = original - step }
            let down = try objective()
            input.update { $0[i] = original }
            let numeric = (up - down) / (2 * step)
            #expect(abs(numeric - analytic[i]) <= tolerance * max(1, abs(numeric)),
                    "input \(n) element \(i): numeric \(numeric), backward \(analytic[i])", sourceLocation: sourceLocation)
        }
    }
}

/// A tensor of the given shape with values drawn from a fixed seed.
func sample(_ shape: [Int], seed: UInt32 = 1, low: Double = -1, high: Double = 1) throws -> T64 {
    var generator = RandomGenerator(seed: seed)
    return try T64.uniform(shape, low: low, high: high, generator: &generator)
}

/// Whether two arrays agree elementwise within `tolerance`.
func close<S: BinaryFloatingPoint>(_ a: [S], _ b: [S], _ tolerance: S = 1e-5) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($1)) }
}

/// The error's description, or nil when `body` does not throw.
func errorText(_ body: () throws -> Void) -> String? {
    do { try body(); return nil } catch { return "\(error)" }
}
