import Language
import TensorCore

/// Functions that make tensors: constants, ranges, random draws.
enum CreationBuiltins<Scalar: TensorScalar> {
    static var all: [Builtin] { [
        Builtin("zeros", parameters: ["shape"]) { a, _ in .tensor(try TensorErrors.translating { try Tensor<Scalar>.zeros(a.shape(0)) }) },
        Builtin("ones", parameters: ["shape"]) { a, _ in .tensor(try TensorErrors.translating { try Tensor<Scalar>.ones(a.shape(0)) }) },
        Builtin("full", parameters: ["shape", "value"]) { a, _ in
            .tensor(try TensorErrors.translating { try Tensor<Scalar>.full(a.shape(0), Scalar(a.scalar(1))) })
        },
        Builtin("eye", parameters: ["n"]) { a, _ in .tensor(try TensorErrors.translating { try Tensor<Scalar>.eye(a.integer(0)) }) },
        Builtin("linspace", parameters: ["start", "end", "count"]) { a, _ in
            .tensor(try TensorErrors.translating { try Tensor<Scalar>.linspace(a.scalar(0), a.scalar(1), count: a.integer(2)) })
        },
        Builtin("arange", parameters: ["start", "end"], required: 1, named: ["step"]) { a, _ in
            let (start, end) = a.count == 1 ? (0, try a.scalar(0)) : (try a.scalar(0), try a.scalar(1))
            let step = try a.number(named: "step", default: 1)
            return .tensor(try TensorErrors.translating { try Tensor<Scalar>.arange(start, end, step: step) })
        },
        Builtin("tensor", parameters: ["x"]) { a, _ in
            // A range goes through arange, which refuses one too long for a tensor.
            if case let .range(range) = a[0] {
                return .tensor(try TensorErrors.translating { try Tensor<Scalar>.arange(Double(range.lower), Double(range.upper)) })
            }
            return .tensor(try a.tensor(0, Scalar.self))
        },
        Builtin("rand", parameters: ["shape"], named: ["seed", "low", "high"]) { a, _ in
            var generator = RandomGenerator(seed: try a.seed())
            let low = try a.number(named: "low", default: 0), high = try a.number(named: "high", default: 1)
            return .tensor(try TensorErrors.translating {
                try Tensor<Scalar>.uniform(a.shape(0), low: Scalar(low), high: Scalar(high), generator: &generator)
            })
        },
        Builtin("randn", parameters: ["shape"], named: ["seed", "mean", "std"]) { a, _ in
            var generator = RandomGenerator(seed: try a.seed())
            let mean = try a.number(named: "mean", default: 0), deviation = try a.number(named: "std", default: 1)
            return .tensor(try TensorErrors.translating {
                try Tensor<Scalar>.normal(a.shape(0), mean: Scalar(mean), deviation: Scalar(deviation), generator: &generator)
            })
        },
        Builtin("permutation", parameters: ["n"], named: ["seed"]) { a, _ in
            var generator = RandomGenerator(seed: try a.seed())
            return .tensor(try TensorErrors.translating { try Tensor<Scalar>.permutation(a.integer(0), generator: &generator) })
        },
    ] }
}
