import Foundation

/// One notebook of a batch and where its figures go: `<out>/<name>` for the
/// figures, `<out>/.<name>.dln-tmp-<pid>-<random>` while they are being made.
public struct NotebookJob: Sendable {
    /// The notebook file.
    public let notebook: URL
    /// The notebook's file name without `.dln`.
    public let name: String
    /// The folder its figures live in.
    public let output: URL
    /// The start of the name of every staging folder of this process, before the random part.
    public let stagingPrefix: String
    /// What marks folders dln made beside `output`: staging folders (`dln-tmp`) and
    /// previous figures being replaced (`dln-old`).
    static let temporaryKinds = ["dln-tmp", "dln-old"]

    public init(notebook: URL, outputRoot: URL, processID: Int32 = ProcessInfo.processInfo.processIdentifier) {
        let name = notebook.deletingPathExtension().lastPathComponent
        self.init(notebook: notebook, name: name, output: outputRoot.appendingPathComponent(name), processID: processID)
    }

    /// A run of `notebook` named `name` into `output` (a sweep's point).
    public init(notebook: URL, name: String, output: URL, processID: Int32 = ProcessInfo.processInfo.processIdentifier) {
        self.notebook = notebook
        self.name = name
        self.output = output
        stagingPrefix = ".\(name).dln-tmp-\(processID)-"
    }

    /// Creates a new, empty staging folder under a name nobody can guess, so
    /// nothing can be planted there before the run writes into it.
    public func createStaging() throws -> URL {
        let root = output.deletingLastPathComponent()
        for _ in 0..<100 {
            let candidate = root.appendingPathComponent(stagingPrefix + String(UInt64.random(in: .min ... .max), radix: 16))
            if mkdir(candidate.path, 0o755) == 0 { return candidate }
            if errno != EEXIST { break }
        }
        throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: root.path,
                                                       NSLocalizedDescriptionKey: "cannot create a staging folder in '\(root.path)': \(String(cString: strerror(errno)))"])
    }

    /// Why `output` must not be replaced, or nil when it is missing or is a
    /// folder of figures dln made (it holds a manifest). Anything else may be
    /// the user's own files: a notebook called `data.dln` must not delete `data/`.
    public func outputOwnershipProblem() -> String? {
        var status = stat()
        guard lstat(output.path, &status) == 0 else { return nil }
        let what: String
        switch status.st_mode & S_IFMT {
        case S_IFDIR:
            var manifest = stat()
            let manifestPath = output.appendingPathComponent(Manifest.fileName).path
            if lstat(manifestPath, &manifest) == 0 && manifest.st_mode & S_IFMT == S_IFREG { return nil }
            what = "it was not made by dln figures (it has no \(Manifest.fileName))"
        case S_IFLNK: what = "it is a symbolic link"
        default: what = "it is not a folder"
        }
        return "refusing to replace '\(output.relativePath)': \(what); move it away or choose another --out"
    }

    /// The notebooks directly in `folder` (`*.dln`, not in subfolders), sorted by name.
    ///
    /// - Throws: when the folder cannot be listed.
    public static func discover(in folder: URL) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
            .filter { $0.pathExtension == "dln" && !$0.lastPathComponent.hasPrefix(".") }
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// Why this notebook's figures must be made again (empty when they are
    /// up to date), given its current fingerprint.
    public func staleness(of fingerprint: Fingerprint) -> [String] {
        guard let manifest = Manifest.read(from: output) else {
            return FileManager.default.fileExists(atPath: output.path) ? ["no manifest beside the figures"] : ["no figures yet"]
        }
        var reasons = fingerprint.changes(since: manifest.fingerprint)
        let damaged = manifest.damagedOutputs(in: output)
        if let first = damaged.first {
            let more = damaged.count > 1 ? " and \(damaged.count - 1) more" : ""
            reasons.append("\(first)\(more) missing or edited")
        }
        return reasons
    }

    /// Removes staging folders (and their reports) and previous figures of this
    /// notebook left by batches that were killed, also those named as before
    /// (`.<name>.tmp-<pid>`); a running batch's are kept.
    public func removeAbandonedStaging() {
        let root = output.deletingLastPathComponent()
        // Also a report's temporary file (`.` + the report's name), should a kill have cut its write.
        let ownNames = Self.temporaryKinds.map { ".\(name).\($0)-" } + [".\(name).tmp-"]
        let prefixes = ownNames + ownNames.map { "." + $0 }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        for entry in entries {
            guard let prefix = prefixes.first(where: entry.hasPrefix),
                  let pid = Int32(entry.dropFirst(prefix.count).prefix { $0 != "-" && $0 != "." }) else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(at: root.appendingPathComponent(entry))
            }
        }
    }
}
