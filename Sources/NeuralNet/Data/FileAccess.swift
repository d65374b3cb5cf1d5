import FileWriting
import ResourceLimits
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Bytes a loader decodes: an open data file, or bytes already in memory
/// (tests). Loaders read a header first and then only the bytes it
/// promises, so a file that lies about its size costs nothing before the
/// lie is found. (`ByteStream` reads them in order, or inflates them.)
protocol ByteSource {
    /// The number of bytes available.
    var size: Int { get }
    /// Exactly `count` bytes from `offset`; the caller has checked the range against `size`.
    func bytes(at offset: Int, count: Int) throws -> [UInt8]
}

extension ByteSource {
    /// Hands `count` bytes from `offset` to `body` in pieces of at most
    /// `FileAccess.chunkSize` bytes (a multiple of every element size), so
    /// that converting a file's data never holds its raw bytes whole.
    func forEachChunk(from offset: Int, count: Int, _ body: ([UInt8]) throws -> Void) throws {
        var done = 0
        while done < count {
            let piece = min(FileAccess.chunkSize, count - done)
            try body(bytes(at: offset + done, count: piece))
            done += piece
        }
    }
}

/// Bytes already in memory, as a `ByteSource`.
struct MemoryBytes: ByteSource {
    let storage: [UInt8]
    var size: Int { storage.count }

    func bytes(at offset: Int, count: Int) throws -> [UInt8] {
        Array(storage[offset..<(offset + count)])
    }
}

/// A data file opened for reading. Only regular files are accepted: a FIFO,
/// a device or a folder is refused by `fstat` before anything is read, so
/// that neither a blocking read nor an endless stream can hold a run.
final class DataFile: ByteSource {
    let path: String
    let size: Int
    private let descriptor: Int32

    /// Opens `path`, refusing anything that is not a regular file of at most `limit` bytes.
    init(opening path: String, limit: Int = FileAccess.maximumFileSize) throws {
        // O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw DataError.unreadable(file: path, reason: FileAccess.reason(errno: errno)) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let error = errno
            close(descriptor)
            throw DataError.unreadable(file: path, reason: FileAccess.reason(errno: error))
        }
        if let problem = FileAccess.problem(withMode: status.st_mode) {
            close(descriptor)
            throw DataError.unreadable(file: path, reason: problem)
        }
        guard Int(status.st_size) <= limit else {
            close(descriptor)
            throw DataError.unreadable(file: path, reason: "it is larger than \(limit) bytes")
        }
        // A regular file: reads may block normally again.
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        self.path = path
        self.size = Int(status.st_size)
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    func bytes(at offset: Int, count: Int) throws -> [UInt8] {
        var result = [UInt8](repeating: 0, count: count)
        var done = 0
        try result.withUnsafeMutableBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            while done < count {
                let read = pread(descriptor, base + done, count - done, off_t(offset + done))
                if read < 0 && errno == EINTR { continue }
                guard read >= 0 else {
                    throw DataError.unreadable(file: path, reason: "read: \(FileAccess.reason(errno: errno))")
                }
                guard read > 0 else {
                    throw DataError.malformedBinary(file: path, offset: offset + done,
                                                    reason: "the file ends early (was it changed while being read?)")
                }
                done += read
            }
        }
        return result
    }
}

/// Limits and messages shared by the loaders, and atomic writing.
enum FileAccess {
    /// The largest data file a loader opens (4 GiB). Each format also checks
    /// what its header promises: at most `Shape.maximumElementCount` elements a tensor.
    static let maximumFileSize = 1 << 32

    /// How many bytes a loader reads at a time (1 MiB).
    static let chunkSize = 1 << 20

    /// Why a file of this `st_mode` cannot be read as data; nil for a regular file.
    static func problem(withMode mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "it is a folder, not a data file"
        case S_IFIFO: return "it is a FIFO, not a data file"
        case S_IFCHR: return "it is a character device, not a data file"
        case S_IFBLK: return "it is a block device, not a data file"
        case S_IFSOCK: return "it is a socket, not a data file"
        default: return "it is not a regular file"
        }
    }

    /// The system's reason for `errno`, in the user's terms where they differ.
    static func reason(errno error: Int32) -> String {
        switch error {
        case ENOENT: return "no such file"
        case ENOTDIR: return "a folder on its path is a file"
        default: return String(cString: strerror(error))
        }
    }

    /// Writes bytes to a temporary file next to `path`, then renames it over
    /// `path`, so that readers never see a partly written file.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        try MemoryBudget.shared.requireRoom(bytes.count, for: "writing \(path)")   // Data copies the bytes
        do {
            try AtomicFile.write(Data(bytes), to: URL(fileURLWithPath: path))
        } catch let error as FileWriteError {
            throw DataError.unwritable(file: path, reason: error.reason)
        }
    }
}
