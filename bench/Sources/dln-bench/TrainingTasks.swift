import Foundation
import NeuralNet
import TensorCore

/// Options every training task takes.
struct TaskSettings {
    var threads: Int
    var dataDirectory: String
    var epochs: Int?
    /// The hidden width of `wide-epoch`.
    var width = 1024
    /// The one depth network `depth-epoch` runs ("40-100-100-10"), or all four.
    var network: String? = nil
}

/// What a task measured.
struct TaskResult {
    var task: String
    var seconds: Double
    var accuracy: Double?
    var extra: [String: Double] = [:]

    var json: String {
        var fields = ["\"task\": \"\(task)\"", "\"seconds\": \(seconds)"]
        if let accuracy { fields.append("\"accuracy\": \(accuracy)") }
        for (key, value) in extra.sorted(by: { $0.key < $1.key }) { fields.append("\"\(key)\": \(value)") }
        return "{" + fields.joined(separator: ", ") + "}"
    }
}

/// The benchmark tasks; each mirrors the computation of the peers'
/// scripts (bench/peers/*.py) step for step.
enum TrainingTasks {
    static func run(_ task: String, _ settings: TaskSettings) throws -> TaskResult? {
        Parallelism.threads = settings.threads
        switch task {
        case "depth-epoch": return try depthEpoch(settings)
        case "depth-full": return try depthFull(settings)
        case "wide-epoch": return try wideEpoch(settings)
        case "digits-sgd": return try digitsSGD(settings)
        case "tiny-steps": return try tinySteps(settings)
        case "cnn-digits": return try cnnDigits(settings)
        case "cnn-mnist1d": return try cnnMNIST1D(settings)
        case "cnn-book1d": return try cnnBook1D(settings)
        default: return nil
        }
    }

    /// One full-batch gradient-descent epoch (forward, backward, update) on
    /// the 4000 MNIST-1D training samples, for each of the depth experiment's
    /// four networks; the median of several epochs.
    static func depthEpoch(_ settings: TaskSettings) throws -> TaskResult {
        let data = try BenchData.mnist1d(settings.dataDirectory)
        var extra: [String: Double] = [:]
        var total = 0.0
        let names = BenchData.depthNetworks.map { $0.map(String.init).joined(separator: "-") }
        if let only = settings.network, !names.contains(only) {
            fail("--network: \(only) is not one of \(names.joined(separator: ", "))", status: 2)
        }
        for (name, widths) in zip(names, BenchData.depthNetworks) where settings.network.map({ $0 == name }) ?? true {
            let network = try BenchData.mlp(widths, seed: 0)
            let optimizer = GradientDescent<Float>(learningRate: 0.0025)
            var times: [Double] = []
            for _ in 0..<(settings.epochs ?? 25) {
                times.append(try seconds { try fullBatchStep(network, data, optimizer) })
            }
            let median = times.sorted()[times.count / 2]
            extra["net_" + name.replacingOccurrences(of: "-", with: "_")] = median
            total += median
        }
        return TaskResult(task: "depth-epoch", seconds: total, extra: extra)
    }

    /// One full-batch epoch of a 40-W-10 ReLU network on the MNIST-1D
    /// samples (the width-scaling task); the median of several epochs after
    /// a first one that maps the memory.
    static func wideEpoch(_ settings: TaskSettings) throws -> TaskResult {
        let data = try BenchData.mnist1d(settings.dataDirectory)
        let network = try BenchData.mlp([40, settings.width, 10], seed: 0)
        let optimizer = GradientDescent<Float>(learningRate: 0.0025)
        try fullBatchStep(network, data, optimizer)
        var times: [Double] = []
        for _ in 0..<(settings.epochs ?? 10) {
            times.append(try seconds { try fullBatchStep(network, data, optimizer) })
        }
        return TaskResult(task: "wide-epoch", seconds: times.sorted()[times.count / 2])
    }

