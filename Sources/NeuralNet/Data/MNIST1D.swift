import TensorCore

/// The settings of the MNIST-1D generator (Greydanus 2020); the defaults are
/// the published ones, which give the reference data set with seed 42.
public struct MNIST1DOptions: Equatable, Sendable {
    /// How many sequences to make (split evenly over the ten digits).
    public var samples = 5000
    /// The fraction of the (shuffled) sequences that form the training set.
    public var trainSplit = 0.8
    /// The number of zeros appended to a template: a random count in this range.
    public var padding = 36...60
    /// The random scale factor lies in [1 − c/2, 1 + c/2].
    public var scaleCoefficient = 0.4
    /// Sequences are rotated right by a random count below this.
    public var maxTranslation = 48
    /// The scale of the smoothed noise that fills the empty positions.
    public var correlatedNoiseScale = 0.25
    /// The width σ of the Gaussian filter that smooths that noise.
    public var correlatedNoiseSigma = 2.0
    /// The scale of the white noise added everywhere.
    public var iidNoiseScale = 0.02
    /// The random shear slope lies in [−s/2, s/2].
    public var shearScale = 0.75
    /// The length of the final sequences.
    public var finalLength = 40
    /// The seed of the NumPy-compatible generator.
    public var seed: UInt32 = 42
    /// An exact training-set size that overrides `trainSplit`.
    var trainCountOverride: Int?

    /// The published defaults.
    public init() {}

    /// The defaults with `train + test` samples, exactly `train` of them for
    /// training (`train + test` must be a multiple of ten).
    public init(train: Int, test: Int, seed: UInt32 = 42) throws {
        let (total, overflow) = train.addingReportingOverflow(test)
        guard train >= 0, test >= 0, !overflow, total % 10 == 0, total > 0 else {
            throw DataError.invalidArgument(operation: "mnist1d", reason: "train (\(train)) + test (\(test)) samples must be a positive multiple of 10 (one tenth per digit)")
        }
        samples = total
        trainSplit = Double(train) / Double(samples)
        trainCountOverride = train
        self.seed = seed
    }

    /// The number of training samples: `int(samples · trainSplit)` as in the original.
    public var trainCount: Int { trainCountOverride ?? Int(Double(samples / 10 * 10) * trainSplit) }
}

/// MNIST-1D generated natively, bit for bit as the `mnist1d` package does it
/// (see `shared/design/mnist1d.md`), in double precision.
public struct MNIST1D {
    /// The options the set was made with.
    public let options: MNIST1DOptions
    /// Training sequences, [train, finalLength].
    public let x: Tensor<Double>
    /// Training labels 0…9.
    public let y: [Int]
    /// Test sequences, [test, finalLength].
    public let xTest: Tensor<Double>
    /// Test labels 0…9.
    public let yTest: [Int]
    /// The coordinate of each position of a sequence (for plotting), [finalLength].
    public let t: Tensor<Double>

    /// The training set as a `Dataset` (Float inputs [N, length], labels [N]).
    public var train: Dataset<Float> { get throws { try trainingSet() } }
    /// The test set as a `Dataset`.
    public var test: Dataset<Float> { get throws { try testSet() } }

    /// The training set with elements of any precision.
    public func trainingSet<Scalar: TensorScalar>(as type: Scalar.Type = Scalar.self) throws -> Dataset<Scalar> {
        try Self.dataset(x, y)
    }

    /// The test set with elements of any precision.
    public func testSet<Scalar: TensorScalar>(as type: Scalar.Type = Scalar.self) throws -> Dataset<Scalar> {
        try Self.dataset(xTest, yTest)
    }

    private static func dataset<Scalar: TensorScalar>(_ x: Tensor<Double>, _ y: [Int]) throws -> Dataset<Scalar> {
        try Dataset(inputs: x.converted(to: Scalar.self), targets: Tensor(y.map { Scalar($0) }),
                    classNames: (0..<10).map(String.init))
    }

    /// The published defaults with `train + test` samples (a multiple of
    /// ten), exactly `train` of them for training (`mnist1d(train:test:seed:)`).
    public init(train: Int, test: Int, seed: UInt32 = 42) throws {
        try self.init(MNIST1DOptions(train: train, test: test, seed: seed))
    }

    /// Generates the data set; the defaults reproduce the published reference.
    public init(_ options: MNIST1DOptions = MNIST1DOptions()) throws {
        try Self.validate(options)
        self.options = options
        var generator = RandomGenerator(seed: options.seed)
        let templates = MNIST1DTemplates.profiles
        let width = 12 + options.padding.upperBound
        var sequences: [[Double]] = []
        var labels: [Int] = []
        for (label, template) in templates.enumerated() {
            for _ in 0..<(options.samples / 10) {
                sequences.append(Self.transform(template, width: width, options: options, generator: &generator))
                labels.append(label)
            }
        }
        let order = generator.permutation(labels.count)
        let flat = order.flatMap { sequences[$0] }
        let shuffledLabels = order.map { labels[$0] }

        let deviation = NumPyNumerics.standardDeviation(flat)
        let mean = NumPyNumerics.mean(flat)
        let standardised = flat.map { ($0 - mean) / deviation }
        let coordinates = NumPyNumerics.resample(NumPyNumerics.resample(MNIST1DTemplates.coordinates, count: width),
                                                 count: options.finalLength).map { $0 / deviation }

        let length = options.finalLength
        let split = min(options.trainCount, labels.count)
        x = try Tensor(shape: [split, length], scalars: Array(standardised[..<(split * length)]))
        xTest = try Tensor(shape: [labels.count - split, length], scalars: Array(standardised[(split * length)...]))
        y = Array(shuffledLabels[..<split])
        yTest = Array(shuffledLabels[split...])
        t = Tensor(coordinates)
    }

