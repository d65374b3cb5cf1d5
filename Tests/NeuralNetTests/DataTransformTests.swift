import Foundation
import Testing
import TensorCore
@testable import NeuralNet

@Suite struct DataTransformTests {
    /// Ten samples whose single feature is their original position.
    func numbered(_ count: Int = 10) throws -> Dataset<Float> {
        try Dataset<Float>(inputs: Tensor(shape: [count, 1], scalars: (0..<count).map(Float.init)),
                    targets: Tensor((0..<count).map { Float($0 % 3) }), classNames: ["a", "b", "c"])
    }

    @Test func splitSizesAndDisjointness() throws {
        let data = try numbered()
        let (train, test) = try data.split(0.8, seed: 0)
        #expect(train.count == 8 && test.count == 2)
        #expect(Set(train.inputs.scalars + test.inputs.scalars) == Set((0..<10).map(Float.init)))
        #expect(train.classNames == ["a", "b", "c"])
        #expect(try data.split(0.7, seed: 0).train.count == 7)
        #expect(try data.split(0.8, seed: 0).train.inputs.scalars == train.inputs.scalars)
        #expect(try data.split(0.8, seed: 1).train.inputs.scalars != train.inputs.scalars)
        #expect(try data.split(1, seed: 0).test.count == 0)
        #expect(throws: DataError.self) { try data.split(1.5, seed: 0) }
        // The targets travel with their inputs.
        #expect(zip(train.inputs.scalars, train.targets.scalars).allSatisfy { Float(Int($0) % 3) == $1 })
    }

    @Test func digitsSplit() throws {
        let path = DataTestSupport.packageRoot.appendingPathComponent("notebooks/data/digits.csv").path
        let (train, test) = try Dataset<Float>.csv(path, label: "label").split(0.8, seed: 0)
        #expect(train.count == 1437 && test.count == 360)
    }

    @Test func batchesCoverEverySampleOnce() throws {
        let data = try numbered(103)
        for shuffle in [false, true] {
            let batches = try data.batches(of: 10, shuffle: shuffle, seed: 4)
            #expect(batches.count == 11)
            #expect(batches.dropLast().allSatisfy { $0.count == 10 } && batches.last?.count == 3)
            let seen = batches.flatMap { $0.inputs.scalars }
            #expect(seen.sorted() == (0..<103).map(Float.init))
            #expect((seen == (0..<103).map(Float.init)) == !shuffle)
        }
        #expect(try data.batches(of: 10, shuffle: true, seed: 4).first?.inputs.scalars
                == data.batches(of: 10, shuffle: true, seed: 4).first?.inputs.scalars)
        #expect(try data.batches(of: 500).count == 1)
        #expect(throws: DataError.self) { try data.batches(of: 0) }
    }

    @Test func shuffleAndRelabel() throws {
        let data = try numbered()
        let shuffled = try data.shuffled(seed: 1)
        #expect(shuffled.inputs.scalars.sorted() == data.inputs.scalars && shuffled.inputs.scalars != data.inputs.scalars)
        let labels = try DataTransforms.shuffle(data.targets, seed: 1)
        #expect(labels.scalars.sorted() == data.targets.scalars.sorted())
        // Shuffling uses permutation(n) like NumPy: seed 1, n = 10 gives [2, 9, 6, 4, 0, 3, 1, 7, 8, 5].
        #expect(try DataTransforms.shuffle(data.inputs, seed: 1).scalars == [2, 9, 6, 4, 0, 3, 1, 7, 8, 5])
        let relabelled = try data.relabelled(labels)
        #expect(relabelled.inputs.scalars == data.inputs.scalars && relabelled.targets.scalars == labels.scalars)
        #expect(throws: DataError.self) { try data.relabelled(Tensor([1, 2])) }
    }

    @Test func oneHot() throws {
        let encoded = try DataTransforms.oneHot(Tensor<Float>([2, 0, 1]), classes: 3)
        #expect(encoded.shape == [3, 3] && encoded.scalars == [0, 0, 1, 1, 0, 0, 0, 1, 0])
        #expect(try numbered(4).oneHotTargets().shape == [4, 3])
        #expect(throws: DataError.self) { try DataTransforms.oneHot(Tensor<Float>([3]), classes: 3) }
        #expect(throws: DataError.self) { try DataTransforms.oneHot(Tensor<Float>([0.5]), classes: 3) }
        #expect(throws: DataError.self) { try DataTransforms.oneHot(Tensor<Float>([.nan]), classes: 3) }
    }

    @Test func standardiseWithTrainingStatistics() throws {
        let train = try Dataset<Float>(inputs: Tensor(rows: [[1, 10, 5], [3, 30, 5]]), targets: Tensor([0, 1]))
        let (scaled, statistics) = try train.standardised()
        #expect(statistics.mean == [2, 20, 5] && statistics.deviation == [1, 10, 1])
        #expect(scaled.inputs.scalars == [-1, -1, 0, 1, 1, 0])
        let test = try Dataset<Float>(inputs: Tensor(rows: [[2, 40, 6]]), targets: Tensor([1]))
        #expect(try statistics.apply(to: test).inputs.scalars == [0, 2, 1])
        #expect(throws: DataError.self) { try statistics.apply(to: Tensor<Float>(rows: [[1, 2]])) }
    }
}
