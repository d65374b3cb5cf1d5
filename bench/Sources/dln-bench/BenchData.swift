import NeuralNet
import TensorCore

/// The data and networks the tasks share with the peers: the same files,
/// the same seeded permutations, the same He-initialised weights (NumPy's
/// RandomState draws, in the same order).
enum BenchData {
    /// The depth experiment's networks: 1 to 4 hidden layers at a matched budget.
    static let depthNetworks: [[Int]] = [[40, 298, 10], [40, 100, 100, 10], [40, 75, 75, 75, 10], [40, 63, 63, 63, 63, 10]]

    /// MNIST-1D's 4000 training samples with labels shuffled by
    /// `RandomState(1).permutation(4000)` (the random-label experiment).
    static func mnist1d(_ folder: String) throws -> Dataset<Float> {
        let x: Tensor<Float> = try NPYFile.read(folder + "/mnist1d/x.npy", as: Float.self)
        let y: Tensor<Float> = try NPYFile.read(folder + "/mnist1d/y.npy", as: Float.self)
        var generator = RandomGenerator(seed: 1)
        let shuffled = try y.gathering(rows: generator.permutation(y.count))
        return try Dataset<Float>(inputs: x, targets: shuffled)
    }

    /// MNIST-1D's 4000 training and 1000 test samples with their own labels,
    /// each sample reshaped to `sampleShape` (channels first).
    static func mnist1dSplit(_ folder: String, sampleShape: [Int]) throws -> (train: Dataset<Float>, test: Dataset<Float>) {
        func read(_ x: String, _ y: String) throws -> Dataset<Float> {
            let inputs: Tensor<Float> = try NPYFile.read(folder + "/mnist1d/" + x, as: Float.self)
            let targets: Tensor<Float> = try NPYFile.read(folder + "/mnist1d/" + y, as: Float.self)
            return try Dataset<Float>(inputs: inputs.reshaped(to: [-1] + sampleShape), targets: targets)
        }
        return (try read("x.npy", "y.npy"), try read("x_test.npy", "y_test.npy"))
    }

    /// The 8×8 digits scaled to [0, 1], split 1437 / 360 by `RandomState(0).permutation`.
    static func digits(_ folder: String) throws -> (train: Dataset<Float>, test: Dataset<Float>) {
        let all = try Dataset<Float>.csv(folder + "/digits.csv", label: "label")
        let scaled = try Dataset<Float>(inputs: all.inputs.dividing(by: Tensor(16)), targets: all.targets)
        var generator = RandomGenerator(seed: 0)
        let order = generator.permutation(scaled.count)
        let cut = scaled.count * 4 / 5
        return (try scaled.subset(Array(order[..<cut])), try scaled.subset(Array(order[cut...])))
    }

    /// A ReLU multilayer perceptron with the given widths, He-initialised.
    static func mlp(_ widths: [Int], seed: UInt32) throws -> Network<Float> {
        var layers: [any Layer<Float>] = []
        for i in 0..<(widths.count - 1) {
            layers.append(try Dense(widths[i], widths[i + 1], activation: i < widths.count - 2 ? .relu : nil))
        }
        let network = try Network<Float>(layers: layers)
        var generator = RandomGenerator(seed: seed)
        try network.initialize(weights: .he, generator: &generator)
        return network
    }
}
