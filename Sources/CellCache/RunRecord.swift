import Foundation

/// The keys of a notebook's cells at its last run with this cache, so that the next run
/// can say which part of a key changed.
struct RunRecord: Codable {
    struct Cell: Codable {
        /// The title, or `cell N` for an untitled cell.
        var label: String
        var key: String?
        var parts: [KeyPart]
        /// Why the cell's result was not stored, when it was not.
        var unstored: String?
    }

    var cells: [Cell]
}

/// Why a cell whose entry is missing ran, worded for `--explain`.
enum RunReason {
    static func missing(current: CellKey, previous: RunRecord.Cell?) -> String {
        guard let previous else { return "ran: not in the cache" }
        if previous.key == current.hash {
            return previous.unstored.map { "ran: not cacheable (\($0))" } ?? "ran: not in the cache (cleaned or evicted)"
        }
        for part in current.parts {
            guard let old = previous.parts.first(where: { $0.label == part.label }) else {
                // A `--set` given now and not before changed the value, not the dependencies.
                if part.label.hasPrefix("--set ") { return "ran: \(part.label) changed" }
                return "ran: it now depends on \(describe(part.label))"
            }
            if old.hash != part.hash { return "ran: \(describe(part.label)) changed" }
        }
        if let gone = previous.parts.first(where: { old in !current.parts.contains { $0.label == old.label } }) {
            if gone.label.hasPrefix("--set ") { return "ran: \(gone.label) changed" }
            return "ran: it no longer depends on \(describe(gone.label))"
        }
        return "ran: not in the cache"
    }

    /// `code` → `its code`, `file data/x.csv` → `data/x.csv`, `precision` → `the precision`.
    static func describe(_ label: String) -> String {
        switch label {
        case "code": return "its code"
        case "precision": return "the precision"
        case "dln": return "dln (its version, build or OpenBLAS kernels)"
        default: return label.hasPrefix("file ") ? String(label.dropFirst(5)) : label
        }
    }
}
