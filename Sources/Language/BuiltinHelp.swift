/// What a builtin says about itself. `:help`, completion, `dln help` and the builtin
/// tables of `docs/language.md` all read it, so there is no second list to keep in step.
public struct BuiltinHelp: Sendable {
    /// How it is called, one form per way, e.g. `range(n)` and `range(a, b)`.
    public let forms: [String]
    /// One line: what it does or gives (Markdown code spans allowed).
    public let summary: String
    /// Further paragraphs for `:help NAME`; empty when the summary says it all.
    public let details: String
    /// The reference table it is listed in.
    public let topic: BuiltinTopic

    public init(_ topic: BuiltinTopic, _ forms: String..., summary: String, details: String = "") {
        self.init(topic, forms: forms, summary: summary, details: details)
    }

    public init(_ topic: BuiltinTopic, forms: [String], summary: String, details: String = "") {
        self.topic = topic
        self.forms = forms
        self.summary = summary
        self.details = details
    }

    /// The forms as one line of plain text: `range(n) or range(a, b)`.
    public var usage: String { forms.joined(separator: " or ") }

    /// The help as plain text: the forms, then the summary and details indented.
    public var plainText: String {
        let body = ([summary] + (details.isEmpty ? [] : [details])).joined(separator: "\n")
        let indented = body.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "  " + $0 }
        return ([usage] + indented).joined(separator: "\n").replacingOccurrences(of: "`", with: "")
    }
}

/// A group of builtins: one table of the language reference.
public struct BuiltinTopic: Hashable, Sendable {
    public let title: String

    public init(_ title: String) {
        self.title = title
    }

    /// Printing, strings, ranges, records and lists: the language's own builtins.
    public static let general = BuiltinTopic("General")
    /// Functions of plain numbers (which a host may replace with elementwise ones).
    public static let numbers = BuiltinTopic("Numbers")
}
