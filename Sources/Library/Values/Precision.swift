/// The element type of a session's tensors: 32-bit floats by default (fast),
/// or 64-bit for results to many decimals (`--precision 64`).
public enum Precision: Int, CaseIterable, Sendable, CustomStringConvertible {
    case single = 32
    case double = 64

    /// The precision `text` names: `32`, `64`, `float32` or `float64`.
    public init?(name text: String) {
        switch text {
        case "32", "float32": self = .single
        case "64", "float64": self = .double
        default: return nil
        }
    }

    public var description: String { "\(rawValue)" }
    /// The tensor element type's name.
    public var dtypeName: String { self == .single ? "float32" : "float64" }
}
