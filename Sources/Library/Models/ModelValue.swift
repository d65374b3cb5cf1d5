import Language

extension HostValue {
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
