import Foundation

/// A problem found in a notebook, as a value: what kind, where, what, and how to fix it.
///
/// Diagnostics are produced by every stage (lexer, parser, checker, evaluator, host)
/// and rendered in one place, ``DiagnosticRenderer``.
public struct Diagnostic: Equatable, Sendable, CustomStringConvertible {
    /// The stage or category a diagnostic belongs to.
    public enum Kind: String, Sendable, CaseIterable {
        case lexical, syntax, name, type, shape, runtime, expectation, limit, interrupted, io
    }

    public var kind: Kind
    public var message: String
    /// Where the problem is; nil for problems without a location (e.g. a bad `--set`).
    public var range: SourceRange?
    /// A suggestion, rendered as `hint: …`.
    public var hint: String?
    /// Extra lines, rendered as `note: …` (e.g. the two sides of a failed expectation).
    public var notes: [String]
    /// The title of the notebook cell the problem is in, when known.
    public var cellTitle: String?
    /// True when the problem is only that the input ended too early (an open bracket,
    /// an unfinished block, a trailing operator): a REPL should ask for more input.
    public var isIncompleteInput: Bool

    public init(_ kind: Kind, _ message: String, at range: SourceRange? = nil, hint: String? = nil,
                notes: [String] = [], cellTitle: String? = nil, isIncompleteInput: Bool = false) {
        self.kind = kind
        self.message = message
        self.range = range
        self.hint = hint
        self.notes = notes
        self.cellTitle = cellTitle
        self.isIncompleteInput = isIncompleteInput
    }

    /// The rendered form, see ``DiagnosticRenderer``.
    public var description: String { DiagnosticRenderer().render(self) }
}

/// An error carrying one or more diagnostics; everything the module throws at callers is one.
public struct DiagnosticError: Error, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostic: Diagnostic) { diagnostics = [diagnostic] }
    public init(diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    /// Convenience for hosts and builtins: an error without a location; the evaluator
    /// attaches the range of the expression being evaluated.
    public init(_ kind: Diagnostic.Kind, _ message: String, hint: String? = nil) {
        diagnostics = [Diagnostic(kind, message, hint: hint)]
    }

    /// The first diagnostic (errors the module throws always carry at least one).
    public var first: Diagnostic? { diagnostics.first }

    public var description: String { DiagnosticRenderer().render(diagnostics) }

    /// Returns a copy whose diagnostics without a range get `range`.
    func located(at range: SourceRange?) -> DiagnosticError {
        guard let range else { return self }
        var copy = self
        for index in copy.diagnostics.indices where copy.diagnostics[index].range == nil {
            copy.diagnostics[index].range = range
        }
        return copy
    }
}
