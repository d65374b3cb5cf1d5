import Foundation
import Language

/// One row of a sweep's results: a point, how its run ended and what it recorded.
public struct SweepRow: Codable, Equatable, Sendable {
    /// The point's folder, relative to the sweep's folder.
    public var folder: String
    public var parameters: [String: String]
    /// `passed`, `failed`, `missing` (never finished) or `stale` (made from other inputs).
    public var status: String
    public var exitStatus: Int?
    public var durationSeconds: Double?
    public var results: [String: ResultValue]
    public var error: String?

    enum CodingKeys: String, CodingKey {
        case folder, parameters, status, results, error
        case exitStatus = "exit_status", durationSeconds = "duration_seconds"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(folder, forKey: .folder)
        try container.encode(parameters, forKey: .parameters)
        try container.encode(status, forKey: .status)
        try container.encode(exitStatus, forKey: .exitStatus)
        try container.encode(durationSeconds, forKey: .durationSeconds)
        try container.encode(results, forKey: .results)
        try container.encode(error, forKey: .error)
    }
}

/// The whole table, as `results.json` holds it.
public struct SweepTable: Codable, Equatable, Sendable {
    public var notebook: String
    /// The swept parameters, in the grid's order (the first columns of `results.csv`).
    public var parameters: [String]
    /// Every result name any point recorded, sorted (the columns after `duration_seconds`).
    public var results: [String]
    public var rows: [SweepRow]

    /// The table as CSV: a header, then one line per point in the grid's order.
    public var csv: String {
        let header = parameters + ["status", "duration_seconds"] + results.map(resultColumn) + ["error"]
        var lines = [header.map(Self.field).joined(separator: ",")]
        for row in rows {
            let cells = parameters.map { row.parameters[$0] ?? "" }
                + [row.status, row.durationSeconds.map(Self.number) ?? ""]
                + results.map { row.results[$0].map(Self.text) ?? "" }
                + [row.error ?? ""]
            lines.append(cells.map(Self.field).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A result's column: its name, unless a parameter or a fixed column has that name.
    private func resultColumn(_ name: String) -> String {
        parameters.contains(name) || ["status", "duration_seconds", "error"].contains(name) ? "result:" + name : name
    }

    private static func text(_ value: ResultValue) -> String {
        switch value {
        case .number(let x): return number(x)
        case .text(let text): return text
        case .flag(let flag): return flag ? "true" : "false"
        }
    }

    /// Whole numbers without `.0`; others with the shortest decimals that read back the same.
    static func number(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    /// A CSV field, quoted when it holds a comma, quote or line break (RFC 4180).
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