    /// The depth experiment's one-hidden-layer network trained for 20,000
    /// full-batch epochs.
    static func depthFull(_ settings: TaskSettings) throws -> TaskResult {
        let data = try BenchData.mnist1d(settings.dataDirectory)
        let network = try BenchData.mlp([40, 298, 10], seed: 0)
        let optimizer = GradientDescent<Float>(learningRate: 0.0025)
        let time = try seconds {
            for _ in 0..<(settings.epochs ?? 20_000) { try fullBatchStep(network, data, optimizer) }
        }
        let accuracy = try Metrics.accuracy(network.predict(data.inputs), data.targets)
        return TaskResult(task: "depth-full", seconds: time, accuracy: Double(accuracy))
    }

    /// 64-128-64-10 ReLU network, SGD with momentum 0.9, batch 32, 20 epochs
    /// over the digits' training split.
    static func digitsSGD(_ settings: TaskSettings) throws -> TaskResult {
        let (train, test) = try BenchData.digits(settings.dataDirectory)
        let network = try BenchData.mlp([64, 128, 64, 10], seed: 0)
        let optimizer = SGD<Float>(learningRate: 0.01, momentum: 0.9)
        let time = try seconds { try miniBatchEpochs(network, train, optimizer, epochs: settings.epochs ?? 20) }
        let accuracy = try Metrics.accuracy(network.predict(test.inputs), test.targets)
        return TaskResult(task: "digits-sgd", seconds: time, accuracy: Double(accuracy))
    }

    /// The lecture's 1-3-1 ReLU network: 10,000 full-batch steps on 50 points.
    static func tinySteps(_ settings: TaskSettings) throws -> TaskResult {
        let inputs = try Tensor<Float>.linspace(0, 1, count: 50).reshaped(to: [50, 1])
        let targets = try inputs.multiplying(Tensor(6.28)).sin()
        let data = try Dataset<Float>(inputs: inputs, targets: targets)
        let network = try BenchData.mlp([1, 3, 1], seed: 0)
        let optimizer = GradientDescent<Float>(learningRate: 0.05)
        let time = try seconds {
            for _ in 0..<(settings.epochs ?? 10_000) {
                let loss = try Losses.meanSquaredError(network(data.inputs), data.targets)
                try loss.backward()
                optimizer.step(network.parameterTensors)
            }
        }
        return TaskResult(task: "tiny-steps", seconds: time)
    }

    /// conv 3×3 (8 channels, padding 1) → ReLU → max-pool 2 → dense 10 on
    /// the 8×8 digits, SGD with momentum, batch 32, 5 epochs.
    static func cnnDigits(_ settings: TaskSettings) throws -> TaskResult {
        let (flatTrain, flatTest) = try BenchData.digits(settings.dataDirectory)
        let train = try Dataset<Float>(inputs: flatTrain.inputs.reshaped(to: [-1, 1, 8, 8]), targets: flatTrain.targets)
        let test = try Dataset<Float>(inputs: flatTest.inputs.reshaped(to: [-1, 1, 8, 8]), targets: flatTest.targets)
        let network = try Network<Float>(layers: [
            try Conv2D(1, 8, kernel: 3, stride: 1, padding: 1, activation: .relu),
            try MaxPool2D(2), Flatten(), try Dense(128, 10),
        ])
        var generator = RandomGenerator(seed: 0)
        try network.initialize(weights: .he, generator: &generator)
        let optimizer = SGD<Float>(learningRate: 0.01, momentum: 0.9)
        let time = try seconds { try miniBatchEpochs(network, train, optimizer, epochs: settings.epochs ?? 5) }
        let accuracy = try Metrics.accuracy(network.predict(test.inputs), test.targets)
        return TaskResult(task: "cnn-digits", seconds: time, accuracy: Double(accuracy))
    }

