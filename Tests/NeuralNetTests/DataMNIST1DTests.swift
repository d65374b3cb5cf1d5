import Foundation
import Testing
import TensorCore
@testable import NeuralNet

@Suite struct DataMNIST1DTests {
    static let reference = DataTestSupport.sharedData.appendingPathComponent("mnist1d")
    static let referenceExists = FileManager.default.fileExists(atPath: reference.appendingPathComponent("x.npy").path)

    @Test func labelsAndClassCountsMatchThePublishedSet() throws {
        let data = try MNIST1D()
        #expect(data.x.shape == [4000, 40])
        #expect(data.xTest.shape == [1000, 40])
        #expect(data.t.shape == [40])
        #expect(Array(data.y.prefix(10)) == [2, 6, 4, 5, 6, 6, 6, 0, 3, 1])
        let counts = (0..<10).map { digit in data.y.filter { $0 == digit }.count }
        #expect(counts == [398, 396, 411, 394, 394, 402, 401, 404, 402, 398])
    }

    @Test(.enabled(if: referenceExists, "shared/data/mnist1d is absent (it lives beside the repository)"))
    func reproducesTheReferenceArrays() throws {
        let data = try MNIST1D()
        func load(_ name: String) throws -> Tensor<Double> {
            try NPYFile.read(Self.reference.appendingPathComponent(name).path)
        }
        var worst = 0.0
        for (mine, name) in [(data.x, "x.npy"), (data.xTest, "x_test.npy"), (data.t, "t.npy")] {
            let theirs = try load(name)
            #expect(mine.shape == theirs.shape, "\(name)")
            guard mine.shape == theirs.shape else { continue }
            let difference = zip(mine.scalars, theirs.scalars).map { abs($0 - $1) }.max() ?? 0
            worst = max(worst, difference)
            #expect(difference <= 1e-12, "\(name): max abs difference \(difference)")
        }
        print("MNIST-1D: max abs difference from the reference \(worst)")
        #expect(try load("y.npy").scalars == data.y.map(Double.init))
        #expect(try load("y_test.npy").scalars == data.yTest.map(Double.init))
    }

    @Test func datasetsAreFloatWithLabels() throws {
        let data = try MNIST1D(MNIST1DOptions(train: 80, test: 20, seed: 3))
        let train = try data.train, test = try data.test
        #expect(train.count == 80 && test.count == 20)
        #expect(train.inputs.shape == [80, 40] && train.targets.shape == [80])
        #expect(train.classNames?.count == 10)
        #expect(try MNIST1D(MNIST1DOptions(train: 80, test: 20, seed: 3)).x.scalars == data.x.scalars)
        #expect(try MNIST1D(MNIST1DOptions(train: 80, test: 20, seed: 4)).x.scalars != data.x.scalars)
    }

    @Test func rejectsSizesThatAreNotWholeClasses() {
        #expect(throws: DataError.self) { try MNIST1DOptions(train: 81, test: 20) }
    }
}
