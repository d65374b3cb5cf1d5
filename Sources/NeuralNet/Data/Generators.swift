import Foundation
import TensorCore

/// Seeded synthetic data sets. Every generator draws from a NumPy-compatible
/// `RandomGenerator(seed:)` in a documented order, so the same seed gives the
/// same numbers on every machine. Classification sets come in class order
/// (class 0 first) with labels [N]; regression sets have inputs and targets [N, 1].
extension Dataset {
    /// `count` points for 1-D regression: x uniform in [0, 1) (sorted), and
    /// y = sin(2πx) + noise · N(0, 1). Draws: `count` uniforms, then `count` normals.
    ///
    ///     let toy = try Dataset.regression1d(count: 30, noise: 0.1, seed: 0)
    public static func regression1d(count: Int, noise: Double = 0.1, seed: UInt32) throws -> Dataset {
        try checkCount(count, "regression1d")
        var generator = RandomGenerator(seed: seed)
        let x = (0..<count).map { _ in generator.uniform() }.sorted()
        let y = x.map { Foundation.sin(2 * Double.pi * $0) + noise * generator.normal() }
        return try regression(x, y)
    }

    /// `count` points of the Gabor model from the course (Prince, *Understanding
    /// Deep Learning*, ch. 6): x uniform in [−15, 15) (sorted),
    /// y = `gaborValue(x, phi0, phi1)` + noise · N(0, 1). Draws as `regression1d`.
    public static func gabor(count: Int, phi0: Double = 0, phi1: Double = 16, noise: Double = 0.1, seed: UInt32) throws -> Dataset {
        try checkCount(count, "gabor")
        var generator = RandomGenerator(seed: seed)
        let x = (0..<count).map { _ in 30 * generator.uniform() - 15 }.sorted()
        let y = x.map { gaborValue($0, phi0: phi0, phi1: phi1) + noise * generator.normal() }
        return try regression(x, y)
    }

    /// The Gabor model: sin(φ0 + 0.06·φ1·x) · exp(−(φ0 + 0.06·φ1·x)² / 32).
    public static func gaborValue(_ x: Double, phi0: Double, phi1: Double) -> Double {
        let z = phi0 + 0.06 * phi1 * x
        return Foundation.sin(z) * Foundation.exp(-(z * z) / 32)
    }

    /// The four rows of a Boolean function of two inputs: inputs (0,0), (0,1),
    /// (1,0), (1,1) and labels 0 (false) or 1 (true).
    ///
    ///     let xor = try Dataset.boolean(.xor)
    public static func boolean(_ function: BooleanFunction) throws -> Dataset {
        try Dataset(inputs: Tensor(rows: [[0, 0], [0, 1], [1, 0], [1, 1]]),
                    targets: Tensor(function.outputs.map { $0 ? 1 : 0 }), classNames: ["false", "true"])
    }

    /// Gaussian blobs in the plane: `count` points split evenly over the
    /// centres (earlier centres take the remainder), each coordinate
    /// centre + deviation · N(0, 1), drawn row by row; label = centre index.
    public static func blobs(count: Int, centers: [(Double, Double)] = [(-1, -1), (1, 1)],
                             deviation: Double = 0.5, seed: UInt32) throws -> Dataset {
        try checkCount(count, "blobs")
        guard !centers.isEmpty else { throw DataError.invalidArgument(operation: "blobs", reason: "needs at least one centre") }
        var generator = RandomGenerator(seed: seed)
        var points: [[Double]] = [], labels: [Int] = []
        for (label, size) in sizes(count, centers.count).enumerated() {
            for _ in 0..<size {
                let x = centers[label].0 + deviation * generator.normal()
                let y = centers[label].1 + deviation * generator.normal()
                points.append([x, y])
                labels.append(label)
            }
        }
        return try classification(points, labels, classes: centers.count)
    }

    /// Two interleaving half circles (scikit-learn's `make_moons`): `count / 2`
    /// points on the upper moon (label 0), the rest on the lower one (label 1),
    /// then noise · N(0, 1) added to every coordinate, row by row.
    public static func moons(count: Int, noise: Double = 0.1, seed: UInt32) throws -> Dataset {
        try checkCount(count, "moons")
        var generator = RandomGenerator(seed: seed)
        let upper = count / 2, lower = count - upper
        var points: [[Double]] = NumPyNumerics.linspace(0, Double.pi, count: upper).map { [Foundation.cos($0), Foundation.sin($0)] }
        points += NumPyNumerics.linspace(0, Double.pi, count: lower).map { [1 - Foundation.cos($0), 0.5 - Foundation.sin($0)] }
        points = points.map { $0.map { $0 + noise * generator.normal() } }
        return try classification(points, [Int](repeating: 0, count: upper) + [Int](repeating: 1, count: lower), classes: 2)
    }

