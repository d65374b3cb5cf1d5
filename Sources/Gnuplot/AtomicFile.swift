import Foundation

/// Files that appear whole or not at all: written beside their destination
/// under a hidden temporary name, then renamed into place.
enum AtomicFile {
    /// The hidden temporary name used for `url` by this process.
    static func temporaryURL(for url: URL) -> URL {
        url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
    }

    /// Writes `data` to `url` atomically.
    static func write(_ data: Data, to url: URL) throws {
        let temporary = temporaryURL(for: url)
        do {
            try data.write(to: temporary)
            try moveIntoPlace(temporary, url)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            if let error = error as? GnuplotError { throw error }
            throw GnuplotError.fileSystem(path: url.path, message: "could not be written: \(error.localizedDescription)")
        }
    }

    /// Renames `temporary` to `url`, replacing any existing file in one step.
    static func moveIntoPlace(_ temporary: URL, _ url: URL) throws {
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            throw GnuplotError.fileSystem(path: url.path, message: "could not be put in place: \(reason)")
        }
    }
}
