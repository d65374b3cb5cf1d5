import Testing
@testable import TensorCore

/// Expected values are NumPy's legacy `RandomState` outputs for the same seeds.
@Suite("Random numbers match NumPy's RandomState")
struct RandomTests {
    @Test func uniformMatchesNumPy() {
        var generator = RandomGenerator(seed: 42)
        #expect(generator.uniform() == 0.3745401188473625)
        #expect(generator.uniform() == 0.9507143064099162)
    }

    @Test func normalMatchesNumPy() {
        var generator = RandomGenerator(seed: 0)
        #expect(generator.normal() == 1.764052345967664)
        #expect(generator.normal() == 0.4001572083672233)
        #expect(generator.normal() == 0.9787379841057392)
    }

    @Test func integersAndPermutationsMatchNumPy() {
        var generator = RandomGenerator(seed: 42)
        #expect(generator.permutation(10) == [8, 1, 5, 0, 7, 2, 9, 4, 3, 6])
        var choices = RandomGenerator(seed: 7)
        #expect((0..<5).map { _ in choices.integer(below: 48) } == [47, 4, 25, 3, 19])
    }

    @Test func sameSeedSameTensor() throws {
        var a = RandomGenerator(seed: 3), b = RandomGenerator(seed: 3)
        #expect(try Tensor<Float>.normal([4, 4], generator: &a).scalars == Tensor<Float>.normal([4, 4], generator: &b).scalars)
    }
}
