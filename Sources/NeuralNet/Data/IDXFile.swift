import TensorCore

/// The IDX format of the MNIST distribution (`train-images-idx3-ubyte` …),
/// gzipped or not: two zero bytes, a type code (0x08 unsigned byte, 0x09
/// signed byte, 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64), the
/// number of dimensions, the big-endian 32-bit size of each, then the data
/// in big-endian row-major order.
///
///     let images = try IDXFile.read("train-images-idx3-ubyte.gz")   // [60000, 28, 28]
public enum IDXFile {
    /// Reads an IDX file (gzip detected from its magic number) as a tensor: an
    /// uncompressed file is read header first, then only the data its sizes
    /// promise; gzip data (at most `limit` bytes, compressed or not) is decoded whole.
    public static func read<Scalar: TensorScalar>(_ path: String, as type: Scalar.Type = Double.self,
                                                  limit: Int = Gzip.defaultLimit) throws -> Tensor<Scalar> {
        let file = try DataFile(opening: path)
        let magic = try file.bytes(at: 0, count: min(file.size, 2))
        guard Gzip.isCompressed(magic) else { return try decode(file, file: path, as: type) }
        guard file.size <= limit else {
            throw DataError.unreadable(file: path, reason: "it is larger than \(limit) bytes, the limit for gzip data")
        }
        let bytes = try Gzip.decompress(file.bytes(at: 0, count: file.size), file: path, limit: limit)
        return try decode(MemoryBytes(storage: bytes), file: path, as: type)
    }

    /// Decodes the bytes of an (uncompressed) IDX file; `file` names it in errors.
    public static func decode<Scalar: TensorScalar>(_ bytes: [UInt8], file: String, as type: Scalar.Type = Double.self) throws -> Tensor<Scalar> {
        try decode(MemoryBytes(storage: bytes), file: file, as: type)
    }

    static func decode<Scalar: TensorScalar>(_ source: some ByteSource, file: String, as type: Scalar.Type) throws -> Tensor<Scalar> {
        func fail(_ offset: Int, _ reason: String) -> DataError { .malformedBinary(file: file, offset: offset, reason: reason) }
        guard source.size > 0 else { throw DataError.emptyFile(file: file) }
        let prefix = try source.bytes(at: 0, count: min(source.size, 4))
        guard prefix.count == 4, prefix[0] == 0, prefix[1] == 0 else { throw fail(0, "not an IDX file (it does not start with two zero bytes)") }
        let (size, kind): (Int, NPYDType.Kind)
        switch prefix[2] {
        case 0x08: (size, kind) = (1, .unsigned)
        case 0x09: (size, kind) = (1, .signed)
        case 0x0B: (size, kind) = (2, .signed)
        case 0x0C: (size, kind) = (4, .signed)
        case 0x0D: (size, kind) = (4, .float)
        case 0x0E: (size, kind) = (8, .float)
        default: throw fail(2, "unknown IDX type code 0x\(String(prefix[2], radix: 16))")
        }
        let rank = Int(prefix[3])
        let dataStart = 4 + 4 * rank
        guard source.size >= dataStart else { throw fail(source.size, "the file ends inside the \(rank) dimension sizes") }
        let sizes = try source.bytes(at: 4, count: 4 * rank)
        let shape = (0..<rank).map { axis in
            (0..<4).reduce(0) { $0 << 8 | Int(sizes[4 * axis + $1]) }
        }
        let count: Int
        do { count = try Shape.elementCount(shape) } catch {
            throw fail(4, "the dimension sizes \(Shape.describe(shape)) are invalid: \(error)")
        }
        // count ≤ Shape.maximumElementCount and size ≤ 8: the product cannot overflow.
        let available = source.size - dataStart
        guard count * size == available else {
            throw fail(dataStart, "the dimension sizes \(Shape.describe(shape)) need \(count * size) bytes of data, but the file has \(available)")
        }
        let dtype = NPYDType(kind: kind, size: size, bigEndian: true)
        let scalars: [Scalar] = try dtype.values(in: source, from: dataStart, count: count)
        return try Tensor(shape: shape, scalars: scalars)
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
