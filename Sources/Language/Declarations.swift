import Foundation

/// A declaration the host (the Library) interprets: `data`, `loss`, `network`, `figure`.
///
/// The language only parses these; the host receives the whole node plus an
/// ``EvaluationContext`` to evaluate sub-expressions, and returns the declared value.
public struct Declaration: Sendable {
    public enum Kind: Sendable {
        /// `data toy = expr` (one name) or `data (a, b) = expr` (`isDestructuring`).
        case data(names: [Identifier], isDestructuring: Bool, value: Expr)
        /// `loss ce = expr`.
        case loss(name: Identifier, value: Expr)
        /// `network lenet { input 1, 8, 8 … }`.
        case network(name: Identifier, body: [Command])
        /// `figure "name" (options) { commands and panels }`.
        case figure(FigureDecl)
    }

    public var kind: Kind
    public var range: SourceRange

    /// The names the declaration binds (empty for figures).
    public var boundNames: [Identifier] {
        switch kind {
        case .data(let names, _, _): return names
        case .loss(let name, _), .network(let name, _): return [name]
        case .figure: return []
        }
    }
}

/// A command line: an identifier followed by comma-separated arguments, positional or
/// named, e.g. `conv2d 6, kernel: 3, pad: 1, relu` or `line x, y, title: "fit"`.
public struct Command: Sendable {
    public var name: Identifier
    public var arguments: [Argument]
    public var range: SourceRange
}

/// `figure "name" (xlabel: "x", size: 640x400) { … }`.
public struct FigureDecl: Sendable {
    public var name: Expr
    public var options: [Argument]
    public var items: [FigureItem]
    public var range: SourceRange
}

/// A line in a figure body.
public enum FigureItem: Sendable {
    case command(Command)
    /// `panel "title" (options) { command lines }`.
    case panel(PanelDecl)
}

/// A sub-plot of a figure.
public struct PanelDecl: Sendable {
    public var title: Expr
    public var options: [Argument]
    public var commands: [Command]
    public var range: SourceRange
}

/// `train NET on DATA { key: value … }`, an expression whose value the host computes.
public struct TrainExpr: Sendable {
    public var network: Expr
    public var data: Expr
    public var options: [TrainOption]
    public var range: SourceRange
}

/// One `key: value` line of a `train` block.
public struct TrainOption: Sendable {
    public var key: Identifier
    public var value: OptionValue
    public var range: SourceRange
}

/// The value of a train option.
public enum OptionValue: Sendable {
    /// `epochs: 500`, `batch: all` (a bare name; the host decides what it means).
    case expression(Expr)
    /// `record: loss, accuracy` (several comma-separated expressions).
    case list([Expr])
    /// `record: loss, accuracy every 10`.
    case every([Expr], interval: Expr)
    /// `stop: when loss < 1e-4` (the condition is not evaluated by the language).
    case when(Expr)
}
