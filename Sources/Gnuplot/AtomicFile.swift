import Foundation

/// Files that appear whole or not at all: written beside their destination
/// under a hidden temporary name, then renamed into place.
enum AtomicFile {
    /// The hidden temporary name used for `url` by this process.
    static func temporaryURL(for url: URL) -> URL {
        url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
    }

    /// Writes `data` to `url` atomically. Written with POSIX calls, so that a failure
    /// names its cause ("No space left on device", "Read-only file system") rather than
    /// Foundation's "The operation could not be completed".
    static func write(_ data: Data, to url: URL) throws {
        let temporary = temporaryURL(for: url)
        do {
            try writeWhole(data, to: temporary.path)
            try moveIntoPlace(temporary, url)
        } catch {
            unlink(temporary.path)
            if let error = error as? GnuplotError, case .fileSystem(_, let message) = error {
                throw GnuplotError.fileSystem(path: url.path, message: message)
            }
            throw error
        }
    }

    /// Creates `data`'s file at `path` (replacing it), writes every byte, and syncs it to disk.
    private static func writeWhole(_ data: Data, to path: String) throws {
        func failure(_ what: String) -> GnuplotError {
            .fileSystem(path: path, message: "could not be written: \(what): \(String(cString: strerror(errno)))")
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure("open") }
        defer { close(descriptor) }
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw failure("write")
                }
                offset += written
            }
        }
        // A full disk can also show up only when the data is flushed.
        guard fsync(descriptor) == 0 || errno == EINVAL || errno == EROFS else { throw failure("fsync") }
    }

    /// Creates `directory` and its parents, with POSIX errors in the message.
    static func createDirectory(_ directory: URL) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue { return }
        var path = ""
        for component in directory.standardizedFileURL.pathComponents {
            path = component == "/" ? "/" : (path.hasSuffix("/") ? path : path + "/") + component
            if mkdir(path, 0o755) != 0 && errno != EEXIST {
                let reason = String(cString: strerror(errno))
                throw GnuplotError.fileSystem(path: directory.path, message: "could not be created: \(reason)")
            }
        }
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw GnuplotError.fileSystem(path: directory.path, message: "could not be created: a file of that name is in the way")
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
