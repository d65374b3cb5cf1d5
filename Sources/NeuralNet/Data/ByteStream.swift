import ResourceLimits
import TensorCore

/// Bytes read front to back: a region of a file, or what inflating
/// compressed data yields. Decoders read a header, then the data in
/// chunks, so neither a file nor its decompressed contents is held whole.
protocol ByteStream: AnyObject {
    /// The total number of bytes when known before reading (a file's
    /// region); nil for decompressed data, whose end is found by reading.
    var knownSize: Int? { get }
    /// The next `count` bytes; fewer only where the data ends.
    func read(upTo count: Int) throws -> [UInt8]
}

extension ByteStream {
    /// Whether no byte is left (reads one if there is).
    func isAtEnd() throws -> Bool {
        try read(upTo: 1).isEmpty
    }
}

/// `count` bytes of a `ByteSource` from `offset`, read in order.
final class SourceStream: ByteStream {
    private let source: any ByteSource
    private var position: Int
    private let end: Int

    init(_ source: some ByteSource, from offset: Int = 0, count: Int? = nil) {
        self.source = source
        position = offset
        end = offset + (count ?? (source.size - offset))
    }

    var knownSize: Int? { end - position }

    func read(upTo count: Int) throws -> [UInt8] {
        let taken = min(count, end - position)
        guard taken > 0 else { return [] }
        let bytes = try source.bytes(at: position, count: taken)
        position += taken
        return bytes
    }
}

/// Element conversion from a stream, shared by the binary formats.
extension NPYDType {
    /// `count` elements read from `stream` in chunks of at most
    /// `FileAccess.chunkSize` bytes and converted as they come. `short`
    /// makes the error for data that ends after the given number of bytes.
    func values<Scalar: TensorScalar>(from stream: some ByteStream, count: Int, file: String,
                                                 short: (Int) -> DataError) throws -> [Scalar] {
        var scalars = [Scalar]()
        // A known size has been checked against the header: reserve it all. Decompressed
        // data grows with what arrives, so a lying header costs only what is really there.
        let planned = stream.knownSize == nil ? min(count, FileAccess.chunkSize / size) : count
        try MemoryBudget.shared.requireRoom(planned &* MemoryLayout<Scalar>.stride, for: "reading \(file)")
        scalars.reserveCapacity(planned)
        var remaining = count * size
        while remaining > 0 {
            let chunk = try stream.read(upTo: min(FileAccess.chunkSize, remaining))
            guard chunk.count % size == 0, !chunk.isEmpty else { throw short(count * size - remaining + chunk.count) }
            if scalars.count + chunk.count / size > scalars.capacity {
                // The array is about to double its storage.
                try MemoryBudget.shared.requireRoom(scalars.capacity &* MemoryLayout<Scalar>.stride, for: "reading \(file)")
            }
            for start in stride(from: 0, to: chunk.count, by: size) {
                scalars.append(Scalar(value(in: chunk, at: start)))
            }
            remaining -= chunk.count
        }
        return scalars
    }
}
