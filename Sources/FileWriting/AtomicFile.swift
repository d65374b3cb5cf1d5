import Foundation

/// Files that appear whole or not at all: written beside their destination
/// under a hidden, unpredictable temporary name, synced to disk, then renamed
/// into place.
///
/// Written with POSIX calls, so that a failure names its cause ("No space
/// left on device", "Read-only file system") rather than Foundation's "The
/// operation could not be completed". Failures throw `FileWriteError`.
///
/// Only regular files are ever replaced: a destination that is a device, a
/// named pipe, a socket, a folder or a symbolic link is refused, because
/// renaming over it would replace the thing itself (`/dev/null` as root) or
/// silently cut a link.
public enum AtomicFile {
    /// What every temporary name contains: `.<name>.dln-tmp-<pid>-<random>`.
    static let temporaryMarker = ".dln-tmp-"

    /// Writes `data` to `url` atomically; on failure the file at `url` is
    /// left as it was and no temporary file remains.
    ///
    /// `durable: false` skips the `fsync` before the rename: after a power cut the file may
    /// then be empty or short (never a mix of old and new bytes), which suits files whose
    /// reader checks them and can do without them (the cell cache's entries).
    public static func write(_ data: Data, to url: URL, durable: Bool = true) throws {
        try requireReplaceable(url)
        removeAbandonedTemporaries(beside: url)
        var temporary: URL?
        do {
            let created = try openTemporary(beside: url)
            temporary = created.url
            defer { close(created.descriptor) }
            try writeWhole(data, to: created.descriptor, path: created.url.path, durable: durable)
            try moveIntoPlace(created.url, url)
        } catch let error as FileWriteError {
            if let temporary { unlink(temporary.path) }
            throw FileWriteError(path: url.path, step: error.step, reason: error.reason)
        }
    }

    /// Creates an empty temporary file beside `url` for a writer that opens
    /// files by name (gnuplot), to be put in place with `moveIntoPlace`.
    /// Its name cannot be guessed, so nothing can be planted there first.
    public static func createTemporary(beside url: URL) throws -> URL {
        do {
            try requireReplaceable(url)
            removeAbandonedTemporaries(beside: url)
            let created = try openTemporary(beside: url)
            close(created.descriptor)
            return created.url
        } catch let error as FileWriteError {
            throw FileWriteError(path: url.path, step: error.step, reason: error.reason)
        }
    }

    /// Creates a new file beside `url` under a random name with
    /// `O_CREAT|O_EXCL|O_NOFOLLOW`: never an existing file, never through a link.
    private static func openTemporary(beside url: URL) throws -> (descriptor: Int32, url: URL) {
        let folder = url.deletingLastPathComponent()
        let prefix = ".\(url.lastPathComponent)\(temporaryMarker)\(getpid())-"
        for _ in 0..<100 {
            let candidate = folder.appendingPathComponent(prefix + String(UInt64.random(in: .min ... .max), radix: 16))
            let descriptor = open(candidate.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            if descriptor >= 0 { return (descriptor, candidate) }
            if errno != EEXIST { throw systemFailure("open", path: candidate.path) }
        }
        throw FileWriteError(path: url.path, step: .write, reason: "open: no unused temporary name")
    }

    /// Writes every byte of `data` to `descriptor` and syncs it to disk.
    private static func writeWhole(_ data: Data, to descriptor: Int32, path: String, durable: Bool = true) throws {
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw systemFailure("write", path: path)
                }
                offset += written
            }
        }
        // A full disk can also show up only when the data is flushed.
        guard !durable || fsync(descriptor) == 0 || errno == EINVAL || errno == EROFS else { throw systemFailure("fsync", path: path) }
    }

    private static func systemFailure(_ call: String, path: String) -> FileWriteError {
        FileWriteError(path: path, step: .write, reason: "\(call): \(String(cString: strerror(errno)))")
    }

    /// Throws unless `url` is missing or a regular file (not followed if it is a link).
    public static func requireReplaceable(_ url: URL) throws {
        if let kind = FileKind.unreplaceable(at: url.path) {
            throw FileWriteError(path: url.path, step: .refused, reason: "it is \(kind), not a regular file")
        }
    }

    /// Removes temporaries of `url` left by dln processes that no longer
    /// exist (killed while writing); those of running processes are kept.
    static func removeAbandonedTemporaries(beside url: URL) {
        let folder = url.deletingLastPathComponent()
        let prefix = ".\(url.lastPathComponent)\(temporaryMarker)"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names where name.hasPrefix(prefix) {
            let owner = name.dropFirst(prefix.count).prefix { $0 != "-" }
            guard let pid = Int32(owner), ProcessLiveness.isGone(pid) else { continue }
            unlink(folder.appendingPathComponent(name).path)
        }
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

    /// Renames `temporary` to `url`, replacing an existing regular file in one
    /// step; anything else at `url` is refused and left alone.
    public static func moveIntoPlace(_ temporary: URL, _ url: URL) throws {
        try requireReplaceable(url)
        guard rename(temporary.path, url.path) == 0 else {
            throw FileWriteError(path: url.path, step: .putInPlace, reason: String(cString: strerror(errno)))
        }
    }
}

/// What kind of thing is at a path, for refusals.
enum FileKind {
    /// A description of what is at `path` ("a character device") when it is
    /// neither missing nor a regular file; nil when it may be replaced.
    static func unreplaceable(at path: String) -> String? {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFLNK: return "a symbolic link"
        case S_IFDIR: return "a folder"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFIFO: return "a named pipe (FIFO)"
        case S_IFSOCK: return "a socket"
        default: return "an unknown kind of file"
        }
    }
}

/// Whether a process that left a file behind still exists.
public enum ProcessLiveness {
    /// True when no process `pid` exists (a reused pid counts as alive, so
    /// at worst an abandoned file is kept).
    public static func isGone(_ pid: Int32) -> Bool {
        pid > 0 && kill(pid, 0) != 0 && errno == ESRCH
    }
}
