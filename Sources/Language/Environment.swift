import Foundation

/// Name bindings, chained to an enclosing environment (jlox's `Environment`).
///
/// Only function calls open a new environment; blocks, loops and cells share their
/// enclosing one. Assignment binds in the current environment; lookup walks outwards.
public final class Environment {
    public let enclosing: Environment?
    // Read on every name the evaluator looks up, on its one thread, never
    // while being changed: unchecked, as a check per lookup cost as much as
    // the search.
    @exclusivity(unchecked) private var values = NameTable()

    public init(enclosing: Environment? = nil) {
        self.enclosing = enclosing
    }

    /// Binds (or rebinds) `name` in this environment.
    public func define(_ name: String, _ value: Value) {
        values.bind(name, to: value)
    }

    /// Registers a builtin under its name.
    public func define(_ builtin: Builtin) {
        define(builtin.name, .builtin(builtin))
    }

    /// The value of `name` here or in an enclosing environment.
    public func lookup(_ name: String) -> Value? {
        var environment = self
        while true {
            if let value = environment.values.value(of: name) { return value }
            guard let enclosing = environment.enclosing else { return nil }
            environment = enclosing
        }
    }

    /// True when `name` is bound in this environment itself.
    public func isBoundLocally(_ name: String) -> Bool { values.contains(name) }

    /// Names bound in this environment itself.
    public var localNames: [String] { values.names }

    /// Every name visible from here.
    public var visibleNames: Set<String> {
        var names = Set(values.names)
        if let enclosing { names.formUnion(enclosing.visibleNames) }
        return names
    }
}
