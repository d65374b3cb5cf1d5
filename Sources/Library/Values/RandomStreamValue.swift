import Language
import TensorCore

/// A random number generator, `rng = random(seed: 0)`: NumPy's
/// `RandomState(seed)`, whose methods continue one stream across calls, so
/// that `rng.normal([2])` then `rng.uniform([3])` draw what NumPy draws for the
/// same calls. Without a shape a method gives one plain number. The value is a
/// reference: `other = rng` draws from the same stream.
final class RandomStreamValue<Scalar: TensorScalar>: HostValue {
    var generator: RandomGenerator
    let seed: UInt32

    init(seed: UInt32) {
        self.seed = seed
        generator = RandomGenerator(seed: seed)
    }

    var typeName: String { "random generator" }
    var displayText: String { "<random generator, seed \(seed)>" }
    var memberNames: [String] { methods.map(\.name) + ["seed"] }

    func member(_ name: String, context: EvaluationContext) throws -> Value {
        if name == "seed" { return .number(Double(seed)) }
        guard let method = methods.first(where: { $0.name == name }) else {
            throw context.error(.name, "a random generator has no member '\(name)'",
                                hint: Suggestions.didYouMean(name, among: memberNames) ?? "its members: \(memberNames.joined(separator: ", "))")
        }
        return .builtin(method)
    }

    /// The methods, each drawing from this generator's stream.
    private var methods: [Builtin] { [normal, uniform, integers, permutation, choice] }

    private var normal: Builtin {
        Builtin("normal", parameters: ["shape"], required: 0, named: ["mean", "std"],
                help: help("rng.normal(shape, mean: 0, std: 1)", "normal random numbers (NumPy's `normal`)")) { a, _ in
            let mean = try a.number(named: "mean", default: 0), deviation = try a.number(named: "std", default: 1)
            guard mean.isFinite, deviation.isFinite, deviation >= 0 else {
                throw DiagnosticError(.runtime, "'normal' needs a finite mean and a finite std ≥ 0, got mean \(Formatting.number(mean)) and std \(Formatting.number(deviation))")
            }
            guard a[0] != nil else { return .number(mean + deviation * self.generator.normal()) }
            return .tensor(try TensorErrors.translating {
                try Tensor<Scalar>.normal(a.shape(0), mean: Scalar(mean), deviation: Scalar(deviation), generator: &self.generator)
            })
        }
    }

    private var uniform: Builtin {
        Builtin("uniform", parameters: ["shape"], required: 0, named: ["low", "high"],
                help: help("rng.uniform(shape, low: 0, high: 1)", "uniform random numbers in [low, high) (NumPy's `uniform`)")) { a, _ in
            let low = try a.number(named: "low", default: 0), high = try a.number(named: "high", default: 1)
            guard (high - low).isFinite else {
                throw DiagnosticError(.runtime, "'uniform' needs finite bounds, got low \(Formatting.number(low)) and high \(Formatting.number(high))")
            }
            guard a[0] != nil else { return .number(low + (high - low) * self.generator.uniform()) }
            return .tensor(try TensorErrors.translating {
                try Tensor<Scalar>.uniform(a.shape(0), low: Scalar(low), high: Scalar(high), generator: &self.generator)
            })
        }
    }

    private var integers: Builtin {
        Builtin("integers", parameters: ["low", "high", "shape"], required: 1,
                help: help("rng.integers(high)", "rng.integers(low, high, shape)",
                           summary: "whole numbers from low (0 if left out) up to high, high excluded (NumPy's `randint`)")) { a, _ in
            let (low, high) = a.count == 1 ? (0, try a.integer(0)) : (try a.integer(0), try a.integer(1))
            // Whole numbers are below 9·10^15 (exact in 64 bits), so high − low cannot overflow.
            guard low < high else {
                throw DiagnosticError(.runtime, "'integers' needs low < high, got low \(low) and high \(high)")
            }
            guard a[2] != nil else { return .number(Double(low + self.generator.integer(upTo: high - low - 1))) }
            return .tensor(try TensorErrors.translating {
                try Tensor<Scalar>.integers(a.shape(2), low: low, high: high, generator: &self.generator)
            })
        }
    }

    private var permutation: Builtin {
        Builtin("permutation", parameters: ["x"],
                help: help("rng.permutation(n)", "rng.permutation(x)",
                           summary: "0..<n in a random order, or the rows of a tensor in a random order (NumPy's `permutation`)")) { a, _ in
            if let n = a[0]?.integer {
                return .tensor(try TensorErrors.translating { try Tensor<Scalar>.permutation(n, generator: &self.generator) })
            }
            let rows = try a.tensor(0, Scalar.self)
            return .tensor(try TensorErrors.translating { try rows.shuffledRows(generator: &self.generator) })
        }
    }

    private var choice: Builtin {
        Builtin("choice", parameters: ["a", "shape"], required: 1, named: ["replace"],
                help: help("rng.choice(n, shape, replace: true)", "rng.choice(x, shape, replace: true)",
                           summary: "positions below n, or elements of a vector, drawn at random (NumPy's `choice`)")) { a, _ in
            try self.choose(a)
        }
    }

    /// `choice`: positions drawn as NumPy draws them, then the elements there
    /// when the population is a vector (a gradient flows back to them).
    private func choose(_ a: Arguments) throws -> Value {
        let replacing = try a.flag(named: "replace", default: true)
        let shape = a[1] == nil ? nil : try a.shape(1)
        let elements = a[0]?.integer == nil ? try a.tensor(0, Scalar.self) : nil
        if let elements, elements.rank != 1 {
            throw DiagnosticError(.type, "'choice' draws from a number n or a vector, got a tensor of shape \(Shape.describe(elements.shape))")
        }
        let population = try elements?.count ?? a.integer(0)
        let count = try TensorErrors.translating { try Shape.elementCount(shape ?? []) }
        let positions = try TensorErrors.translating { try generator.choice(from: population, count: count, replacing: replacing) }
        if let elements {
            let index: AdvancedIndex = shape.map { .positions(positions, shape: $0) } ?? .basic(.at(positions[0]))
            return .tensor(try TensorErrors.translating { try elements.indexed([index]) })
        }
        guard let shape else { return .number(Double(positions[0])) }
        return .tensor(try TensorErrors.translating { try Tensor<Scalar>(shape: shape, scalars: positions.map { Scalar(Double($0)) }) })
    }

    private func help(_ forms: String..., summary: String) -> BuiltinHelp {
        BuiltinHelp(.creation, forms: forms, summary: summary)
    }

    private func help(_ form: String, _ summary: String) -> BuiltinHelp {
        BuiltinHelp(.creation, form, summary: summary)
    }
}
