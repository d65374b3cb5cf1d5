import Foundation
import Language
import NotebookBatch

/// The notebook and the files its string literals name, for `dln run --watch`: polled
/// cheaply by `stat`, and counted as changed only when their contents changed.
public final class WatchedFiles {
    private struct Stamp: Equatable {
        var size: Int
        var seconds: Int
        var nanoseconds: Int
        var inode: UInt
    }

    private let notebook: String
    private let folder: URL
    private var stamps: [String: Stamp] = [:]
    private var hashes: [String: String] = [:]

    /// Watches `notebook` (a path) and the files it names relative to `folder`.
    public init(notebook: String, folder: URL) {
        self.notebook = notebook
        self.folder = folder
        for path in paths() { record(path) }
    }

    /// The notebook and the existing files its cells' string literals name.
    private func paths() -> [String] {
        guard let data = FileManager.default.contents(atPath: notebook) else { return [notebook] }
        let parsed = Notebook(source: SourceFile(name: notebook, text: String(decoding: data, as: UTF8.self)))
        let literals = NotebookRunner.parseCells(of: parsed).compactMap { $0 }.flatMap { CellUsage(of: $0.program).stringLiterals }
        return [notebook] + CellInputs.existingFiles(named: literals, in: folder).map { CellInputs.location(of: $0, in: folder).path }
    }

    private func stamp(_ path: String) -> Stamp? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return Stamp(size: Int(status.st_size), seconds: status.st_mtim.tv_sec, nanoseconds: status.st_mtim.tv_nsec, inode: UInt(status.st_ino))
    }

    private func record(_ path: String) {
        stamps[path] = stamp(path)
        hashes[path] = hash(path)
    }

    /// The contents' hash (for a large file, its stamp: ``CellInputs/fingerprint(of:)``).
    private func hash(_ path: String) -> String? { CellInputs.fingerprint(of: URL(fileURLWithPath: path)) }

    /// The first watched file whose contents changed since the last call (or since `init`), if any;
    /// the notebook's own change also brings in the files it names now.
    public func changedFile() -> String? {
        for path in paths() {
            let now = stamp(path)
            if now == stamps[path] && hashes[path] != nil { continue }
            let hash = hash(path)
            stamps[path] = now
            if hash != hashes[path] {
                hashes[path] = hash
                return path
            }
        }
        return nil
    }
}
