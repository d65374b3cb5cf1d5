import Foundation

/// A value a notebook marks as a result with `record("name", value)`, written into the
/// `--report` file's `results` object for `dln sweep` to gather. Only scalars, so that
/// every result is one cell of a table. JSON has no NaN or infinity: those are written
/// as the strings `"nan"`, `"inf"` and `"-inf"`, and read back as numbers.
public enum ResultValue: Codable, Equatable, Sendable {
    case number(Double)
    case text(String)
    case flag(Bool)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            self = .flag(flag)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else {
            let text = try container.decode(String.self)
            self = Self.nonFiniteNames.first { $0.name == text }.map { .number($0.value) } ?? .text(text)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let x) where !x.isFinite: try container.encode(x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf"))
        case .number(let x): try container.encode(x)
        case .text(let text): try container.encode(text)
        case .flag(let flag): try container.encode(flag)
        }
    }

    /// The number this result stands for (a flag is 0 or 1); nil for text.
    public var number: Double? {
        switch self {
        case .number(let x): return x
        case .flag(let flag): return flag ? 1 : 0
        case .text: return nil
        }
    }

    private static let nonFiniteNames: [(name: String, value: Double)] = [
        ("nan", .nan), ("inf", .infinity), ("-inf", -.infinity),
    ]
}
