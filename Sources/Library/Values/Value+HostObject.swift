import Language

extension Value {
    /// The object this value holds when it is of the final class `T`. The
    /// dynamic type is compared first: a runtime cast that fails (a network
    /// asking whether its argument is a data set) costs more than a small
    /// step's arithmetic.
    @inline(__always)
    func hostObject<T: HostValue & AnyObject>(_ type: T.Type) -> T? {
        guard case let .host(value) = self, Swift.type(of: value) == T.self else { return nil }
        return value as? T
    }
}
