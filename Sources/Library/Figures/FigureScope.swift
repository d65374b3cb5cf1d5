import Language

/// The figure being built: its name and the context its expressions are evaluated in.
/// Every diagnostic made here names the figure.
struct FigureScope {
    let name: String
    let context: EvaluationContext

    /// An error naming the figure, placed at `range` (the declaration when nil).
    func error(_ kind: Diagnostic.Kind, _ message: String, at range: SourceRange? = nil,
               hint: String? = nil) -> DiagnosticError {
        DiagnosticError(Diagnostic(kind, "figure '\(name)': \(message)", at: range ?? context.range, hint: hint))
    }

    /// The same evaluation context, with errors placed at `range` (e.g. one series line).
    func context(at range: SourceRange) -> EvaluationContext {
        EvaluationContext(evaluator: context.evaluator, environment: context.environment, range: range)
    }
}

/// A value of a figure option or series argument, with where it was written.
struct PlacedValue {
    var value: Value
    var range: SourceRange
}

/// The evaluated arguments of one figure line (`line x, y, title: "fit"`) or of the
/// options of a figure or panel, with conversions that report bad values at their place.
struct FigureArguments {
    /// What the arguments belong to, for messages: `line`, `figure options`, …
    let owner: String
    let range: SourceRange
    let scope: FigureScope
    var positional: [PlacedValue] = []
    var named: [(label: String, value: PlacedValue)] = []

    /// Evaluates `arguments`; a repeated option is an error.
    init(_ arguments: [Argument], owner: String, range: SourceRange, scope: FigureScope) throws {
        self.owner = owner
        self.range = range
        self.scope = scope
        for argument in arguments {
            let value = PlacedValue(value: try scope.context.evaluate(argument.value), range: argument.range)
            if let label = argument.label {
                if named.contains(where: { $0.label == label.name }) {
                    throw scope.error(.type, "\(owner): '\(label.name):' is given twice", at: argument.range)
                }
                named.append((label.name, value))
            } else {
                positional.append(value)
            }
        }
    }

    /// The named option `label` (or one of its spellings), if given.
    func option(_ labels: String...) -> PlacedValue? {
        named.first { labels.contains($0.label) }?.value
    }

    /// Rejects options not in `valid`, listing the valid ones (with a did-you-mean).
    func checkOptions(_ valid: [String]) throws {
        for (label, value) in named where !valid.contains(label) {
            let list = valid.map { "\($0):" }.joined(separator: ", ")
            let guess = Suggestions.didYouMean(label, among: valid).map { "\($0); " } ?? ""
            let known = valid.isEmpty ? "\(owner) takes no options" : "\(owner) takes \(list)"
            throw scope.error(.type, "\(owner): unknown option '\(label):'", at: value.range, hint: guess + known)
        }
    }

    /// Requires between `minimum` and `maximum` positional arguments, described by `usage`.
    func checkCount(_ minimum: Int, _ maximum: Int, usage: String) throws {
        guard (minimum...maximum).contains(positional.count) else {
            let expected = minimum == maximum ? "\(minimum)" : "\(minimum) to \(maximum)"
            throw scope.error(.type, "\(owner) expects \(expected) values, got \(positional.count)", at: range,
                              hint: "write: \(usage)")
        }
    }

    /// The positional argument at `index`, which `checkCount` made sure exists.
    func value(_ index: Int) throws -> PlacedValue {
        guard positional.indices.contains(index) else {
            throw scope.error(.type, "\(owner) is missing value \(index + 1)", at: range)
        }
        return positional[index]
    }
}
