import Language
import TensorCore

/// Functions that make tensors: constants, ranges, random draws.
enum CreationBuiltins<Scalar: TensorScalar> {
    static var all: [Builtin] { [
        Builtin("zeros", parameters: ["shape"], help: help("zeros(shape)", "a tensor of zeros; `shape` is like `[2, 3]`")) { a, _ in .tensor(try TensorErrors.translating { try Tensor<Scalar>.zeros(a.shape(0)) }) },
        Builtin("ones", parameters: ["shape"], help: help("ones(shape)", "a tensor of ones")) { a, _ in .tensor(try TensorErrors.translating { try Tensor<Scalar>.ones(a.shape(0)) }) },
        Builtin("full", parameters: ["shape", "value"], help: help("full(shape, value)", "a tensor filled with one value")) { a, _ in
            .tensor(try TensorErrors.translating { try Tensor<Scalar>.full(a.shape(0), Scalar(a.scalar(1))) })
        },
        Builtin("eye", parameters: ["n"], help: help("eye(n)", "the n×n identity matrix")) { a, _ in .tensor(try TensorErrors.translating { try Tensor<Scalar>.eye(a.integer(0)) }) },
        Builtin("linspace", parameters: ["start", "end", "count"],
                help: help("linspace(start, end, count)", "`count` evenly spaced values, both ends included (as NumPy)")) { a, _ in
            .tensor(try TensorErrors.translating { try Tensor<Scalar>.linspace(a.scalar(0), a.scalar(1), count: a.integer(2)) })
        },
        Builtin("arange", parameters: ["start", "end"], required: 1, named: ["step"],
                help: BuiltinHelp(.creation, "arange(end)", "arange(start, end, step: 1)",
                                  summary: "start, start+step, … below end, as NumPy: ⌈(end − start)/step⌉ values computed in 64 bits, so `arange(0, 1, step: 0.01)` has 100")) { a, _ in
            let (start, end) = a.count == 1 ? (0, try a.scalar(0)) : (try a.scalar(0), try a.scalar(1))
            let step = try a.number(named: "step", default: 1)
            return .tensor(try TensorErrors.translating { try Tensor<Scalar>.arange(start, end, step: step) })
        },
        Builtin("tensor", parameters: ["x"], help: help("tensor(x)", "a number, range or list as a tensor")) { a, _ in
            // A range goes through arange, which refuses one too long for a tensor.
            if case let .range(range) = a[0] {
                return .tensor(try TensorErrors.translating { try Tensor<Scalar>.arange(Double(range.lower), Double(range.upper)) })
            }
            return .tensor(try a.tensor(0, Scalar.self))
        },
        Builtin("rand", parameters: ["shape"], named: ["seed", "low", "high"],
                help: help("rand(shape, seed:, low: 0, high: 1)", "uniform random numbers (NumPy's `RandomState(seed).rand`)", details: seedDetails)) { a, _ in
            var generator = RandomGenerator(seed: try a.seed())
            let low = try a.number(named: "low", default: 0), high = try a.number(named: "high", default: 1)
            return .tensor(try TensorErrors.translating {
                try Tensor<Scalar>.uniform(a.shape(0), low: Scalar(low), high: Scalar(high), generator: &generator)
            })
        },
        Builtin("randn", parameters: ["shape"], named: ["seed", "mean", "std"],
                help: help("randn(shape, seed:, mean: 0, std: 1)", "normal random numbers (NumPy's `RandomState(seed).randn`)", details: seedDetails)) { a, _ in
            var generator = RandomGenerator(seed: try a.seed())
            let mean = try a.number(named: "mean", default: 0), deviation = try a.number(named: "std", default: 1)
            return .tensor(try TensorErrors.translating {
                try Tensor<Scalar>.normal(a.shape(0), mean: Scalar(mean), deviation: Scalar(deviation), generator: &generator)
            })
        },
        Builtin("permutation", parameters: ["n"], named: ["seed"], help: help("permutation(n, seed:)", "0..n−1 in a random order", details: seedDetails)) { a, _ in
            var generator = RandomGenerator(seed: try a.seed())
            return .tensor(try TensorErrors.translating { try Tensor<Scalar>.permutation(a.integer(0), generator: &generator) })
        },
        Builtin("random", named: ["seed"],
                help: help("random(seed:)", "a random number generator whose methods continue one stream, as NumPy's `RandomState(seed)`",
                           details: "rng = random(seed: 0), then rng.normal(shape, mean:, std:), rng.uniform(shape, low:, high:),\nrng.integers(low, high, shape), rng.permutation(n or x), rng.choice(n or x, shape, replace:);\nwithout a shape each gives one number. They draw what NumPy's RandomState methods of\nthe same names (randint for integers) draw, call after call.")) { a, _ in
            .host(RandomStreamValue<Scalar>(seed: try a.seed()))
        },
    ] }

    private static func help(_ form: String, _ summary: String, details: String = "") -> BuiltinHelp {
        BuiltinHelp(.creation, form, summary: summary, details: details)
    }

    private static var seedDetails: String {
        "Random draws always need a seed, so a notebook gives the same numbers on every run and\nevery machine: those of NumPy's numpy.random.RandomState(seed)."
    }
}
