/// One-line help on a keyword or declaration word, for `:help` and completion.
public struct KeywordHelp: Sendable {
    public let name: String
    public let usage: String
    public let summary: String

    /// The help as plain text, in the form a builtin's help takes.
    public var plainText: String { "\(usage)\n  \(summary)" }

    public static func named(_ name: String) -> KeywordHelp? { all.first { $0.name == name } }

    public static let all: [KeywordHelp] = [
        KeywordHelp(name: "fn", usage: "fn f(x) = … or fn f(x) { … }", summary: "define a function"),
        KeywordHelp(name: "if", usage: "if cond { … } else { … }", summary: "choose by a bool condition"),
        KeywordHelp(name: "for", usage: "for x in 1...10 { … }", summary: "loop over a range, tensor or list"),
        KeywordHelp(name: "while", usage: "while cond { … }", summary: "loop while a condition holds"),
        KeywordHelp(name: "break", usage: "break", summary: "leave the innermost loop"),
        KeywordHelp(name: "continue", usage: "continue", summary: "go to the next iteration"),
        KeywordHelp(name: "return", usage: "return value", summary: "leave a function with a value"),
        KeywordHelp(name: "expect", usage: "expect a ~= b within tol",
                    summary: "check a value; a failure fails the cell (==, ~=, <, >, <=, >=, !=)"),
        KeywordHelp(name: "and", usage: "a and b", summary: "both (short-circuit)"),
        KeywordHelp(name: "or", usage: "a or b", summary: "either (short-circuit)"),
        KeywordHelp(name: "not", usage: "not a", summary: "negation"),
        KeywordHelp(name: "data", usage: "data d = csv(…)", summary: "declare a data set (data (a, b) = split(…) for two)"),
        KeywordHelp(name: "network", usage: "network net { dense 3, relu … }", summary: "declare a network, one layer per line"),
        KeywordHelp(name: "loss", usage: "loss l = cross_entropy + 0.01 * l2", summary: "declare a loss"),
        KeywordHelp(name: "train", usage: "train net on data { loss: …; optimizer: …; epochs: … }",
                    summary: "train a network natively; gives a run with its history"),
    ]
}
