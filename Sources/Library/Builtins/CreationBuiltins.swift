import Language
import TensorCore

/// Functions that make tensors: constants, ranges, random draws.
enum CreationBuiltins {
    static let all: [Builtin] = [
        Builtin("zeros", parameters: ["shape"]) { a, _ in .tensor(try TensorErrors.translating { try Tensor.zeros(a.shape(0)) }) },
        Builtin("ones", parameters: ["shape"]) { a, _ in .tensor(try TensorErrors.translating { try Tensor.ones(a.shape(0)) }) },
        Builtin("full", parameters: ["shape", "value"]) { a, _ in
            .tensor(try TensorErrors.translating { try Tensor.full(a.shape(0), Float(a.scalar(1))) })
        },
        Builtin("eye", parameters: ["n"]) { a, _ in .tensor(try TensorErrors.translating { try Tensor.eye(a.integer(0)) }) },
        Builtin("linspace", parameters: ["start", "end", "count"]) { a, _ in
            .tensor(try TensorErrors.translating { try Tensor.linspace(Float(a.scalar(0)), Float(a.scalar(1)), count: a.integer(2)) })
        },
        Builtin("arange", parameters: ["start", "end"], required: 1, named: ["step"]) { a, _ in
            let (start, end) = a.count == 1 ? (0, try a.scalar(0)) : (try a.scalar(0), try a.scalar(1))
            let step = try a.number(named: "step", default: 1)
            return .tensor(try TensorErrors.translating { try Tensor.arange(Float(start), Float(end), step: Float(step)) })
        },
        Builtin("tensor", parameters: ["x"]) { a, _ in
            // A range goes through arange, which refuses one too long for a tensor.
            if case let .range(range) = a[0] {
                return .tensor(try TensorErrors.translating { try Tensor.arange(Float(range.lower), Float(range.upper)) })
            }
            return .tensor(try a.tensor(0))
        },
        Builtin("rand", parameters: ["shape"], named: ["seed", "low", "high"]) { a, _ in
            var generator = RandomGenerator(seed: try a.seed())
            let low = try a.number(named: "low", default: 0), high = try a.number(named: "high", default: 1)
            return .tensor(try TensorErrors.translating {
                try Tensor.uniform(a.shape(0), low: Float(low), high: Float(high), generator: &generator)
            })
        },
        Builtin("randn", parameters: ["shape"], named: ["seed", "mean", "std"]) { a, _ in
            var generator = RandomGenerator(seed: try a.seed())
            let mean = try a.number(named: "mean", default: 0), deviation = try a.number(named: "std", default: 1)
            return .tensor(try TensorErrors.translating {
                try Tensor.normal(a.shape(0), mean: Float(mean), deviation: Float(deviation), generator: &generator)
            })
        },
        Builtin("permutation", parameters: ["n"], named: ["seed"]) { a, _ in
            var generator = RandomGenerator(seed: try a.seed())
            return .tensor(try TensorErrors.translating { try Tensor.permutation(a.integer(0), generator: &generator) })
        },
    ]
}
