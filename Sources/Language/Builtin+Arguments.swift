extension Builtin {
    /// The arguments checked against the builtin's parameters, with positional
    /// parameters given by label (`linspace(0, 1, count: 5)`) moved into place. `dln check`
    /// runs the same check on the shape of a call, so its messages are the run's.
    public func matching(_ arguments: Arguments) throws -> Arguments {
        var arguments = arguments
        // Without labels there is nothing to move (and sorting nothing still allocates).
        if let allowed = namedParameters, !arguments.named.isEmpty {
            let positionalNames = maximumArity == nil ? [] : parameters
            var byPosition: [(index: Int, label: String, value: Value)] = []
            var kept: [(label: String, value: Value)] = []
            for (label, value) in arguments.named {
                if allowed.contains(label) {
                    kept.append((label, value))
                } else if let index = positionalNames.firstIndex(of: label) {
                    byPosition.append((index, label, value))
                } else {
                    throw unknownLabel(label, allowed: allowed, positionalNames: positionalNames)
                }
            }
            for (index, label, value) in byPosition.sorted(by: { $0.index < $1.index }) {
                if index < arguments.positional.count {
                    throw DiagnosticError(.type, "argument '\(label)' of '\(name)' given twice")
                }
                guard index == arguments.positional.count else {
                    let missing = positionalNames[arguments.positional.count..<index]
                    throw DiagnosticError(.type, "'\(name)' expects \(arityDescription), got \(arguments.positional.count + arguments.named.count)",
                                          hint: "missing: \(missing.joined(separator: ", "))")
                }
                arguments.positional.append(value)
            }
            arguments.named = kept
        }
        let count = arguments.positional.count
        if count < minimumArity || count > (maximumArity ?? Int.max) {
            let missing = count < minimumArity ? parameters[count..<min(minimumArity, parameters.count)] : []
            throw DiagnosticError(.type, "'\(name)' expects \(arityDescription), got \(count)",
                                  hint: missing.isEmpty ? nil : "missing: \(missing.joined(separator: ", "))")
        }
        return arguments
    }

    private func unknownLabel(_ label: String, allowed: Set<String>, positionalNames: [String]) -> DiagnosticError {
        let candidates = allowed.union(positionalNames)
        let message = candidates.isEmpty
            ? "'\(name)' takes no named arguments, got '\(label):'"
            : "'\(name)' has no argument named '\(label)'"
        return DiagnosticError(.type, message,
                               hint: Suggestions.didYouMean(label, among: candidates)
                                   ?? (candidates.isEmpty ? nil : "arguments: \(positionalNames.joined(separator: ", "))"
                                       + (allowed.isEmpty ? "" : "; named: \(allowed.sorted().joined(separator: ", "))")))
    }
}
