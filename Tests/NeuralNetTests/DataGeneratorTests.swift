import Foundation
import Testing
import TensorCore
@testable import NeuralNet

@Suite struct DataGeneratorTests {
    @Test func regression1dIsSortedNoisySineAndDeterministic() throws {
        let data = try Dataset<Float>.regression1d(count: 30, noise: 0.1, seed: 7)
        #expect(data.inputs.shape == [30, 1] && data.targets.shape == [30, 1])
        let x = data.inputs.scalars, y = data.targets.scalars
        #expect(x == x.sorted() && x.allSatisfy { $0 >= 0 && $0 < 1 })
        let residuals = zip(x, y).map { Double($1) - sin(2 * .pi * Double($0)) }
        #expect(residuals.allSatisfy { abs($0) < 0.5 })
        #expect(try Dataset<Float>.regression1d(count: 30, noise: 0.1, seed: 7).targets.scalars == y)
        #expect(try Dataset<Float>.regression1d(count: 30, noise: 0.1, seed: 8).targets.scalars != y)
        let clean = try Dataset<Float>.regression1d(count: 5, noise: 0, seed: 7)
        #expect(zip(clean.inputs.scalars, clean.targets.scalars).allSatisfy { abs(Double($1) - sin(2 * .pi * Double($0))) < 1e-6 })
        #expect(throws: DataError.self) { try Dataset<Float>.regression1d(count: 0, seed: 1) }
    }

    @Test func regression1dDrawsLikeNumPy() throws {
        // numpy.random.seed(0); np.sort(np.random.rand(3))[0] == 0.5488135039273248 (the first rand()).
        let data = try Dataset<Float>.regression1d(count: 1, noise: 0, seed: 0)
        #expect(abs(Double(data.inputs.scalars[0]) - 0.5488135039273248) < 1e-7)
    }

    @Test func booleanFunctions() throws {
        let xor = try Dataset<Float>.boolean(.xor)
        #expect(xor.inputs.scalars == [0, 0, 0, 1, 1, 0, 1, 1])
        #expect(xor.targets.scalars == [0, 1, 1, 0])
        #expect(try Dataset<Float>.boolean(.and).targets.scalars == [0, 0, 0, 1])
        #expect(try Dataset<Float>.boolean(.or).targets.scalars == [0, 1, 1, 1])
        #expect(try Dataset<Float>.boolean(.nand).targets.scalars == [1, 1, 1, 0])
        #expect(BooleanFunction.all.count == 16 && Set(BooleanFunction.all).count == 16)
        #expect(BooleanFunction.named["xnor"] == .xnor)
        #expect(throws: DataError.self) { try BooleanFunction(truthTable: [true]) }
    }

    @Test func classificationSetsHaveBalancedLabels() throws {
        let blobs = try Dataset<Float>.blobs(count: 101, seed: 1)
        #expect(blobs.inputs.shape == [101, 2] && blobs.targets.scalars.filter { $0 == 0 }.count == 51)
        let moons = try Dataset<Float>.moons(count: 100, noise: 0, seed: 1)
        #expect(moons.targets.scalars.filter { $0 == 1 }.count == 50)
        // Without noise the upper moon lies on the unit circle.
        for row in 0..<50 {
            let (x, y) = (moons.inputs.scalars[2 * row], moons.inputs.scalars[2 * row + 1])
            #expect(abs(x * x + y * y - 1) < 1e-5)
        }
        let spirals = try Dataset<Float>.spirals(count: 300, classes: 3, seed: 2)
        #expect(spirals.inputs.shape == [300, 2] && spirals.classNames == ["0", "1", "2"])
        #expect(spirals.inputs.scalars.allSatisfy { abs($0) <= 1 })
        for make in [{ try Dataset<Float>.blobs(count: 40, seed: 3) }, { try Dataset<Float>.moons(count: 40, seed: 3) },
                     { try Dataset<Float>.spirals(count: 40, seed: 3) }, { try Dataset<Float>.gabor(count: 40, seed: 3) }] {
            #expect(try make().inputs.scalars == make().inputs.scalars)
            #expect(try make().targets.scalars == make().targets.scalars)
        }
    }

    @Test func gaborModel() throws {
        #expect(Dataset<Float>.gaborValue(0, phi0: 0, phi1: 10) == 0)
        let z = 0.5 + 0.06 * 10 * 2.0
        #expect(abs(Dataset<Float>.gaborValue(2, phi0: 0.5, phi1: 10) - sin(z) * exp(-z * z / 32)) < 1e-15)
        let data = try Dataset<Float>.gabor(count: 28, noise: 0, seed: 0)
        #expect(data.inputs.scalars.allSatisfy { $0 >= -15 && $0 < 15 })
        #expect(zip(data.inputs.scalars, data.targets.scalars).allSatisfy {
            abs(Double($1) - Dataset<Float>.gaborValue(Double($0), phi0: 0, phi1: 16)) < 1e-5
        })
    }
}
