// The C kernels' entry points name the concrete type (float or double);
// the engine's generic code has checked that its Scalar is that type.

/// A pointer to T as a pointer to U, where T and U are the same type.
@inline(__always)
func rebound<T, U>(_ pointer: UnsafePointer<T>) -> UnsafePointer<U> {
    UnsafeRawPointer(pointer).assumingMemoryBound(to: U.self)
}

/// A mutable pointer to T as one to U, where T and U are the same type.
@inline(__always)
func rebound<T, U>(_ pointer: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<U> {
    UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: U.self)
}
