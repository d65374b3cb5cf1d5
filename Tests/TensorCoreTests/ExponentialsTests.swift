import CMatrixKernels
import Foundation
import Testing

/// The vectorised float exponential (Exponentials.c) against e^x computed in double
/// precision and rounded once to float (the nearest float, but for a value
/// within a double's rounding of a halfway point, which these do not hit).
@Suite("Exponentials")
struct ExponentialsTests {
    private func exponentials(_ values: [Float]) -> [Float] {
        var out = values
        out.withUnsafeMutableBufferPointer { dln_exp_s($0.baseAddress, $0.count) }
        return out
    }

    private func sameBits(_ a: Float, _ b: Float) -> Bool { a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }

    @Test func everyFloatOfAWideGridIsTheNearest() {
        // About 400,000 floats from below underflow to beyond overflow,
        // with lengths that leave every remainder of a vector.
        var inputs: [Float] = []
        var x: Float = -110
        while x < 95 { inputs.append(x); x = x.nextUp.nextUp + Float(0.0005) }
        for chunk in stride(from: 0, to: inputs.count, by: 4099) {
            let part = Array(inputs[chunk..<min(chunk + 4099, inputs.count)])
            for (value, result) in zip(part, exponentials(part)) {
                let expected = Float(Foundation.exp(Double(value)))
                #expect(sameBits(result, expected), "e^\(value): \(result), nearest \(expected)")
            }
        }
    }

    @Test func edgesOfTheRange() {
        let specials: [Float] = [
            .nan, .infinity, -.infinity, 0, -0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, 1, -1,
            88.72283, 88.722839, 88.72284, 89, 1000, -87.33654, -87.336548, -103.27893, -103.972076, -103.97208, -104, -1e30,
            Float(bitPattern: 0x7FC0_0001), 1e-8, -1e-8,
        ]
        let results = exponentials(specials)
        for (value, result) in zip(specials, results) {
            let expected = Float(Foundation.exp(Double(value)))
            #expect(sameBits(result, expected), "e^\(value): \(result), nearest \(expected)")
        }
        #expect(results[1] == .infinity && results[2] == 0 && results[3] == 1 && results[0].isNaN)
        // A subnormal result, and the largest input that is still finite.
        #expect(exponentials([-100]) == [Float(Foundation.exp(-100.0))] && exponentials([-100])[0].isSubnormal)
        #expect(exponentials([88.72283])[0].isFinite && exponentials([88.72284])[0] == .infinity)
    }

    @Test func emptyAndSingle() {
        #expect(exponentials([]) == [])
        #expect(exponentials([0]) == [1])
    }
}
