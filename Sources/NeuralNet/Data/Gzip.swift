/// The gzip container (RFC 1952) around DEFLATE data: header, compressed
/// members one after another, and each member's CRC-32 and size checked.
public enum Gzip {
    /// The most bytes `decompress` produces before giving up (1 GiB; MNIST's
    /// largest file holds 47 MB).
    public static let defaultLimit = 1 << 30

    /// Whether the bytes start with the gzip magic number 1f 8b.
    public static func isCompressed(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// The decompressed contents of gzip data; `file` names it in errors.
    public static func decompress(_ bytes: [UInt8], file: String, limit: Int = defaultLimit) throws -> [UInt8] {
        var output: [UInt8] = []
        var offset = 0
        repeat {
            let start = try skipHeader(bytes, at: offset, file: file)
            let (member, end) = try Inflate.decode(bytes, from: start, limit: limit - output.count, file: file)
            guard end + 8 <= bytes.count else {
                throw DataError.malformedBinary(file: file, offset: bytes.count, reason: "the gzip data ends before its CRC-32 and size")
            }
            let crc = littleEndian32(bytes, end), size = littleEndian32(bytes, end + 4)
            guard crc == CRC32.checksum(member) else {
                throw DataError.malformedBinary(file: file, offset: end, reason: "the CRC-32 does not match the decompressed data")
            }
            guard size == UInt32(truncatingIfNeeded: member.count) else {
                throw DataError.malformedBinary(file: file, offset: end + 4, reason: "the stored size does not match the decompressed data")
            }
            output += member
            offset = end + 8
        } while offset < bytes.count && isCompressed(Array(bytes[offset...].prefix(2)))
        guard bytes[offset...].allSatisfy({ $0 == 0 }) else {
            throw DataError.malformedBinary(file: file, offset: offset, reason: "unexpected bytes after the gzip data")
        }
        return output
    }

    private static func littleEndian32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        (0..<4).reduce(0) { $0 | UInt32(bytes[offset + $1]) << UInt32(8 * $1) }
    }

    /// The offset of the DEFLATE data after a member header at `offset`.
    private static func skipHeader(_ bytes: [UInt8], at offset: Int, file: String) throws -> Int {
        func fail(_ at: Int, _ reason: String) -> DataError { .malformedBinary(file: file, offset: at, reason: reason) }
        guard bytes.count - offset >= 10 else { throw fail(bytes.count, "the gzip header ends early") }
        guard isCompressed(Array(bytes[offset..<offset + 2])) else { throw fail(offset, "not gzip data (no 1f 8b magic)") }
        guard bytes[offset + 2] == 8 else { throw fail(offset + 2, "unknown compression method \(bytes[offset + 2]) (only 8, DEFLATE, exists)") }
        let flags = bytes[offset + 3]
        guard flags & 0xE0 == 0 else { throw fail(offset + 3, "reserved gzip flags are set") }
        var position = offset + 10
        if flags & 0x04 != 0 {
            guard position + 2 <= bytes.count else { throw fail(bytes.count, "the gzip extra field ends early") }
            position += 2 + (Int(bytes[position]) | Int(bytes[position + 1]) << 8)
        }
        for flag: UInt8 in [0x08, 0x10] where flags & flag != 0 {   // file name, comment: zero-terminated
            while position < bytes.count, bytes[position] != 0 { position += 1 }
            position += 1
        }
        if flags & 0x02 != 0 { position += 2 }
        guard position <= bytes.count else { throw fail(bytes.count, "the gzip header ends early") }
        return position
    }
}

/// The CRC-32 of gzip and zlib (polynomial 0xEDB88320, reflected).
enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { (n: UInt32) -> UInt32 in
        var c = n
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
