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

    /// Creates the folder and an empty file with mode 0600 if missing, and
    /// makes an existing file private again. Returns false if it cannot.
    @discardableResult
    public func prepare() -> Bool {
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch { return false }
        let descriptor = open(path, O_CREAT | O_WRONLY | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return false }
        fchmod(descriptor, 0o600)
        close(descriptor)
        return true
    }
}
