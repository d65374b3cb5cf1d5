import TensorCore

/// The IDX format of the MNIST distribution (`train-images-idx3-ubyte` …),
/// gzipped or not: two zero bytes, a type code (0x08 unsigned byte, 0x09
/// signed byte, 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64), the
/// number of dimensions, the big-endian 32-bit size of each, then the data
/// in big-endian row-major order.
///
///     let images = try IDXFile.read("train-images-idx3-ubyte.gz")   // [60000, 28, 28]
public enum IDXFile {
    /// Reads an IDX file (gzip detected from its magic number) as a tensor.
    public static func read<Scalar: TensorScalar>(_ path: String, as type: Scalar.Type = Double.self,
                                                  limit: Int = Gzip.defaultLimit) throws -> Tensor<Scalar> {
        var bytes = try FileAccess.bytes(of: path)
        if Gzip.isCompressed(bytes) { bytes = try Gzip.decompress(bytes, file: path, limit: limit) }
        return try decode(bytes, file: path, as: type)
    }

    /// Decodes the bytes of an (uncompressed) IDX file; `file` names it in errors.
    public static func decode<Scalar: TensorScalar>(_ bytes: [UInt8], file: String, as type: Scalar.Type = Double.self) throws -> Tensor<Scalar> {
        func fail(_ offset: Int, _ reason: String) -> DataError { .malformedBinary(file: file, offset: offset, reason: reason) }
        guard !bytes.isEmpty else { throw DataError.emptyFile(file: file) }
        guard bytes.count >= 4, bytes[0] == 0, bytes[1] == 0 else { throw fail(0, "not an IDX file (it does not start with two zero bytes)") }
        let (size, kind): (Int, NPYDType.Kind)
        switch bytes[2] {
        case 0x08: (size, kind) = (1, .unsigned)
        case 0x09: (size, kind) = (1, .signed)
        case 0x0B: (size, kind) = (2, .signed)
        case 0x0C: (size, kind) = (4, .signed)
        case 0x0D: (size, kind) = (4, .float)
        case 0x0E: (size, kind) = (8, .float)
        default: throw fail(2, "unknown IDX type code 0x\(String(bytes[2], radix: 16))")
        }
        let rank = Int(bytes[3])
        let dataStart = 4 + 4 * rank
        guard bytes.count >= dataStart else { throw fail(bytes.count, "the file ends inside the \(rank) dimension sizes") }
        let shape = (0..<rank).map { axis in
            (0..<4).reduce(0) { $0 << 8 | Int(bytes[4 + 4 * axis + $1]) }
        }
        let count: Int
        do { count = try Shape.elementCount(shape) } catch {
            throw fail(4, "the dimension sizes \(Shape.describe(shape)) are invalid: \(error)")
        }
        let available = bytes.count - dataStart
        guard count * size == available else {
            throw fail(dataStart, "the dimension sizes \(Shape.describe(shape)) need \(count * size) bytes of data, but the file has \(available)")
        }
        let dtype = NPYDType(kind: kind, size: size, bigEndian: true)
        var scalars = [Scalar]()
        scalars.reserveCapacity(count)
        for index in 0..<count { scalars.append(Scalar(dtype.value(in: bytes, at: dataStart + index * size))) }
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
