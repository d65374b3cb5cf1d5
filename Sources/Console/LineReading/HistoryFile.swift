import Foundation

/// Where the REPL keeps its history: `$XDG_DATA_HOME/dln/history`, or
/// `~/.local/share/dln/history`, readable by its owner only, shared by all
/// sessions and cut to `limit` entries.
public struct HistoryFile: Sendable {
    public let path: String
    public let limit: Int

    public init(path: String? = nil, limit: Int = 2000) {
        self.path = path ?? Self.defaultPath()
        self.limit = limit
    }

    static func defaultPath() -> String {
        let environment = ProcessInfo.processInfo.environment
        if let override = environment["DLN_HISTORY"], !override.isEmpty { return override }
        let base = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.local/share")
        return base + "/dln/history"
    }

    /// Whether the history can be used, and why not.
    public enum Readiness: Equatable, Sendable {
        case ready
        /// A reason to go on without history (`it is a FIFO`, `Permission denied`).
        case refused(String)
    }

    /// Creates the folder (0700) and an empty file (0600) if missing, and makes an
    /// existing file private again. Only a regular file is used: a FIFO would block the
    /// REPL before its first prompt, a device is no history, and a symbolic link could
    /// point readline's writes anywhere. POSIX calls only, no Foundation path helpers
    /// (they trap on some strings).
    public func prepare() -> Readiness {
        guard !path.isEmpty, !path.utf8.contains(0) else { return .refused("not a usable path") }
        if let problem = Self.notARegularFile(path) { return .refused(problem) }
        Self.makeFolders(Self.folder(of: path))
        // O_NONBLOCK: a FIFO put in place since the check must not block (it fails with ENXIO).
        let descriptor = open(path, O_CREAT | O_WRONLY | O_APPEND | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o600)
        guard descriptor >= 0 else { return .refused(String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            return .refused("it is not a regular file")
        }
        fchmod(descriptor, 0o600)
        return .ready
    }

    /// Why an existing path is not a regular file, or nil (also when it does not exist yet).
    static func notARegularFile(_ path: String) -> String? {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFLNK: return "it is a symbolic link"
        case S_IFIFO: return "it is a FIFO"
        case S_IFCHR, S_IFBLK: return "it is a device"
        case S_IFDIR: return "it is a folder"
        case S_IFSOCK: return "it is a socket"
        default: return "it is not a regular file"
        }
    }

    /// The path up to its last `/` (cut on bytes; `/` never occurs inside another character).
    static func folder(of path: String) -> String {
        let bytes = Array(path.utf8)
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(decoding: bytes[..<slash], as: UTF8.self)
    }

    /// `mkdir -p` with mode 0700 for the folders it creates; failures show when the file is opened.
    static func makeFolders(_ folder: String) {
        guard !folder.isEmpty else { return }
        var status = stat()
        if stat(folder, &status) == 0 { return }
        makeFolders(Self.folder(of: folder))
        mkdir(folder, 0o700)
    }
}