    private static func validate(_ o: MNIST1DOptions) throws {
        func check(_ ok: Bool, _ reason: String) throws {
            if !ok { throw DataError.invalidArgument(operation: "mnist1d", reason: reason) }
        }
        try check(o.samples >= 10 && o.samples <= 1_000_000, "samples must be in 10…1000000, not \(o.samples)")
        try check(o.trainSplit >= 0 && o.trainSplit <= 1, "the train split must be in [0, 1], not \(o.trainSplit)")
        try check(o.padding.lowerBound >= 0 && o.padding.upperBound <= 10_000, "padding must be within 0…10000")
        try check(o.maxTranslation >= 1, "the maximum translation must be at least 1")
        try check(o.finalLength >= 2 && o.finalLength <= 10_000, "the final length must be in 2…10000")
        try check(o.correlatedNoiseSigma > 0 && o.correlatedNoiseSigma <= 1000, "the noise σ must be in (0, 1000]")
        for value in [o.scaleCoefficient, o.correlatedNoiseScale, o.iidNoiseScale, o.shearScale] {
            try check(value.isFinite, "scales must be finite numbers")
        }
    }

    /// One sequence from a template: pad, dilate, scale, translate, noise, shear, resample.
    private static func transform(_ template: [Double], width: Int, options o: MNIST1DOptions,
                                  generator: inout RandomGenerator) -> [Double] {
        let span = o.padding.upperBound - o.padding.lowerBound + 1
        let zeros = o.padding.lowerBound + Int(generator.uniform() * Double(span))
        let padded = template.map { $0 + 1e-8 } + [Double](repeating: 0, count: zeros)
        var x = NumPyNumerics.resample(padded, count: width)

        let factor = 1 + o.scaleCoefficient * (generator.uniform() - 0.5)
        x = x.map { $0 * factor }

        let k = generator.integer(below: o.maxTranslation) % width
        if k > 0 { x = Array(x[(width - k)...] + x[..<(width - k)]) }

        let noise = (0..<width).map { _ in o.correlatedNoiseScale * generator.normal() }
        let smooth = NumPyNumerics.gaussianFilter(noise, sigma: o.correlatedNoiseSigma)
        for i in 0..<width where x[i] == 0 { x[i] = smooth[i] }

        for i in 0..<width { x[i] = x[i] + o.iidNoiseScale * generator.normal() }

        let shear = o.shearScale * (generator.uniform() - 0.5)
        let ramp = NumPyNumerics.linspace(-0.5, 0.5, count: width)
        for i in 0..<width { x[i] = x[i] - shear * ramp[i] }

        return NumPyNumerics.resample(x, count: o.finalLength)
    }
}

/// The ten hand-drawn digit profiles of MNIST-1D, normalised as published.
enum MNIST1DTemplates {
    static let raw: [[Double]] = [
        [5, 6, 6.5, 6.75, 7, 7, 7, 7, 6.75, 6.5, 6, 5],
        [5, 3, 3, 3.4, 3.8, 4.2, 4.6, 5, 5.4, 5.8, 5, 5],
        [5, 6, 6.5, 6.5, 6, 5.25, 4.75, 4, 3.5, 3.5, 4, 5],
        [5, 6, 6.5, 6.5, 6, 5, 5, 6, 6.5, 6.5, 6, 5],
        [5, 4.4, 3.8, 3.2, 2.6, 2.6, 5, 5, 5, 5, 5, 5],
        [5, 3, 3, 3, 3, 5, 6, 6.5, 6.5, 6, 4.5, 5],
        [5, 4, 3.5, 3.25, 3, 3, 3, 3, 3.25, 3.5, 4, 5],
        [5, 7, 7, 6.6, 6.2, 5.8, 5.4, 5, 4.6, 4.2, 5, 5],
        [5, 4, 3.5, 3.5, 4, 5, 5, 4, 3.5, 3.5, 4, 5],
        [5, 4, 3.5, 3.5, 4, 5, 5, 5, 5, 4.7, 4.3, 5],
    ]

    /// Each profile centred, scaled to unit deviation, shifted to start at 0, divided by 6.
    static let profiles: [[Double]] = raw.map { row in
        let mean = NumPyNumerics.mean(row)
        let centred = row.map { $0 - mean }
        let deviation = NumPyNumerics.standardDeviation(centred)
        let scaled = centred.map { $0 / deviation }
        let first = scaled[0]
        return scaled.map { ($0 - first) / 6 }
    }

    /// The template coordinates `linspace(−5, 5, 12) / 6`.
    static let coordinates: [Double] = NumPyNumerics.linspace(-5, 5, count: 12).map { $0 / 6 }
}
