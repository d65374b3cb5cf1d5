/// A function implemented in Swift, registered by the language or the host.
public struct Builtin {
    public typealias Body = (Arguments, EvaluationContext) throws -> Value

    public var name: String { parts.name }
    /// Positional parameter names, used in arity and type messages.
    public var parameters: [String] { parts.parameters }
    /// How many positional arguments are required.
    public var minimumArity: Int { parts.minimumArity }
    /// How many positional arguments are allowed; nil means any number.
    public var maximumArity: Int? { parts.maximumArity }
    /// The allowed argument labels; nil means any label is accepted.
    public var namedParameters: Set<String>? { parts.namedParameters }
    /// What it does, for `:help`, the reference's tables and editors.
    public var help: BuiltinHelp { parts.help }
    /// The host value it stands for as an operand of an operator, e.g. a built-in loss
    /// in `cross_entropy + 0.01 * l2`; nil for most builtins.
    public var operand: (() -> (any HostValue)?)? { parts.operand }
    public var body: Body { parts.body }

    /// Everything above in one object: a builtin is copied with every lookup of
    /// its name and every value holding it, and one reference costs one retain
    /// where the fields cost a dozen (and made every `Value` as large).
    private final class Parts {
        let name: String
        let parameters: [String]
        let minimumArity: Int
        let maximumArity: Int?
        let namedParameters: Set<String>?
        let help: BuiltinHelp
        let operand: (() -> (any HostValue)?)?
        let body: Body

        init(name: String, parameters: [String], minimumArity: Int, maximumArity: Int?, namedParameters: Set<String>?,
             help: BuiltinHelp, operand: (() -> (any HostValue)?)?, body: @escaping Body) {
            self.name = name
            self.parameters = parameters
            self.minimumArity = minimumArity
            self.maximumArity = maximumArity
            self.namedParameters = namedParameters
            self.help = help
            self.operand = operand
            self.body = body
        }
    }

    private let parts: Parts

    /// Creates a builtin taking `parameters` positionally, of which the first `required`
    /// (all, by default) are required; `variadic` allows more; `named` lists the labels.
    public init(_ name: String, parameters: [String] = [], required: Int? = nil, variadic: Bool = false,
                named: Set<String>? = [], help: BuiltinHelp, operand: (() -> (any HostValue)?)? = nil,
                body: @escaping Body) {
        parts = Parts(name: name, parameters: parameters, minimumArity: required ?? parameters.count,
                      maximumArity: variadic ? nil : parameters.count, namedParameters: named, help: help,
                      operand: operand, body: body)
    }

    /// A readable arity, e.g. `2 arguments (x, y)` or `1 to 2 arguments (x, base)`.
    var arityDescription: String {
        let count: String
        if let maximumArity, maximumArity == minimumArity {
            count = maximumArity == 1 ? "1 argument" : "\(maximumArity) arguments"
        } else if let maximumArity {
            count = "\(minimumArity) to \(maximumArity) arguments"
        } else {
            count = "at least \(minimumArity) argument\(minimumArity == 1 ? "" : "s")"
        }
        return parameters.isEmpty ? count : "\(count) (\(parameters.joined(separator: ", ")))"
    }
}

extension Value {
    /// The value as an operand of an operator: a builtin that stands for a host value
    /// becomes that value; anything else is itself.
    var asOperand: Value {
        guard case .builtin(let builtin) = self, let object = builtin.operand?() else { return self }
        return .host(object)
    }
}
