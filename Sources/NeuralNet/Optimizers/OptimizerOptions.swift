import TensorCore

/// An option value as a notebook passes it (`lr: 0.1`, `nesterov: true`).
public enum OptionValue: Equatable, Sendable, CustomStringConvertible {
    case number(Double)
    case flag(Bool)
    case text(String)

    public var description: String {
        switch self {
        case let .number(value): return "\(value)"
        case let .flag(value): return "\(value)"
        case let .text(value): return "\"\(value)\""
        }
    }
}

/// An optimiser that cannot be made from the name and options given.
public struct OptimizerError: Error, CustomStringConvertible, Equatable, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// The optimisers notebooks can name, and the options each takes.
public enum OptimizerCatalog {
    /// Each optimiser's options, in the order they are documented.
    public static let options: [String: [String]] = [
        "gd": ["lr"],
        "sgd": ["lr", "momentum", "nesterov"],
        "adam": ["lr", "beta1", "beta2", "eps"],
    ]

    /// The optimiser names, in the order they are documented.
    public static let names = ["gd", "sgd", "adam"]

    /// The optimiser `name` with `options` by name: `gd(lr)`,
    /// `sgd(lr, momentum = 0, nesterov = false)`,
    /// `adam(lr = 0.001, beta1 = 0.9, beta2 = 0.999, eps = 1e-8)`.
    /// Rejects unknown names and options, non-numbers, and values out of range.
    public static func make<Scalar: TensorScalar>(
        _ name: String, options given: [String: OptionValue], as type: Scalar.Type = Scalar.self
    ) throws -> any Optimizer<Scalar> {
        guard let known = options[name] else {
            throw OptimizerError("unknown optimizer '\(name)'; choose one of \(names.joined(separator: ", "))")
        }
        for key in given.keys.sorted() where !known.contains(key) {
            throw OptimizerError("\(name) has no option '\(key)'; its options are \(known.joined(separator: ", "))")
        }
        let reader = Reader<Scalar>(optimizer: name, given: given)
        switch name {
        case "gd":
            return GradientDescent(learningRate: try reader.learningRate(default: nil))
        case "sgd":
            let rate = try reader.learningRate(default: nil)
            let momentum = try reader.number("momentum", default: 0, range: 0..<1, rangeText: "in [0, 1)")
            let nesterov = try reader.flag("nesterov", default: false)
            if nesterov, momentum == 0 { throw OptimizerError("sgd: nesterov needs a momentum > 0") }
            return SGD(learningRate: rate, momentum: momentum, nesterov: nesterov)
        default:
            return Adam(
                learningRate: try reader.learningRate(default: 0.001),
                beta1: try reader.number("beta1", default: 0.9, range: 0..<1, rangeText: "in [0, 1)"),
                beta2: try reader.number("beta2", default: 0.999, range: 0..<1, rangeText: "in [0, 1)"),
                epsilon: try reader.number("eps", default: 1e-8, range: Scalar.leastNonzeroMagnitude..<Scalar.infinity, rangeText: "> 0"))
        }
    }

    private struct Reader<Scalar: TensorScalar> {
        let optimizer: String
        let given: [String: OptionValue]

        func learningRate(default value: Scalar?) throws -> Scalar {
            if given["lr"] == nil {
                guard let value else { throw OptimizerError("\(optimizer) needs a learning rate, as in \(optimizer)(lr: 0.1)") }
                return value
            }
            return try number("lr", default: 0, range: Scalar.leastNonzeroMagnitude..<Scalar.infinity, rangeText: "finite and > 0")
        }

        func number(_ key: String, default value: Scalar, range: Range<Scalar>, rangeText: String) throws -> Scalar {
            guard let option = given[key] else { return value }
            guard case let .number(number) = option else {
                throw OptimizerError("\(optimizer): \(key) must be a number, got \(option)")
            }
            let single = Scalar(number)
            if number != 0, number.isFinite, single == 0 || !single.isFinite {
                throw OptimizerError("\(optimizer): \(key) \(number) cannot be held in \(Scalar.dtypeName) (it becomes \(single)); use a value in its range, or float64 tensors (--precision 64)")
            }
            guard number.isFinite, single.isFinite, range.contains(single) else {
                throw OptimizerError("\(optimizer): \(key) must be \(rangeText), got \(number)")
            }
            return single
        }

        func flag(_ key: String, default value: Bool) throws -> Bool {
            guard let option = given[key] else { return value }
            guard case let .flag(flag) = option else {
                throw OptimizerError("\(optimizer): \(key) must be true or false, got \(option)")
            }
            return flag
        }
    }
}
