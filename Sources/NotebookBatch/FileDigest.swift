import Crypto
import Foundation

/// SHA-256 digests (swift-crypto) of notebooks and their files, as hex text.
///
/// ```swift
/// FileDigest.hex(of: Data("abc".utf8))  // "ba7816bf…f20015ad"
/// ```
public enum FileDigest {
    /// The hex digest of `data`.
    public static func hex(of data: Data) -> String {
        hex(Crypto.SHA256.hash(data: data))
    }

    /// Files larger than this (4 GiB, the most dln's loaders read) stand for
    /// themselves by size and modification time: hashing a 20 GB file would
    /// take minutes, and no notebook can read it anyway.
    public static let maximumHashedSize = 1 << 32

    /// The hex digest of the file at `url`, or nil when it cannot be read.
    /// Only regular files are read (a FIFO or a device could block or never
    /// end), streamed in 1 MiB chunks so that a file's size costs time, not memory.
    public static func hex(ofFileAt url: URL) -> String? {
        // O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever.
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        if Int(status.st_size) > maximumHashedSize {
            return "unhashed:size=\(status.st_size):modified=\(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec)"
        }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        var hash = Crypto.SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { return hex(hash.finalize()) }
            buffer.withUnsafeBytes { hash.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
        }
    }

    private static func hex(_ digest: some Digest) -> String {
        digest.map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }
}
