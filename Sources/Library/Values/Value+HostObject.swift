import Language

extension Value {
    /// The object this value holds when it is of the final class `T`. The
    /// dynamic type is compared and the reference taken as it is: a runtime
    /// cast costs more than a small step's arithmetic, and one that fails (a
    /// network asking whether its argument is a data set) twice as much.
    @inline(__always)
    func hostObject<T: HostValue>(_ type: T.Type) -> T? {
        guard case let .host(value) = self, Swift.type(of: value) == T.self else { return nil }
        // The dynamic type is exactly T: the reference is a T.
        return unsafeDowncast(value, to: T.self)
    }
}
