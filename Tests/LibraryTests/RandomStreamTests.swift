import Language
import Testing
@testable import Library

/// `random(seed:)` against NumPy. The reference numbers were produced with
/// NumPy 2.4.6 (CPython 3.11) by the same calls on one
/// `numpy.random.RandomState(0)`, in this order:
/// `normal(size=3)`, `normal(2, 3, size=2)`, `uniform(-1, 2, size=3)`,
/// `randint(0, 10, size=5)`, `randint(-5, 5, size=3)`, `randint(0, 2**40, size=2)`,
/// `randint(3, 7)`, `permutation(6)`, `choice(5, 4)`, `choice(5, 3, replace=False)`,
/// `choice(np.array([10., 20., 30.]), (2, 2))`, `choice(7)`, `normal()`, `uniform()`,
/// `randint(2**32)`, `permutation(np.array([[1., 2], [3, 4], [5, 6]]))`, `normal(size=3)`,
/// each printed with `tolist()` (so in full precision).
@Suite("Random streams")
struct RandomStreamTests {
    static let numpyDraws: [(call: String, values: [Double])] = [
        ("normal([3])", [1.764052345967664, 0.4001572083672233, 0.9787379841057392]),
        ("normal([2], mean: 2, std: 3)", [8.722679597604373, 7.602673970449903]),
        ("uniform([3], low: -1, high: 2)", [0.31276163378807764, 1.6753190023462392, 1.8909882815030876]),
        ("integers(0, 10, [5])", [1, 6, 7, 7, 8]),
        ("integers(-5, 5, [3])", [-4, 0, 4]),
        ("integers(0, 2^40, [2])", [332161587272, 41438582676]),
        ("integers(3, 7)", [6]),
        ("permutation(6)", [5, 4, 2, 1, 3, 0]),
        ("choice(5, [4])", [0, 2, 3, 0]),
        ("choice(5, [3], replace: false)", [0, 2, 4]),
        ("choice([10, 20, 30], [2, 2])", [30.0, 10.0, 20.0, 20.0]),
        ("choice(7)", [1]),
        ("normal()", [-0.977277879876411]),
        ("uniform()", [0.9446689170495839]),
        ("integers(2^32)", [2241321503]),
        ("permutation([1, 2; 3, 4; 5, 6])", [3.0, 4.0, 1.0, 2.0, 5.0, 6.0]),
        ("normal([3])", [-1.3557137239186656, -0.11410253188685747, -0.844230864581227]),
    ]

    /// A float64 session, so that draws compare exactly.
    private final class Session {
        let evaluator = Evaluator(host: NotebookHost<Double>(), sink: BufferSink())

        func execute(_ source: String) throws {
            let parsed = Parser.parse(SourceFile(name: "random.dln", text: source))
            if let first = parsed.diagnostics.first { throw DiagnosticError(diagnostics: [first]) }
            _ = try LargeStack.run { try self.evaluator.run(parsed.program, displaysResult: false) }
        }

        /// The value of an expression.
        func run(_ expression: String) throws -> Value? {
            try execute("__probe = " + expression)
            return evaluator.globals.lookup("__probe")
        }
    }

    @Test func drawsContinueOneStreamAsNumPysRandomState() throws {
        let session = Session()
        try session.execute("rng = random(seed: 0)")
        for (call, values) in Self.numpyDraws {
            let drawn = try session.run("rng." + call)?.asTensor(Double.self)?.scalars
            #expect(drawn == values, "rng.\(call)")
        }
    }

    @Test func aStreamIsSharedByItsNamesAndSeparateFromOthers() throws {
        let session = Session()
        try session.execute("rng = random(seed: 0)\nsame = rng\nother = random(seed: 0)")
        let first = try session.run("rng.normal()")?.asTensor(Double.self)?.scalars
        let second = try session.run("same.normal()")?.asTensor(Double.self)?.scalars
        let fresh = try session.run("other.normal()")?.asTensor(Double.self)?.scalars
        #expect(first == [1.764052345967664])
        #expect(second == [0.4001572083672233])
        #expect(fresh == first)
    }

    @Test func drawnElementsCarryGradients() throws {
        let session = Session()
        let gradient = try session.run("grad(x -> sum(random(seed: 0).choice(x, [4]) * [1, 2, 3, 4]), at: [10, 20, 30])")
        // Positions 0, 1, 0, 1 (NumPy's choice(3, 4) for seed 0): x₀ gets 1 + 3, x₁ gets 2 + 4.
        #expect(gradient?.asTensor(Double.self)?.scalars == [4, 6, 0])
    }

    @Test func argumentsOutsideADistributionAreDiagnosed() throws {
        let harness = ModelHarness()
        #expect(harness.run("rng = random(seed: 1)") == nil)
        let cases: [(String, String)] = [
            ("random()", "'random' needs a seed"),
            ("rng.normal([2], std: -1)", "'normal' needs a finite mean and a finite std ≥ 0, got mean 0 and std -1"),
            ("rng.uniform([2], low: 0, high: inf)", "'uniform' needs finite bounds, got low 0 and high inf"),
            ("rng.integers(5, 5)", "'integers' needs low < high, got low 5 and high 5"),
            ("rng.integers(0, 1e16)", "'integers' expects an integer as argument 2 (high), got number"),
            ("rng.integers(0.5)", "'integers' expects an integer as argument 1 (low), got number"),
            ("rng.choice(3, [4], replace: false)", "choice: cannot draw 4 without replacement from a population of 3"),
            ("rng.choice(0)", "choice: a population of 0 has nothing to draw"),
            ("rng.choice([1, 2; 3, 4])", "'choice' draws from a number n or a vector, got a tensor of shape (2, 2)"),
            ("rng.choice(3, replace: 1)", "'choice' expects true or false for 'replace:', got number"),
            ("rng.permutation(2.5)", "permutation: a tensor of rank 0 has no rows to order"),
            ("rng.shuffle(3)", "a random generator has no member 'shuffle'"),
        ]
        for (source, message) in cases {
            #expect(harness.run(source)?.message == message, "\(source)")
        }
    }
}
