import Foundation

/// Name bindings, chained to an enclosing environment (jlox's `Environment`).
///
/// Only function calls open a new environment; blocks, loops and cells share their
/// enclosing one. Assignment binds in the current environment; lookup walks outwards.
public final class Environment {
    public let enclosing: Environment?
    private var values: [String: Value] = [:]
    /// The names here bound to host values (tensors, networks, data sets…),
    /// so that a walk over those skips every builtin and number.
    private var hostNames: Set<String> = []

    public init(enclosing: Environment? = nil) {
        self.enclosing = enclosing
    }

    /// Binds (or rebinds) `name` in this environment.
    public func define(_ name: String, _ value: Value) {
        let old = values.updateValue(value, forKey: name)
        if case .host = value {
            hostNames.insert(name)
        } else if case .host? = old {
            hostNames.remove(name)
        }
    }

    /// Registers a builtin under its name.
    public func define(_ builtin: Builtin) {
        define(builtin.name, .builtin(builtin))
    }

    /// The value of `name` here or in an enclosing environment.
    public func lookup(_ name: String) -> Value? {
        var environment: Environment? = self
        while let current = environment {
            if let value = current.values[name] { return value }
            environment = current.enclosing
        }
        return nil
    }

    /// True when `name` is bound in this environment itself.
    public func isBoundLocally(_ name: String) -> Bool { values[name] != nil }

    /// Names bound in this environment itself.
    public var localNames: [String] { Array(values.keys) }

    /// Calls `body` with every host value bound here or in an enclosing
    /// environment, shadowed ones included, in no particular order: a walk
    /// over host bindings only, for lookups made at every training step.
    public func forEachBoundHostValue(_ body: (any HostValue) -> Void) {
        var environment: Environment? = self
        while let current = environment {
            for name in current.hostNames {
                if case .host(let value)? = current.values[name] { body(value) }
            }
            environment = current.enclosing
        }
    }

    /// Every name visible from here.
    public var visibleNames: Set<String> {
        var names = Set(values.keys)
        if let enclosing { names.formUnion(enclosing.visibleNames) }
        return names
    }
}
