import CZlib
import ResourceLimits

/// gzip files (RFC 1952), decompressed by zlib as they are read (`InflateStream`).
public enum Gzip {
    /// The most bytes decompressing one file may produce (1 GiB; MNIST's
    /// largest file holds 47 MB).
    public static let defaultLimit = 1 << 30

    /// Whether the bytes start with the gzip magic number 1f 8b.
    public static func isCompressed(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// The whole decompressed contents of gzip data (one or more members);
    /// `file` names it in errors.
    public static func decompress(_ bytes: [UInt8], file: String, limit: Int = defaultLimit) throws -> [UInt8] {
        let stream = try InflateStream(MemoryBytes(storage: bytes), format: .gzip, file: file, limit: limit)
        var output: [UInt8] = []
        while true {
            let chunk = try stream.read(upTo: FileAccess.chunkSize)
            if chunk.isEmpty { return output }
            try MemoryBudget.shared.requireRoom(output.count + chunk.count, for: "decompressing \(file)")
            output += chunk
        }
    }
}

/// The CRC-32 of gzip and zip, computed by zlib.
enum CRC32 {
    static func checksum(_ bytes: [UInt8], continuing previous: UInt32 = 0) -> UInt32 {
        guard !bytes.isEmpty else { return previous }   // zlib restarts on an empty buffer
        return bytes.withUnsafeBufferPointer { buffer in
            UInt32(crc32(UInt(previous), buffer.baseAddress, UInt32(buffer.count)))
        }
    }
}
