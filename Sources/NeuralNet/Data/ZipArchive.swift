import ResourceLimits

/// A zip archive as NumPy's `.npz` holds arrays: members listed by the
/// central directory at the end of the file, each stored or deflated, with
/// zip64 sizes where a writer used them. Every offset and size the file
/// claims is checked against the file before it is used.
struct ZipArchive {
    struct Member {
        let name: String
        let method: UInt16
        let checksum: UInt32
        let compressedSize: Int
        let size: Int
        let headerOffset: Int
    }

    let source: any ByteSource
    let file: String
    private(set) var members: [Member] = []

    static let stored: UInt16 = 0, deflated: UInt16 = 8

    init(_ source: some ByteSource, file: String) throws {
        self.source = source
        self.file = file
        let (count, directoryStart, directorySize) = try endOfDirectory()
        try MemoryBudget.shared.requireRoom(directorySize, for: "reading \(file)")
        let directory = Reader(bytes: try source.bytes(at: directoryStart, count: directorySize), base: directoryStart, file: file)
        var position = 0
        for _ in 0..<count {
            let (member, next) = try Self.member(in: directory, at: position)
            guard member.headerOffset < directoryStart else {
                throw directory.failure(position + 42, "member '\(member.name)' starts at byte \(member.headerOffset), past the directory")
            }
            members.append(member)
            position = next
        }
    }

    private func failure(_ offset: Int, _ reason: String) -> DataError {
        .malformedBinary(file: file, offset: offset, reason: reason)
    }

    /// The number of members and the central directory's place, from the end
    /// record (the last 22 bytes, unless a comment of up to 65,535 bytes follows it).
    private func endOfDirectory() throws -> (count: Int, start: Int, size: Int) {
        guard source.size > 0 else { throw DataError.emptyFile(file: file) }
        let tailStart = max(0, source.size - 22 - 65_535)
        let tail = Reader(bytes: try source.bytes(at: tailStart, count: source.size - tailStart), base: tailStart, file: file)
        guard let end = stride(from: tail.bytes.count - 22, through: 0, by: -1).first(where: { tail.bytes[$0..<$0 + 4].elementsEqual([0x50, 0x4B, 0x05, 0x06]) }) else {
            throw failure(0, "not a zip archive (no end of central directory record)")
        }
        var (count, size, start) = (try tail.integer(end + 10, 2), try tail.integer(end + 12, 4), try tail.integer(end + 16, 4))
        if count == 0xFFFF || size == 0xFFFF_FFFF || start == 0xFFFF_FFFF {
            (count, size, start) = try zip64EndOfDirectory(before: tailStart + end)
        }
        guard start <= source.size, size <= source.size - start, count <= size / 46 else {
            throw failure(tailStart + end, "the central directory (\(count) members, \(size) bytes from byte \(start)) does not fit in the file")
        }
        return (count, start, size)
    }

    /// The zip64 end record, found through the locator just before the end record.
    private func zip64EndOfDirectory(before end: Int) throws -> (count: Int, size: Int, start: Int) {
        guard end >= 20 else { throw failure(end, "the zip64 locator is missing") }
        let locator = Reader(bytes: try source.bytes(at: end - 20, count: 20), base: end - 20, file: file)
        try locator.expectSignature(0, [0x50, 0x4B, 0x06, 0x07], "the zip64 locator")
        let recordStart = try locator.integer(8, 8)
        guard recordStart >= 0, recordStart <= end - 56 else { throw failure(end - 12, "the zip64 end record is outside the file") }
        let record = Reader(bytes: try source.bytes(at: recordStart, count: 56), base: recordStart, file: file)
        try record.expectSignature(0, [0x50, 0x4B, 0x06, 0x06], "the zip64 end record")
        return (try record.integer(32, 8), try record.integer(40, 8), try record.integer(48, 8))
    }

    /// The member described at `position` of the central directory, and where the next one starts.
    private static func member(in directory: Reader, at position: Int) throws -> (Member, Int) {
        try directory.expectSignature(position, [0x50, 0x4B, 0x01, 0x02], "a central directory entry")
        let flags = try directory.integer(position + 8, 2)
        let nameLength = try directory.integer(position + 28, 2)
        let extraLength = try directory.integer(position + 30, 2)
        let commentLength = try directory.integer(position + 32, 2)
        let nameBytes = try directory.slice(position + 46, nameLength)
        let name = String(decoding: nameBytes, as: UTF8.self)
        guard flags & 1 == 0 else { throw directory.failure(position + 8, "member '\(name)' is encrypted") }
        var sizes = [try directory.integer(position + 24, 4), try directory.integer(position + 20, 4), try directory.integer(position + 42, 4)]
        let extra = Array(try directory.slice(position + 46 + nameLength, extraLength))
        try applyZip64(extra, to: &sizes, at: directory.base + position + 46 + nameLength, file: directory.file)
        let member = Member(name: name, method: UInt16(try directory.integer(position + 10, 2)),
                            checksum: UInt32(try directory.integer(position + 16, 4)),
                            compressedSize: sizes[1], size: sizes[0], headerOffset: sizes[2])
        return (member, position + 46 + nameLength + extraLength + commentLength)
    }

