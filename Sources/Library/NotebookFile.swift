import Foundation
import Language
import ResourceLimits

/// Reads a notebook's bytes: only a regular file, at most
/// `maximumSize` bytes, within the memory budget. A FIFO, a device or a
/// folder is refused before anything is read, so that neither a blocking
/// read nor an endless stream can hold `dln run` or the REPL's `:load`.
enum NotebookFile {
    /// The largest notebook dln reads (64 MiB; the course's largest is 20 kB).
    static let maximumSize = 64 << 20

    /// The bytes of the notebook at `path` (NUL-terminated, as the system takes it).
    static func bytes(at path: [CChar], shownAs name: String) throws -> [UInt8] {
        // O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw failure(name, reason(errno: errno)) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw failure(name, reason(errno: errno)) }
        if let problem = problem(withMode: status.st_mode) { throw failure(name, problem) }
        let size = Int(status.st_size)
        guard size <= maximumSize else {
            throw failure(name, "it is larger than \(ByteCount.describe(maximumSize)), the most a notebook may hold")
        }
        try MemoryBudget.shared.requireRoom(size, for: "reading the notebook")
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        return try read(descriptor, size: size, name: name)
    }

    /// `size` bytes (or fewer, when the file shrank while being read).
    private static func read(_ descriptor: Int32, size: Int, name: String) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: size)
        var done = 0
        try bytes.withUnsafeMutableBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            while done < size {
                let count = Glibc.read(descriptor, base + done, size - done)
                if count < 0, errno == EINTR { continue }
                guard count >= 0 else { throw failure(name, "read: \(reason(errno: errno))") }
                if count == 0 { break }
                done += count
            }
        }
        return Array(bytes[..<done])
    }

    private static func failure(_ name: String, _ reason: String) -> DiagnosticError {
        DiagnosticError(.io, "cannot open notebook '\(name)': \(reason)")
    }

    private static func problem(withMode mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "it is a folder"
        case S_IFIFO: return "it is a FIFO (a named pipe), not a notebook file"
        case S_IFCHR: return "it is a character device, not a notebook file"
        case S_IFBLK: return "it is a block device, not a notebook file"
        case S_IFSOCK: return "it is a socket, not a notebook file"
        default: return "it is not a regular file"
        }
    }

    private static func reason(errno error: Int32) -> String {
        switch error {
        case ENOENT: return "no such file"
        case ENOTDIR: return "a folder on its path is a file"
        case EACCES: return "permission denied"
        default: return String(cString: strerror(error))
        }
    }
}
