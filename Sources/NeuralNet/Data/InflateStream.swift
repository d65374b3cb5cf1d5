import CZlib

/// Decompresses a region of a `ByteSource` with zlib as it is read: the
/// compressed bytes are fed 1 MiB at a time and output is made only as it
/// is asked for, so a file is never decompressed whole. The output is
/// limited (against decompression bombs); malformed data throws
/// `DataError.malformedBinary` at the byte offset where zlib stopped.
final class InflateStream: ByteStream {
    enum Format {
        /// gzip members (RFC 1952), one after another; zlib checks each CRC-32 and size.
        case gzip
        /// Bare DEFLATE data (RFC 1951), as in a zip member.
        case raw
    }

    private let source: any ByteSource
    private let format: Format
    private let file: String
    private let limit: Int
    private let end: Int
    /// Where the next chunk of compressed bytes is read from.
    private var fetched: Int
    private let stream: UnsafeMutablePointer<z_stream>
    private let input: UnsafeMutablePointer<UInt8>
    private var finished = false
    /// The bytes produced so far.
    private(set) var produced = 0

    /// Inflates `count` bytes of `source` from `offset` (all of it by default); `file` names it in errors.
    init(_ source: some ByteSource, from offset: Int = 0, count: Int? = nil, format: Format,
         file: String, limit: Int = Gzip.defaultLimit) throws {
        self.source = source
        self.format = format
        self.file = file
        self.limit = limit
        fetched = offset
        end = offset + (count ?? (source.size - offset))
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        input = .allocate(capacity: FileAccess.chunkSize)
        // 16 + 15: a gzip wrapper and a 32 KiB window; -15: no wrapper.
        let status = dln_inflate_init2(stream, format == .gzip ? 16 + MAX_WBITS : -MAX_WBITS)
        // deinit frees both buffers (and inflateEnd ignores a stream that never started).
        guard status == Z_OK else {
            throw DataError.unreadable(file: file, reason: "zlib could not start inflating (status \(status))")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
        input.deallocate()
    }

    var knownSize: Int? { nil }

    /// The offset in the source of the next compressed byte zlib has not consumed.
    private var position: Int { fetched - Int(stream.pointee.avail_in) }

    private func failure(_ reason: String, at offset: Int? = nil) -> DataError {
        .malformedBinary(file: file, offset: offset ?? position, reason: reason)
    }

    func read(upTo count: Int) throws -> [UInt8] {
        guard count > 0, !finished else { return [] }
        var output = [UInt8](repeating: 0, count: count)
        var filled = 0
        try output.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            while filled < count, !finished {
                filled += try inflate(into: base + filled, capacity: count - filled)
            }
        }
        output.removeLast(count - filled)
        return output
    }

    /// One call of zlib's `inflate`; returns how many bytes it wrote.
    private func inflate(into target: UnsafeMutablePointer<UInt8>, capacity: Int) throws -> Int {
        if stream.pointee.avail_in == 0 { try refill() }
        // Room for one byte past the limit, so that going over it shows.
        let room = UInt32(min(capacity, limit - produced + 1, Int(UInt32.max)))
        stream.pointee.next_out = target
        stream.pointee.avail_out = room
        let status = CZlib.inflate(stream, Z_NO_FLUSH)
        let written = Int(room - stream.pointee.avail_out)
        produced += written
        guard produced <= limit else { throw failure("the output would exceed \(limit) bytes") }
        switch status {
        case Z_OK: break
        case Z_STREAM_END: try endMember()
        case Z_BUF_ERROR where stream.pointee.avail_in == 0 && fetched == end:
            throw failure(format == .gzip ? "the gzip data ends early" : "the compressed data ends early")
        case Z_BUF_ERROR: break
        case Z_MEM_ERROR: throw DataError.unreadable(file: file, reason: "zlib ran out of memory")
        default:
            let message = stream.pointee.msg.map { String(cString: $0) } ?? "status \(status)"
            throw failure("bad compressed data: \(message)")
        }
        return written
    }

    /// Hands zlib the next chunk of compressed bytes, if any are left.
    private func refill() throws {
        let count = min(FileAccess.chunkSize, end - fetched)
        guard count > 0 else { return }
        let bytes = try source.bytes(at: fetched, count: count)
        bytes.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress { input.update(from: base, count: buffer.count) }
        }
        fetched += count
        stream.pointee.next_in = input
        stream.pointee.avail_in = UInt32(bytes.count)
    }

    /// After a member: gzip may go on with another member (as `cat a.gz b.gz`
    /// makes) or end, padded with zeros at most; raw data ends its region.
    private func endMember() throws {
        let next = position
        let rest = end - next
        switch format {
        case .raw:
            guard rest == 0 else { throw failure("\(rest) bytes follow the end of the compressed data") }
            finished = true
        case .gzip:
            if rest >= 2, try source.bytes(at: next, count: 2) == [0x1F, 0x8B] {
                inflateReset(stream)
                return
            }
            try requireZeros(from: next)
            finished = true
        }
    }

    private func requireZeros(from offset: Int) throws {
        var checked = offset
        while checked < end {
            let piece = try source.bytes(at: checked, count: min(FileAccess.chunkSize, end - checked))
            if let bad = piece.firstIndex(where: { $0 != 0 }) {
                throw failure("unexpected bytes after the gzip data", at: checked + bad)
            }
            checked += piece.count
        }
    }
}
