/// A function implemented in Swift, registered by the language or the host.
public struct Builtin {
    public typealias Body = (Arguments, EvaluationContext) throws -> Value

    public let name: String
    /// Positional parameter names, used in arity and type messages.
    public let parameters: [String]
    /// How many positional arguments are required.
    public let minimumArity: Int
    /// How many positional arguments are allowed; nil means any number.
    public let maximumArity: Int?
    /// The allowed argument labels; nil means any label is accepted.
    public let namedParameters: Set<String>?
    /// What it does, for `:help`, the reference's tables and editors.
    public let help: BuiltinHelp
    /// The host value it stands for as an operand of an operator, e.g. a built-in loss
    /// in `cross_entropy + 0.01 * l2`; nil for most builtins.
    public let operand: (() -> (any HostValue)?)?
    public let body: Body

    /// Creates a builtin taking `parameters` positionally, of which the first `required`
    /// (all, by default) are required; `variadic` allows more; `named` lists the labels.
    public init(_ name: String, parameters: [String] = [], required: Int? = nil, variadic: Bool = false,
                named: Set<String>? = [], help: BuiltinHelp, operand: (() -> (any HostValue)?)? = nil,
                body: @escaping Body) {
        self.name = name
        self.parameters = parameters
        minimumArity = required ?? parameters.count
        maximumArity = variadic ? nil : parameters.count
        namedParameters = named
        self.help = help
        self.operand = operand
        self.body = body
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