    /// Replaces the sizes and offset marked 0xFFFFFFFF by those of the zip64 extra field (id 1), in its order.
    private static func applyZip64(_ extra: [UInt8], to values: inout [Int], at offset: Int, file: String) throws {
        let fields = Reader(bytes: extra, base: offset, file: file)
        var position = 0
        while position + 4 <= extra.count {
            let (id, length) = (try fields.integer(position, 2), try fields.integer(position + 2, 2))
            if id == 1 {
                var field = position + 4
                for index in values.indices where values[index] == 0xFFFF_FFFF {
                    guard field + 8 <= position + 4 + length else { throw fields.failure(position, "the zip64 field is too short") }
                    values[index] = try fields.integer(field, 8)
                    field += 8
                }
                return
            }
            position += 4 + length
        }
    }

    /// The bytes of `member` as stored: checked against its local header, read in order.
    func stream(of member: Member) throws -> any ByteStream {
        let name = "\(file) (member \(member.name))"
        let header = Reader(bytes: try source.bytes(at: member.headerOffset, count: min(30, source.size - member.headerOffset)),
                            base: member.headerOffset, file: file)
        try header.expectSignature(0, [0x50, 0x4B, 0x03, 0x04], "the local header of '\(member.name)'")
        let dataStart = member.headerOffset + 30 + (try header.integer(26, 2)) + (try header.integer(28, 2))
        guard dataStart <= source.size, member.compressedSize <= source.size - dataStart else {
            throw failure(member.headerOffset, "member '\(member.name)' claims \(member.compressedSize) bytes, more than the file holds")
        }
        switch member.method {
        case Self.stored:
            guard member.size == member.compressedSize else {
                throw failure(member.headerOffset, "stored member '\(member.name)' has different sizes \(member.size) and \(member.compressedSize)")
            }
            return SourceStream(source, from: dataStart, count: member.size)
        case Self.deflated:
            return try InflateStream(source, from: dataStart, count: member.compressedSize, format: .raw, file: name)
        default:
            throw DataError.unsupported(file: file, reason: "member '\(member.name)' uses compression method \(member.method); dln reads stored (0) and deflated (8) members")
        }
    }

    /// Bounds-checked little-endian reads from bytes that start at `base` in the file.
    struct Reader {
        let bytes: [UInt8]
        let base: Int
        let file: String

        func failure(_ offset: Int, _ reason: String) -> DataError {
            .malformedBinary(file: file, offset: base + offset, reason: reason)
        }

        func slice(_ offset: Int, _ count: Int) throws -> ArraySlice<UInt8> {
            guard offset >= 0, count >= 0, offset <= bytes.count, count <= bytes.count - offset else {
                throw failure(min(offset, bytes.count), "the zip data ends early")
            }
            return bytes[offset..<offset + count]
        }

        /// An unsigned little-endian integer of `width` bytes (at most 8; 8-byte values above Int.max are refused).
        func integer(_ offset: Int, _ width: Int) throws -> Int {
            let value = try slice(offset, width).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            guard value <= UInt64(Int.max) else { throw failure(offset, "a size or offset of \(value) bytes") }
            return Int(value)
        }

        func expectSignature(_ offset: Int, _ signature: [UInt8], _ what: String) throws {
            guard try slice(offset, 4).elementsEqual(signature) else { throw failure(offset, "\(what) is missing") }
        }
    }
}

/// A stream that computes the CRC-32 and the count of the bytes read through it.
final class ChecksummedStream: ByteStream {
    private let base: any ByteStream
    private(set) var checksum: UInt32 = 0
    private(set) var count = 0

    init(_ base: any ByteStream) { self.base = base }

    var knownSize: Int? { base.knownSize }

    func read(upTo count: Int) throws -> [UInt8] {
        let bytes = try base.read(upTo: count)
        checksum = CRC32.checksum(bytes, continuing: checksum)
        self.count += bytes.count
        return bytes
    }
}
