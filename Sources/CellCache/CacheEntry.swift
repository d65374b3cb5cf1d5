import Foundation
import Language

/// What a cell left behind, as one file of the cache: the output it showed, the results it
/// recorded, the files it wrote under `--out`, and the values of the names it bound or changed.
struct CacheEntry: Codable {
    static let currentFormat = "dln cell cache 3"

    /// One thing the cell showed, in order.
    struct Event: Codable, Equatable {
        /// `print` text, or a displayed value's text (then `isDisplay`).
        var text: String
        var isDisplay: Bool
        /// A displayed figure itself, so that a report shows it again as a figure.
        var figure: StoredFigure?
    }

    /// A figure's stored form (see ``StoredHostForm``).
    struct StoredFigure: Codable, Equatable {
        var kind: String
        var bytes: Data
    }

    /// A file the cell wrote, by its path relative to the output folder.
    struct File: Codable, Equatable {
        var path: String
        var bytes: Data
    }

    struct Binding: Codable, Equatable {
        var name: String
        var value: StoredValue
    }

    /// A `record("name", value)` the cell made, in order.
    struct Result: Codable, Equatable {
        var name: String
        var value: ResultValue
    }

    /// A name whose value could not be kept, and why (`a network`).
    struct Unkept: Codable, Equatable {
        var name: String
        var reason: String
    }

    var format = CacheEntry.currentFormat
    var key: String
    var cell: String
    var events: [Event]
    var results: [Result]
    var files: [File]
    var bindings: [Binding]
    var unkept: [Unkept]

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }

    /// The entry in `data`, if it is one of this format for `key`.
    static func decode(_ data: Data, key: String) -> CacheEntry? {
        guard let entry = try? JSONDecoder().decode(CacheEntry.self, from: data),
              entry.format == currentFormat, entry.key == key else { return nil }
        let pathsAreSafe = entry.files.allSatisfy { CacheEntry.isSafeRelativePath($0.path) }
        return pathsAreSafe ? entry : nil
    }

    /// The format `data` names, when it is a dln cache entry of a format other than this one.
    static func otherFormat(of data: Data) -> String? {
        struct Header: Decodable { var format: String }
        guard let format = (try? JSONDecoder().decode(Header.self, from: data))?.format,
              format.hasPrefix("dln cell cache "), format != currentFormat else { return nil }
        // Printable ASCII only: the name goes into a warning on the terminal.
        return String(String.UnicodeScalarView(format.unicodeScalars.filter { (" "..."~").contains($0) }.prefix(40)))
    }

    /// A relative path that stays inside the folder it is relative to.
    static func isSafeRelativePath(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.contains("\0")
            && !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == ".." || $0.isEmpty || $0 == "." }
    }
}
