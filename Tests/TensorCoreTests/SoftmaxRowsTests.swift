import CMatrixKernels
import RealModule
import Testing
@testable import TensorCore

/// The C cross-entropy rows against the plain Swift loops they replaced,
/// bit for bit (with the same exponentials), on hard and soft targets and
/// on logits with NaN, ±∞ and ±0.
@Suite("Softmax cross-entropy rows")
struct SoftmaxRowsTests {
    private static let specials: [Double] = [.nan, .infinity, -.infinity, 0, -0.0, 1e30, -1e30]

    private func logits<Scalar: TensorScalar>(_ count: Int, seed: Int, specials: Bool) -> [Scalar] {
        (0..<count).map { i in
            let mixed = (i &* 7919 &+ seed &* 104_729) % 89
            if specials && mixed < Self.specials.count { return Scalar(Self.specials[mixed]) }
            return Scalar(Double(mixed - 44) / 3.0)
        }
    }

    /// e^x as the kernel computes it: the vectorised float kernel, or the library.
    private func exponential<Scalar: TensorScalar>(_ x: Scalar) -> Scalar {
        guard var value = x as? Float else { return Scalar.exp(x) }
        dln_exp_s(&value, 1)
        return Scalar(value)
    }

    /// The loops FusedCrossEntropy ran in Swift.
    private func reference<Scalar: TensorScalar>(
        _ z: [Scalar], classes: Int, labels: [Int]?, targets: [Scalar]?, scale: Scalar
    ) -> (slopes: [Scalar], losses: [Scalar]) {
        let rows = z.count / classes
        var slopes = [Scalar](repeating: 0, count: z.count), losses = [Scalar](repeating: 0, count: rows)
        for n in 0..<rows {
            let row = n * classes
            var largest = -Scalar.infinity
            for k in 0..<classes { largest = Swift.max(largest, z[row + k]) }
            if !largest.isFinite { largest = 0 }
            var sum: Scalar = 0
            for k in 0..<classes {
                slopes[row + k] = exponential(z[row + k] - largest)
                sum += slopes[row + k]
            }
            let logSum = largest + Scalar.log(sum)
            var loss: Scalar = 0
            for k in 0..<classes {
                let probability = slopes[row + k] / sum
                let target: Scalar = targets?[row + k] ?? (labels?[n] == k ? 1 : 0)
                if target != 0 { loss += target * (logSum - z[row + k]) }
                slopes[row + k] = (probability - target) * scale
            }
            losses[n] = loss
        }
        return (slopes, losses)
    }

    private func same<Scalar: TensorScalar>(_ a: [Scalar], _ b: [Scalar]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { ($0 == $1 && $0.sign == $1.sign) || ($0.isNaN && $1.isNaN) }
    }

    private func check<Scalar: TensorScalar>(_: Scalar.Type, specials: Bool) {
        // Spans of at most 1024 elements: several rows, a span's last row
        // cut short, many spans (200 × 10), a row wider than a span (1100).
        for classes in [1, 2, 3, 10, 16, 17, 33, 1100] {
            for rows in [1, 5, 40, 200] {
                let z: [Scalar] = logits(rows * classes, seed: classes + rows, specials: specials)
                let labels = (0..<rows).map { ($0 * 7 + 3) % classes }
                let targets: [Scalar] = logits(rows * classes, seed: 99, specials: false).map { Scalar.exp($0 / 8) / 40 }
                for soft in [false, true] {
                    let scale = 1 / Scalar(rows)
                    let expected = reference(z, classes: classes, labels: soft ? nil : labels, targets: soft ? targets : nil, scale: scale)
                    var slopes = [Scalar](repeating: 7, count: z.count), losses = [Scalar](repeating: 7, count: rows)
                    z.withUnsafeBufferPointer { z in
                        labels.withUnsafeBufferPointer { labels in
                            targets.withUnsafeBufferPointer { targets in
                                SoftmaxRows.crossEntropy(
                                    logits: z.baseAddress!, rows: rows, classes: classes,
                                    targets: soft ? .probabilities(targets.baseAddress!) : .labels(labels.baseAddress!),
                                    scale: scale, slopes: &slopes, losses: &losses)
                            }
                        }
                    }
                    let what = "\(rows)×\(classes), \(soft ? "soft" : "hard"), \(Scalar.self)"
                    #expect(same(slopes, expected.slopes), "slopes, \(what)")
                    #expect(same(losses, expected.losses), "losses, \(what)")
                }
            }
        }
    }

    @Test func floatRowsMatchTheLoops() {
        check(Float.self, specials: false)
        check(Float.self, specials: true)
    }

    @Test func doubleRowsMatchTheLoops() {
        check(Double.self, specials: false)
        check(Double.self, specials: true)
    }
}
