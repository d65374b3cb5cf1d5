import Language

/// A Library value with members of its own (data sets, networks, layers,
/// training runs): `NotebookHost.member` and completion ask it directly.
protocol MemberProviding: HostValue {
    /// The members `value.name` can name, for completion and hints.
    var memberNames: [String] { get }
    /// `value.name`.
    func member(_ name: String, context: EvaluationContext) throws -> Value
}

extension MemberProviding {
    /// The error for a member this value does not have, with a did-you-mean.
    func unknownMember(_ name: String, context: EvaluationContext) -> DiagnosticError {
        context.error(.name, "a \(typeName) has no member '\(name)'",
                      hint: Suggestions.didYouMean(name, among: memberNames)
                          ?? "\(typeName) members: \(memberNames.joined(separator: ", "))")
    }
}

extension Value {
    /// A list of numbers.
    static func numbers(_ values: [Int]) -> Value { .list(values.map { .number(Double($0)) }) }
}
