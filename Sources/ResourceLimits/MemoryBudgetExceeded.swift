/// An operation asked for more memory than the run's budget has left.
public struct MemoryBudgetExceeded: Error, Equatable, CustomStringConvertible, Sendable {
    /// What asked: `zeros`, `@`, `exp`, `reading x.csv`, `the script of figure 'f'`.
    public let operation: String
    public let requested: Int
    public let inUse: Int
    public let limit: Int

    public init(operation: String, requested: Int, inUse: Int, limit: Int) {
        self.operation = operation
        self.requested = requested
        self.inUse = inUse
        self.limit = limit
    }

    public var description: String {
        // Operators read better quoted: "'@' needs …".
        let isOperator = !operation.isEmpty && operation.unicodeScalars.allSatisfy { "+-*/^@<>=!&|%".unicodeScalars.contains($0) }
        let operation = isOperator ? "'\(self.operation)'" : self.operation
        if requested == 0 {
            return "\(operation) take \(ByteCount.describe(inUse)), more than the \(ByteCount.describe(limit)) memory budget"
        }
        return "\(operation) needs \(ByteCount.describe(requested)) more, but \(ByteCount.describe(inUse)) of the "
            + "\(ByteCount.describe(limit)) memory budget are in use"
    }

    /// What a user can do about it.
    public static let hint = "free large values you no longer need (assign something small to their names), "
        + "work on smaller pieces, or raise the budget with --memory-limit (see `dln info`)"
}

/// Byte counts as people read them.
public enum ByteCount {
    /// `512 bytes`, `3.2 MB`, `1.5 GB` (powers of 1000, as `df -H` and the OOM killer's peers do not
    /// agree anyway; the exact count follows in parentheses past a kilobyte).
    public static func describe(_ bytes: Int) -> String {
        let units: [(Double, String)] = [(1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "kB")]
        for (size, unit) in units where Double(bytes) >= size {
            let value = Double(bytes) / size
            let digits = value < 10 ? 1 : 0
            return "\(rounded(value, digits: digits)) \(unit) (\(bytes) bytes)"
        }
        return bytes == 1 ? "1 byte" : "\(bytes) bytes"
    }

    private static func rounded(_ value: Double, digits: Int) -> String {
        let scale = digits == 1 ? 10.0 : 1.0
        let x = (value * scale).rounded() / scale
        return digits == 1 ? String(format1: x) : String(Int(x))
    }

    /// Parses `4G`, `512M`, `1.5GB`, `2000000000`, `80%` (of `total`) into bytes.
    public static func parse(_ text: String, total: Int) -> Int? {
        let trimmed = text.trimmingSpaces.uppercased()
        if trimmed.hasSuffix("%") {
            guard let percent = Double(trimmed.dropLast()), percent > 0, percent <= 100 else { return nil }
            return Int(Double(total) * percent / 100)
        }
        let multipliers: [(String, Double)] = [
            ("TIB", 0x1p40), ("GIB", 0x1p30), ("MIB", 0x1p20), ("KIB", 0x1p10),
            ("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("KB", 1e3),
            ("T", 0x1p40), ("G", 0x1p30), ("M", 0x1p20), ("K", 0x1p10), ("B", 1),
        ]
        for (suffix, multiplier) in multipliers where trimmed.hasSuffix(suffix) {
            guard let value = Double(trimmed.dropLast(suffix.count).trimmingSpaces) else { return nil }
            return bytes(value * multiplier)
        }
        return Double(trimmed).flatMap(bytes)
    }

    private static func bytes(_ value: Double) -> Int? {
        guard value.isFinite, value >= 1, value < 0x1p62 else { return nil }
        return Int(value)
    }
}

private extension String {
    init(format1 value: Double) {
        let tenths = Int((value * 10).rounded())
        self = "\(tenths / 10).\(tenths % 10)"
    }
}

private extension StringProtocol {
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
