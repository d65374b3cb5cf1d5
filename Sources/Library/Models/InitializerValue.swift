import Language
import NeuralNet
import TensorCore

/// An initialiser with its seed, as `he(seed: 1)` or `zeros` give it.
final class InitializerValue: HostValue, CustomStringConvertible {
    let initializer: Initializer
    /// The seed of the random draws (0 for initialisers that draw nothing).
    let seed: UInt32

    init(_ initializer: Initializer, seed: UInt32 = 0) {
        self.initializer = initializer
        self.seed = seed
    }

    var typeName: String { "initializer" }

    var description: String {
        switch initializer {
        case .zeros, .constant: return initializer.description
        default:
            let text = initializer.description
            return text.hasSuffix(")") ? String(text.dropLast()) + ", seed: \(seed))" : "\(text)(seed: \(seed))"
        }
    }

    /// The value given for an `init:` option: an initialiser, or the bare
    /// names `zeros`, `he`, `glorot` (the last two need a seed, so only as calls).
    static func from(_ value: Value, option: String) throws -> InitializerValue {
        if let value = value.hostValue as? InitializerValue { return value }
        if case let .builtin(builtin) = value {
            if builtin.name == "zeros" { return InitializerValue(.zeros) }
            if names.contains(builtin.name) {
                throw DiagnosticError(.type, "'\(option)' needs a seeded initializer, as in \(builtin.name)(seed: 0)")
            }
        }
        throw DiagnosticError(.type, "'\(option)' expects an initializer such as he(seed: 1), glorot(seed: 1), normal(std: 0.1, seed: 1), uniform(low: -1, high: 1, seed: 1) or zeros, got \(value.typeName)")
    }

    static let names = ["he", "glorot", "normal", "uniform", "constant"]

    static let builtins: [Builtin] = [
        Builtin("he", named: ["seed"], help: help("he(seed:)", "He normal initialisation (for ReLU layers)")) { a, _ in .host(InitializerValue(.he, seed: try a.seed())) },
        Builtin("glorot", named: ["seed"], help: help("glorot(seed:)", "Glorot uniform initialisation")) { a, _ in .host(InitializerValue(.glorot, seed: try a.seed())) },
        Builtin("normal", named: ["mean", "std", "seed"], help: help("normal(mean: 0, std: 1, seed:)", "normal initialisation")) { a, _ in
            let initializer = Initializer.normal(mean: try a.number(named: "mean", default: 0), deviation: try a.number(named: "std", default: 1))
            try ModelErrors.translating { try initializer.validate() }
            return .host(InitializerValue(initializer, seed: try a.seed()))
        },
        Builtin("uniform", named: ["low", "high", "seed"], help: help("uniform(low: -1, high: 1, seed:)", "uniform initialisation")) { a, _ in
            let initializer = Initializer.uniform(low: try a.number(named: "low", default: -1), high: try a.number(named: "high", default: 1))
            try ModelErrors.translating { try initializer.validate() }
            return .host(InitializerValue(initializer, seed: try a.seed()))
        },
        Builtin("constant", parameters: ["value"], help: help("constant(c)", "every parameter c")) { a, _ in
            let initializer = Initializer.constant(try a.scalar(0))
            try ModelErrors.translating { try initializer.validate() }
            return .host(InitializerValue(initializer))
        },
    ]

    private static func help(_ form: String, _ summary: String) -> BuiltinHelp {
        BuiltinHelp(.initialisers, form, summary: summary, details: "for `init:` of a layer or of `train`")
    }
}
