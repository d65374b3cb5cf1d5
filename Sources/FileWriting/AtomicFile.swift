import Foundation

/// Files that appear whole or not at all: written beside their destination
/// under a hidden temporary name, synced to disk, then renamed into place.
///
/// Written with POSIX calls, so that a failure names its cause ("No space
/// left on device", "Read-only file system") rather than Foundation's "The
/// operation could not be completed". Failures throw `FileWriteError`.
public enum AtomicFile {
    /// The hidden temporary name used for `url` by this process.
    public static func temporaryURL(for url: URL) -> URL {
        url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
    }

    /// Writes `data` to `url` atomically; on failure the file at `url` is
    /// left as it was and no temporary file remains.
    public static func write(_ data: Data, to url: URL) throws {
        let temporary = temporaryURL(for: url)
        do {
            try writeWhole(data, to: temporary.path)
            try moveIntoPlace(temporary, url)
        } catch let error as FileWriteError {
            unlink(temporary.path)
            throw FileWriteError(path: url.path, step: error.step, reason: error.reason)
        }
    }

    /// Creates `data`'s file at `path` (replacing it), writes every byte, and syncs it to disk.
    private static func writeWhole(_ data: Data, to path: String) throws {
        func failure(_ call: String) -> FileWriteError {
            FileWriteError(path: path, step: .write, reason: "\(call): \(String(cString: strerror(errno)))")
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure("open") }
        defer { close(descriptor) }
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, base + offset, buffer.count - offset)
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

    /// Creates `directory` and its parents.
    public static func createDirectory(_ directory: URL) throws {
        func failure(_ reason: String) -> FileWriteError {
            FileWriteError(path: directory.path, step: .createFolder, reason: reason)
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue { return }
        var path = ""
        for component in directory.standardizedFileURL.pathComponents {
            path = component == "/" ? "/" : (path.hasSuffix("/") ? path : path + "/") + component
            if mkdir(path, 0o755) != 0 && errno != EEXIST { throw failure(String(cString: strerror(errno))) }
        }
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw failure("a file of that name is in the way")
        }
    }

    /// Renames `temporary` to `url`, replacing any existing file in one step.
    public static func moveIntoPlace(_ temporary: URL, _ url: URL) throws {
        guard rename(temporary.path, url.path) == 0 else {
            throw FileWriteError(path: url.path, step: .putInPlace, reason: String(cString: strerror(errno)))
        }
    }
}
