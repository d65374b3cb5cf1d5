import TensorCore

/// The IDX format of the MNIST distribution (`train-images-idx3-ubyte` …),
/// gzipped or not: two zero bytes, a type code (0x08 unsigned byte, 0x09
/// signed byte, 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64), the
/// number of dimensions, the big-endian 32-bit size of each, then the data
/// in big-endian row-major order.
///
///     let images = try IDXFile.read("train-images-idx3-ubyte.gz")   // [60000, 28, 28]
public enum IDXFile {
    /// Reads an IDX file (gzip detected from its magic number) as a tensor:
    /// the header first, then only the data its sizes promise, in chunks; gzip
    /// data is inflated as it is read, and at most `limit` bytes of it.
    public static func read<Scalar: TensorScalar>(_ path: String, as type: Scalar.Type = Double.self,
                                                  limit: Int = Gzip.defaultLimit) throws -> Tensor<Scalar> {
        let file = try DataFile(opening: path)
        let magic = try file.bytes(at: 0, count: min(file.size, 2))
        guard Gzip.isCompressed(magic) else { return try decode(SourceStream(file), file: path, as: type) }
        return try decode(InflateStream(file, format: .gzip, file: path, limit: limit), file: path, as: type)
    }

    /// Decodes the bytes of an (uncompressed) IDX file; `file` names it in errors.
    public static func decode<Scalar: TensorScalar>(_ bytes: [UInt8], file: String, as type: Scalar.Type = Double.self) throws -> Tensor<Scalar> {
        try decode(SourceStream(MemoryBytes(storage: bytes)), file: file, as: type)
    }

    static func decode<Scalar: TensorScalar>(_ stream: some ByteStream, file: String, as type: Scalar.Type) throws -> Tensor<Scalar> {
        func fail(_ offset: Int, _ reason: String) -> DataError { .malformedBinary(file: file, offset: offset, reason: reason) }
        let prefix = try stream.read(upTo: 4)
        guard !prefix.isEmpty else { throw DataError.emptyFile(file: file) }
        guard prefix.count == 4, prefix[0] == 0, prefix[1] == 0 else { throw fail(0, "not an IDX file (it does not start with two zero bytes)") }
        let dtype = try elementType(code: prefix[2], fail: fail)
        let rank = Int(prefix[3])
        let dataStart = 4 + 4 * rank
        let sizes = try stream.read(upTo: 4 * rank)
        guard sizes.count == 4 * rank else { throw fail(4 + sizes.count, "the file ends inside the \(rank) dimension sizes") }
        let shape = (0..<rank).map { axis in
            (0..<4).reduce(0) { $0 << 8 | Int(sizes[4 * axis + $1]) }
        }
        let count: Int
        do { count = try Shape.elementCount(shape) } catch {
            throw fail(4, "the dimension sizes \(Shape.describe(shape)) are invalid: \(error)")
        }
        // count ≤ Shape.maximumElementCount and size ≤ 8: the product cannot overflow.
        let needed = count * dtype.size
        func mismatch(_ available: String) -> DataError {
            fail(dataStart, "the dimension sizes \(Shape.describe(shape)) need \(needed) bytes of data, but the file has \(available)")
        }
        if let available = stream.knownSize, available != needed { throw mismatch(String(available)) }
        let scalars: [Scalar] = try dtype.values(from: stream, count: count, file: file) { mismatch(String($0)) }
        guard try stream.isAtEnd() else { throw mismatch("more") }
        return try Tensor(shape: shape, scalars: scalars)
    }

    private static func elementType(code: UInt8, fail: (Int, String) -> DataError) throws -> NPYDType {
        let (size, kind): (Int, NPYDType.Kind)
        switch code {
        case 0x08: (size, kind) = (1, .unsigned)
        case 0x09: (size, kind) = (1, .signed)
        case 0x0B: (size, kind) = (2, .signed)
        case 0x0C: (size, kind) = (4, .signed)
        case 0x0D: (size, kind) = (4, .float)
        case 0x0E: (size, kind) = (8, .float)
        default: throw fail(2, "unknown IDX type code 0x\(String(code, radix: 16))")
        }
        return NPYDType(kind: kind, size: size, bigEndian: true)
    }
}

extension Dataset {
    /// An MNIST-style data set from IDX image and label files (gzipped or
    /// not): inputs with the images' shape ([N, 28, 28] for MNIST), unsigned
    /// bytes scaled to [0, 1] when `scale` is true; labels [N].
    public static func idx(images: String, labels: String, scale: Bool = true) throws -> Dataset {
        var inputs: Tensor<Scalar> = try IDXFile.read(images, as: Scalar.self)
        let targets: Tensor<Scalar> = try IDXFile.read(labels, as: Scalar.self)
        guard targets.rank == 1, inputs.rank >= 1, inputs.shape[0] == targets.shape[0] else {
            throw DataError.invalidArgument(operation: "idx", reason: "\(images) holds \(Shape.describe(inputs.shape)) but \(labels) holds \(Shape.describe(targets.shape)); expected one label per image")
        }
        if scale { inputs = try inputs / 255 }
        return try Dataset(inputs: inputs, targets: targets)
    }
}
