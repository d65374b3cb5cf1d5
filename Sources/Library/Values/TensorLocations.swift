import Language
import TensorCore

/// Where tensors are held, as paths from the global names (`net`, `layers.0.weight`; `ws`,
/// `1`; `p`, `w`): an optimiser's state names its parameters this way in the cell cache.
enum TensorLocations<Scalar: TensorScalar> {
    /// Every tensor the names reach, by identity, with the first path to it (names in order).
    static func paths(in globals: Environment) -> [ObjectIdentifier: [String]] {
        var found: [ObjectIdentifier: [String]] = [:]
        for name in globals.localNames.sorted() {
            guard let value = globals.lookup(name) else { continue }
            visit(value, path: [name], into: &found)
        }
        return found
    }

    private static func visit(_ value: Value, path: [String], into found: inout [ObjectIdentifier: [String]]) {
        func note(_ tensor: Tensor<Scalar>, _ path: [String]) {
            if found[ObjectIdentifier(tensor)] == nil { found[ObjectIdentifier(tensor)] = path }
        }
        switch value {
        case .record(let record):
            for field in record.fields { visit(field.value, path: path + [field.name], into: &found) }
        case .list(let items):
            for (index, item) in items.enumerated() { visit(item, path: path + [String(index)], into: &found) }
        case .host(let host):
            if let tensor = host as? TensorValue<Scalar> { note(tensor.tensor, path) }
            if let network = (host as? NetworkValue<Scalar>)?.network {
                for named in network.namedParameters { note(named.parameter.tensor, path + [named.name]) }
            }
        default:
            break
        }
    }

    /// The tensor at `path` from the names of `scope` (and the scopes around it).
    static func tensor(at path: [String], in scope: Environment) -> Tensor<Scalar>? {
        guard let name = path.first, var value = scope.lookup(name) else { return nil }
        for (offset, component) in path.dropFirst().enumerated() {
            switch value {
            case .record(let record):
                guard let field = record.fields.first(where: { $0.name == component }) else { return nil }
                value = field.value
            case .list(let items):
                guard let index = Int(component), items.indices.contains(index) else { return nil }
                value = items[index]
            case .host(let host):
                guard offset == path.count - 2, let network = (host as? NetworkValue<Scalar>)?.network else { return nil }
                return network.namedParameters.first { $0.name == component }?.parameter.tensor
            default:
                return nil
            }
        }
        return (value.hostValue as? TensorValue<Scalar>)?.tensor
    }
}