    /// Interleaved spirals, one per class (the CS231n toy set): for class k
    /// with n points, radius r = linspace(0, 1, n) and angle
    /// θ = linspace(4k, 4k + 4, n) + noise · N(0, 1), point (r sin θ, r cos θ).
    public static func spirals(count: Int, classes: Int = 3, noise: Double = 0.2, seed: UInt32) throws -> Dataset {
        try checkCount(count, "spirals")
        guard classes >= 1, classes <= 1000 else {
            throw DataError.invalidArgument(operation: "spirals", reason: "the number of classes must be in 1…1000, not \(classes)")
        }
        var generator = RandomGenerator(seed: seed)
        var points: [[Double]] = [], labels: [Int] = []
        for (label, size) in sizes(count, classes).enumerated() {
            let radii = NumPyNumerics.linspace(0, 1, count: size)
            let angles = NumPyNumerics.linspace(Double(4 * label), Double(4 * label + 4), count: size)
            for (r, angle) in zip(radii, angles) {
                let theta = angle + noise * generator.normal()
                points.append([r * Foundation.sin(theta), r * Foundation.cos(theta)])
                labels.append(label)
            }
        }
        return try classification(points, labels, classes: classes)
    }

    // MARK: Helpers

    private static func checkCount(_ count: Int, _ operation: String) throws {
        guard count >= 1, count <= 10_000_000 else {
            throw DataError.invalidArgument(operation: operation, reason: "the number of samples must be in 1…10000000, not \(count)")
        }
    }

    /// `count` split into `parts` sizes that differ by at most one, larger first.
    private static func sizes(_ count: Int, _ parts: Int) -> [Int] {
        (0..<parts).map { count / parts + ($0 < count % parts ? 1 : 0) }
    }

    private static func regression(_ x: [Double], _ y: [Double]) throws -> Dataset {
        try Dataset(inputs: Tensor(shape: [x.count, 1], scalars: x.map { Scalar($0) }),
                    targets: Tensor(shape: [y.count, 1], scalars: y.map { Scalar($0) }))
    }

    private static func classification(_ points: [[Double]], _ labels: [Int], classes: Int) throws -> Dataset {
        try Dataset(inputs: Tensor(shape: [points.count, 2], scalars: points.flatMap { $0.map { Scalar($0) } }),
                    targets: Tensor(labels.map { Scalar($0) }), classNames: (0..<classes).map(String.init))
    }
}

/// A Boolean function of two inputs, by its outputs for (0,0), (0,1), (1,0), (1,1).
public struct BooleanFunction: Equatable, Hashable, Sendable {
    /// The outputs for the inputs (0,0), (0,1), (1,0), (1,1).
    public let outputs: [Bool]

    /// The function with this truth table (four outputs).
    public init(truthTable outputs: [Bool]) throws {
        guard outputs.count == 4 else {
            throw DataError.invalidArgument(operation: "boolean function", reason: "a truth table of two inputs has 4 rows, not \(outputs.count)")
        }
        self.outputs = outputs
    }

    private init(_ outputs: Bool...) { self.outputs = outputs }

    public static let and = BooleanFunction(false, false, false, true)
    public static let or = BooleanFunction(false, true, true, true)
    public static let nand = BooleanFunction(true, true, true, false)
    public static let nor = BooleanFunction(true, false, false, false)
    public static let xor = BooleanFunction(false, true, true, false)
    public static let xnor = BooleanFunction(true, false, false, true)

    /// The named functions, by their lowercase names.
    public static let named: [String: BooleanFunction] = [
        "and": .and, "or": .or, "nand": .nand, "nor": .nor, "xor": .xor, "xnor": .xnor,
    ]

    /// The sixteen Boolean functions of two inputs (truth tables 0000…1111).
    public static let all: [BooleanFunction] = (0..<16).map { code in
        BooleanFunction(outputs: (0..<4).map { code >> (3 - $0) & 1 == 1 })
    }

    private init(outputs: [Bool]) { self.outputs = outputs }
}
