import Foundation
import Language

/// Figures kept by the cell cache: the name, title and the names of its files. A figure's
/// files are written into `--out`, so a restored figure's are in this run's `--out` (the
/// files themselves are in the cell's entry, restored there).
extension FigureValue: StorableHostValue {
    struct Stored: Codable {
        var name: String
        var image: String?
        var script: String?
        var title: String?
    }

    static let storageKind = "figure"

    public var storedForm: StoredHostForm? {
        let folder = (image ?? script)?.deletingLastPathComponent().standardizedFileURL.path
        func relative(_ url: URL?) -> String? {
            guard let url, let folder else { return nil }
            return String(url.standardizedFileURL.path.dropFirst(folder.count + 1))
        }
        let stored = Stored(name: name, image: relative(image), script: relative(script), title: title)
        return (try? JSONEncoder().encode(stored)).map { StoredHostForm(kind: Self.storageKind, bytes: $0) }
    }

    public var unstorableReason: String { "a figure that could not be encoded" }

    public var isImmutable: Bool { true }

    static func restored(_ form: StoredHostForm, outputs: URL) -> FigureValue? {
        guard form.kind == storageKind, let stored = try? JSONDecoder().decode(Stored.self, from: form.bytes) else { return nil }
        let names = [stored.image, stored.script].compactMap { $0 }
        guard names.allSatisfy({ !$0.isEmpty && !$0.contains("/") && $0 != ".." }) else { return nil }
        return FigureValue(name: stored.name, image: stored.image.map(outputs.appendingPathComponent),
                           script: stored.script.map(outputs.appendingPathComponent), title: stored.title)
    }
}
