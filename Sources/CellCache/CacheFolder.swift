import FileWriting
import Foundation
import NotebookBatch

/// The cache's folder: one file per entry (`entries/<ab>/<key>.json`), the last run's keys of
/// each notebook (`runs/<notebook>.json`, for saying why a cell ran), and `CACHEDIR.TAG`,
/// which marks it as dln's: a folder without the tag that holds anything is never used.
public struct CacheFolder: Sendable {
    /// A cache folder that cannot be used, with the reason.
    public struct Refusal: Error, CustomStringConvertible {
        public var description: String
    }

    /// What looking an entry up found.
    enum Lookup {
        case missing
        case found(CacheEntry)
        /// Present but not a readable entry for this key: damaged, foreign or from another format.
        case unreadable
        /// An entry of another format (`dln cell cache 1`, from an older dln).
        case otherFormat(String)
    }

    static let tagName = "CACHEDIR.TAG"
    static let tag = """
        Signature: 8a477f597d28d172789f06886806bc55
        # This folder is a cache of notebook cells made by dln (docs/caching.md).
        # `dln cache clean` empties it; deleting it loses nothing but time.

        """
    /// 1 GiB unless `--cache-limit` says otherwise.
    public static let defaultLimit = 1 << 30

    public let url: URL
    /// The most bytes the entries may take; the least recently used go first.
    public let limit: Int

    var entries: URL { url.appendingPathComponent("entries", isDirectory: true) }
    var runs: URL { url.appendingPathComponent("runs", isDirectory: true) }

    /// The folder at `url`, made when missing.
    public static func open(_ url: URL, limit: Int = defaultLimit) throws -> CacheFolder {
        try requireOwned(url)
        let folder = CacheFolder(url: url, limit: limit)
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            let tagURL = url.appendingPathComponent(tagName)
            if !FileManager.default.fileExists(atPath: tagURL.path) { try AtomicFile.write(Data(tag.utf8), to: tagURL) }
            for directory in [folder.entries, folder.runs] {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            }
        } catch {
            throw Refusal(description: "cannot use the cache folder '\(url.path)': \((error as? FileWriteError)?.reason ?? error.localizedDescription)")
        }
        return folder
    }

    /// Refuses a folder that exists, holds something, and is not marked as dln's cache.
    static func requireOwned(_ url: URL) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else { throw Refusal(description: "the cache '\(url.path)' is not a folder") }
        // Another run may be making the folder right now: its subfolders and temporary files are dln's.
        let contents = ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).filter {
            $0 != "entries" && $0 != "runs" && !($0.hasPrefix(".\(tagName)") && $0.contains(".dln-tmp-"))
        }
        if contents.isEmpty { return }
        let tagText = try? String(contentsOf: url.appendingPathComponent(tagName), encoding: .utf8)
        guard tagText == tag else {
            throw Refusal(description: "refusing to use '\(url.path)' as a cache: it was not made by dln (it has no dln CACHEDIR.TAG)")
        }
    }

    /// Entries are spread over 256 subfolders by their key's first two digits, so that no
    /// folder grows large (each atomic write lists its folder for abandoned temporaries).
    func entryURL(_ key: String) -> URL {
        entries.appendingPathComponent(String(key.prefix(2)), isDirectory: true).appendingPathComponent("\(key).json")
    }

    /// Every entry file.
    func entryFiles() -> [URL] {
        let subfolders = (try? FileManager.default.contentsOfDirectory(at: entries, includingPropertiesForKeys: nil)) ?? []
        return subfolders.flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? [])
                .filter { $0.pathExtension == "json" }
        }
    }

    /// The entry for `key`; a hit counts as a use (for least-recently-used eviction).
    func entry(_ key: String) -> Lookup {
        let url = entryURL(key)
        guard let data = try? Data(contentsOf: url) else { return .missing }
        guard let entry = CacheEntry.decode(data, key: key) else {
            return CacheEntry.otherFormat(of: data).map(Lookup.otherFormat) ?? .unreadable
        }
        utimes(url.path, nil)
        return .found(entry)
    }

    func store(_ entry: CacheEntry) throws {
        let url = entryURL(entry.key)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        // Not synced to disk: an entry cut short by a power failure fails to decode and is ignored.
        try AtomicFile.write(try entry.encoded(), to: url, durable: false)
    }

    func runRecordURL(notebook: URL) -> URL {
        runs.appendingPathComponent(FileDigest.hex(of: Data(notebook.standardizedFileURL.path.utf8)) + ".json")
    }

    func runRecord(notebook: URL) -> RunRecord? {
        guard let data = try? Data(contentsOf: runRecordURL(notebook: notebook)) else { return nil }
        return try? JSONDecoder().decode(RunRecord.self, from: data)
    }

    func store(_ record: RunRecord, notebook: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try AtomicFile.write(try encoder.encode(record), to: runRecordURL(notebook: notebook))
    }

    /// Removes the least recently used entries until they fit the limit.
    func evict() {
        let keys: [URLResourceKey] = [.fileSizeKey, .contentModificationDateKey]
        var listed = entryFiles().compactMap { file -> (URL, Int, Date)? in
            guard let values = try? file.resourceValues(forKeys: Set(keys)) else { return nil }
            return (file, values.fileSize ?? 0, values.contentModificationDate ?? .distantPast)
        }
        var total = listed.reduce(0) { $0 + $1.1 }
        guard total > limit else { return }
        listed.sort { $0.2 < $1.2 }
        for (file, size, _) in listed where total > limit {
            if (try? FileManager.default.removeItem(at: file)) != nil { total -= size }
        }
    }

    /// Empties the cache (entries and run records), keeping the folder and its tag; returns how many entries went.
    public func clean() throws -> Int {
        let removed = entryFiles().count
        for folder in [entries, runs] {
            if FileManager.default.fileExists(atPath: folder.path) { try FileManager.default.removeItem(at: folder) }
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        return removed
    }
}
