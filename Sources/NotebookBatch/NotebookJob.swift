import Foundation

/// One notebook of a batch and where its figures go: `<out>/<name>` for the
/// figures, `<out>/.<name>.tmp-<pid>` while they are being made.
public struct NotebookJob: Sendable {
    /// The notebook file.
    public let notebook: URL
    /// The notebook's file name without `.dln`.
    public let name: String
    /// The folder its figures live in.
    public let output: URL
    /// The folder a run writes into before it replaces `output`.
    public let staging: URL

    public init(notebook: URL, outputRoot: URL, processID: Int32 = ProcessInfo.processInfo.processIdentifier) {
        self.notebook = notebook
        name = notebook.deletingPathExtension().lastPathComponent
        output = outputRoot.appendingPathComponent(name)
        staging = outputRoot.appendingPathComponent(".\(name).tmp-\(processID)")
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

    /// Removes staging folders of this notebook left by runs that no longer exist.
    public func removeAbandonedStaging() {
        let root = output.deletingLastPathComponent()
        let prefix = ".\(name).tmp-"
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        for entry in entries where entry.hasPrefix(prefix) {
            guard let pid = Int32(entry.dropFirst(prefix.count)) else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(at: root.appendingPathComponent(entry))
            }
        }
    }
}
