import Foundation

/// The record kept beside a notebook's figures (`<out>/<name>/.dln-manifest.json`):
/// the fingerprint of the inputs they were made from and the hash of each file
/// the run produced. It holds no timestamps, so two regenerations write the
/// same bytes.
public struct Manifest: Codable, Equatable, Sendable {
    /// The manifest's file name inside a notebook's output folder.
    public static let fileName = ".dln-manifest.json"

    /// The notebook's file name, e.g. `linear_regression.dln`.
    public var notebook: String
    /// What the figures were made from.
    public var fingerprint: Fingerprint
    /// SHA-256 of each file produced, by its path relative to the output folder.
    public var outputs: [String: String]

    public init(notebook: String, fingerprint: Fingerprint, outputs: [String: String]) {
        self.notebook = notebook
        self.fingerprint = fingerprint
        self.outputs = outputs
    }

    /// The manifest in `folder`, or nil when there is none or it cannot be read.
    public static func read(from folder: URL) -> Manifest? {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent(fileName)) else { return nil }
        return try? JSONDecoder().decode(Manifest.self, from: data)
    }

    /// The manifest as stable JSON: sorted keys, a final newline.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }

    /// Writes the manifest into `folder`.
    public func write(to folder: URL) throws {
        try encoded().write(to: folder.appendingPathComponent(Self.fileName), options: .atomic)
    }

    /// The files under `folder` (relative paths, the manifest left out) with their hashes.
    public static func hashOutputs(in folder: URL) -> [String: String] {
        var outputs: [String: String] = [:]
        let paths = (try? FileManager.default.subpathsOfDirectory(atPath: folder.path)) ?? []
        for relative in paths where relative != fileName {
            var isDirectory: ObjCBool = false
            let url = folder.appendingPathComponent(relative)
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            outputs[relative] = FileDigest.hex(ofFileAt: url)
        }
        return outputs
    }

    /// The files listed in the manifest that are missing or differ in `folder`, sorted.
    public func damagedOutputs(in folder: URL) -> [String] {
        outputs.keys.sorted().filter { FileDigest.hex(ofFileAt: folder.appendingPathComponent($0)) != outputs[$0] }
    }
}