    /// MNIST-1D's signals as 1×5×8 images: conv 3×3 (16 channels, padding 1)
    /// → ReLU → conv 3×3 (16, padding 1) → ReLU → max-pool 2 → dense 10, SGD
    /// with momentum, batch 32, 10 epochs; accuracy on the 1000 test signals.
    static func cnnMNIST1D(_ settings: TaskSettings) throws -> TaskResult {
        let (train, test) = try BenchData.mnist1dSplit(settings.dataDirectory, sampleShape: [1, 5, 8])
        let network = try Network<Float>(layers: [
            try Conv2D(1, 16, kernel: 3, padding: 1, activation: .relu),
            try Conv2D(16, 16, kernel: 3, padding: 1, activation: .relu),
            try MaxPool2D(2), Flatten(), try Dense(128, 10),
        ])
        return try trainCNN("cnn-mnist1d", network, train, test, batch: 32, epochs: settings.epochs ?? 10)
    }

    /// The book's 1-D CNN for MNIST-1D (Understanding Deep Learning, notebook
    /// 10.2): three conv1d layers of 15 channels, kernel 3, stride 2, no
    /// padding, ReLU (40 → 19 → 9 → 4), flatten 60 → dense 10; SGD with
    /// momentum, batch 100, 20 epochs.
    static func cnnBook1D(_ settings: TaskSettings) throws -> TaskResult {
        let (train, test) = try BenchData.mnist1dSplit(settings.dataDirectory, sampleShape: [1, 40])
        let network = try Network<Float>(layers: [
            try Conv1D(1, 15, kernel: 3, stride: 2, activation: .relu),
            try Conv1D(15, 15, kernel: 3, stride: 2, activation: .relu),
            try Conv1D(15, 15, kernel: 3, stride: 2, activation: .relu),
            Flatten(), try Dense(60, 10),
        ])
        return try trainCNN("cnn-book1d", network, train, test, batch: 100, epochs: settings.epochs ?? 20)
    }

    /// He-initialised from seed 0, SGD (lr 0.01, momentum 0.9) in mini-batches;
    /// the time of the training and the test accuracy after it.
    static func trainCNN(_ task: String, _ network: Network<Float>, _ train: Dataset<Float>, _ test: Dataset<Float>,
                         batch: Int, epochs: Int) throws -> TaskResult {
        var generator = RandomGenerator(seed: 0)
        try network.initialize(weights: .he, generator: &generator)
        let optimizer = SGD<Float>(learningRate: 0.01, momentum: 0.9)
        let time = try seconds { try miniBatchEpochs(network, train, optimizer, epochs: epochs, batch: batch) }
        let accuracy = try Metrics.accuracy(network.predict(test.inputs), test.targets)
        return TaskResult(task: task, seconds: time, accuracy: Double(accuracy))
    }

    static func fullBatchStep(_ network: Network<Float>, _ data: Dataset<Float>, _ optimizer: any Optimizer<Float>) throws {
        let loss = try Losses.crossEntropy(logits: network(data.inputs), targets: data.targets)
        try loss.backward()
        optimizer.step(network.parameterTensors)
    }

    /// Epochs of mini-batch SGD; batch order from NumPy's permutation with
    /// seed = epoch, as the peers draw it.
    static func miniBatchEpochs(_ network: Network<Float>, _ data: Dataset<Float>, _ optimizer: any Optimizer<Float>, epochs: Int,
                                batch: Int = 32) throws {
        for epoch in 0..<epochs {
            var generator = RandomGenerator(seed: UInt32(epoch))
            let order = generator.permutation(data.count)
            for start in stride(from: 0, to: data.count, by: batch) {
                let samples = try data.subset(Array(order[start..<min(start + batch, data.count)]))
                let loss = try Losses.crossEntropy(logits: network(samples.inputs), targets: samples.targets)
                try loss.backward()
                optimizer.step(network.parameterTensors)
            }
        }
    }

    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}
