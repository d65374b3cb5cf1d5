import Foundation

/// What a notebook's figures depend on: the hashes of its source and of the
/// files it reads, the `--set` values and the dln version.
public struct Fingerprint: Codable, Equatable, Sendable {
    /// SHA-256 of the notebook's source.
    public var source: String
    /// SHA-256 of each file the notebook reads, by its path as written in the source.
    public var inputs: [String: String]
    /// The `--set name=value` overrides, in the order given.
    public var settings: [String]
    /// The version of dln that made the figures.
    public var version: String

    public init(source: String, inputs: [String: String], settings: [String], version: String) {
        self.source = source
        self.inputs = inputs
        self.settings = settings
        self.version = version
    }

    /// The fingerprint of the notebook at `notebook` as it is now. Input files
    /// are streamed through SHA-256 in chunks; `warn` hears of literals that
    /// name files outside the notebook's folder, which are not read.
    ///
    /// - Throws: when the notebook cannot be read.
    public init(notebook: URL, settings: [String], version: String, warn: (String) -> Void = { _ in }) throws {
        let data = try Data(contentsOf: notebook)
        let folder = notebook.deletingLastPathComponent()
        let text = String(decoding: data, as: UTF8.self)
        var inputs: [String: String] = [:]
        for path in SourceReferences.referencedFiles(in: text, folder: folder, excluding: notebook, warn: warn) {
            inputs[path] = FileDigest.hex(ofFileAt: SourceReferences.location(of: path, in: folder))
        }
        self.init(source: FileDigest.hex(of: data), inputs: inputs, settings: settings, version: version)
    }

    /// Why figures made with `previous` are out of date for this fingerprint,
    /// e.g. `["source changed", "data/digits.csv changed"]`; empty when they are not.
    public func changes(since previous: Fingerprint) -> [String] {
        var reasons: [String] = []
        if version != previous.version { reasons.append("dln version changed (\(previous.version) → \(version))") }
        if source != previous.source { reasons.append("source changed") }
        for path in Set(inputs.keys).union(previous.inputs.keys).sorted() {
            switch (previous.inputs[path], inputs[path]) {
            case (nil, _?): reasons.append("\(path) is new")
            case (_?, nil): reasons.append("\(path) is gone")
            case let (old?, new?) where old != new: reasons.append("\(path) changed")
            default: break
            }
        }
        if settings != previous.settings { reasons += Self.settingChanges(settings, previous.settings) }
        return reasons
    }

    /// What changed among the `--set` values and the run options (entries
    /// starting with `--`, such as `--precision 64`).
    private static func settingChanges(_ now: [String], _ then: [String]) -> [String] {
        let isOption = { (entry: String) in entry.hasPrefix("--") }
        var reasons: [String] = []
        if now.filter({ !isOption($0) }) != then.filter({ !isOption($0) }) { reasons.append("--set values changed") }
        if now.filter(isOption) != then.filter(isOption) { reasons.append("run options changed") }
        return reasons
    }
}
