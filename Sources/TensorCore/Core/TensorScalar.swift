import RealModule

/// The element types a tensor can hold: `Float` (the default) and `Double`
/// (used where precision matters, such as gradient checks).
public protocol TensorScalar: BinaryFloatingPoint, Real, Sendable, CustomStringConvertible {
    /// The name dln shows for this element type.
    static var dtypeName: String { get }
}

extension Float: TensorScalar {
    public static var dtypeName: String { "float32" }
}

extension Double: TensorScalar {
    public static var dtypeName: String { "float64" }
}
