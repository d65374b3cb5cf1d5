import ResourceLimits
import TensorCore

/// NumPy's `.npy` format (versions 1.0, 2.0 and 3.0): reading arrays of floats,
/// integers and Booleans (C or Fortran order) into tensors, and writing tensors as
/// `<f4` (Float) or `<f8` (Double).
///
///     let x = try NPYFile.read("x.npy")                  // Tensor<Double>
///     try NPYFile.write(x, to: "copy.npy")
public enum NPYFile {
    static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

    /// The largest header read (1 MiB; NumPy itself refuses headers over 10,000 bytes by default).
    static let maximumHeaderLength = 1 << 20

    /// Reads an array as a tensor of `Scalar` (integers and Booleans are converted):
    /// the header first, then only the data it promises, in chunks.
    public static func read<Scalar: TensorScalar>(_ path: String, as type: Scalar.Type = Double.self) throws -> Tensor<Scalar> {
        try decode(SourceStream(DataFile(opening: path)), file: path, as: type)
    }

    /// Decodes the bytes of a `.npy` file; `file` names it in errors.
    public static func decode<Scalar: TensorScalar>(_ bytes: [UInt8], file: String, as type: Scalar.Type = Double.self) throws -> Tensor<Scalar> {
        try decode(SourceStream(MemoryBytes(storage: bytes)), file: file, as: type)
    }

    /// Decodes an array from a stream: a file's region (whose size is checked
    /// against the header before any data is read) or an inflated npz member.
    static func decode<Scalar: TensorScalar>(_ stream: some ByteStream, file: String, as type: Scalar.Type) throws -> Tensor<Scalar> {
        let (header, headerStart, dataStart) = try readHeader(stream, file: file)
        let dtype = try NPYDType(header.descr, file: file)
        let count: Int
        do { count = try Shape.elementCount(header.shape) } catch {
            throw DataError.malformedBinary(file: file, offset: headerStart, reason: "the header's shape \(Shape.describe(header.shape)) is invalid: \(error)")
        }
        let (needed, overflow) = count.multipliedReportingOverflow(by: dtype.size)
        func mismatch(_ available: String) -> DataError {
            .malformedBinary(file: file, offset: dataStart, reason: "the header's shape \(Shape.describe(header.shape)) of \(header.descr) needs \(overflow ? "too many" : String(needed)) bytes of data, but the file has \(available)")
        }
        if let available = stream.knownSize, overflow || needed != available { throw mismatch(String(available)) }
        var scalars: [Scalar] = try dtype.values(from: stream, count: count, file: file) { mismatch(String($0)) }
        guard try stream.isAtEnd() else { throw mismatch("more") }
        if header.fortranOrder { scalars = try FortranOrder.rowMajor(scalars, shape: header.shape, file: file) }
        return try Tensor(shape: header.shape, scalars: scalars)
    }

    /// The parsed header and the offsets where it and the data start.
    private static func readHeader(_ stream: some ByteStream, file: String) throws -> (NPYHeader, Int, Int) {
        func fail(_ offset: Int, _ reason: String) -> DataError {
            .malformedBinary(file: file, offset: offset, reason: reason)
        }
        var prefix = try stream.read(upTo: 10)
        guard !prefix.isEmpty else { throw DataError.emptyFile(file: file) }
        guard prefix.count == 10, Array(prefix[0..<6]) == magic else {
            throw fail(0, "not a NumPy .npy file (it does not start with \\x93NUMPY)")
        }
        let major = Int(prefix[6])
        let headerStart: Int
        switch major {
        case 1: headerStart = 10
        case 2, 3:
            prefix += try stream.read(upTo: 2)
            guard prefix.count == 12 else { throw fail(prefix.count, "the file ends inside the header length") }
            headerStart = 12
        default:
            throw DataError.unsupported(file: file, reason: "unknown .npy format version \(major).\(prefix[7])")
        }
        let headerLength = (8..<headerStart).reduce(0) { $0 | Int(prefix[$1]) << (8 * ($1 - 8)) }
        guard headerLength <= maximumHeaderLength else {
            throw fail(8, "the header claims \(headerLength) bytes; dln reads headers of at most \(maximumHeaderLength)")
        }
        let headerBytes = try stream.read(upTo: headerLength)
        guard headerBytes.count == headerLength else {
            throw fail(headerStart + headerBytes.count, "the file ends inside the header, which claims \(headerLength) bytes from byte \(headerStart)")
        }
        let header = try NPYHeader(parsing: String(decoding: headerBytes, as: UTF8.self), file: file, offset: headerStart)
        return (header, headerStart, headerStart + headerLength)
    }

    /// Writes a tensor as a version 1.0 file (`<f4` for Float, `<f8` for
    /// Double), atomically: to a temporary file first, then renamed.
    public static func write<Scalar: TensorScalar>(_ tensor: Tensor<Scalar>, to path: String) throws {
        try FileAccess.writeAtomically(encode(tensor, file: path), to: path)
    }

    /// The bytes of a `.npy` file holding the tensor, after checking the
    /// memory budget has room for them; `file` names the file in errors.
    public static func encode<Scalar: TensorScalar>(_ tensor: Tensor<Scalar>, file: String = ".npy data") throws -> [UInt8] {
        try MemoryBudget.shared.requireRoom(128 + tensor.count &* MemoryLayout<Scalar>.size, for: "writing \(file)")
        let single = Scalar.self == Float.self
        let shape = tensor.shape.count == 1 ? "(\(tensor.shape[0]),)" : "(" + tensor.shape.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '\(single ? "<f4" : "<f8")', 'fortran_order': False, 'shape': \(shape), }"
        // Pad with spaces and a newline so that the data starts at a multiple of 64.
        let version: UInt8 = header.utf8.count + 11 < 65536 ? 1 : 2
        let prefix = version == 1 ? 10 : 12
        let total = (prefix + header.utf8.count + 1 + 63) / 64 * 64
        header += String(repeating: " ", count: total - prefix - header.utf8.count - 1) + "\n"
        let length = header.utf8.count
        var bytes = magic + [version, 0]
        bytes += version == 1 ? [UInt8(length & 0xFF), UInt8(length >> 8)] : (0..<4).map { UInt8((length >> (8 * $0)) & 0xFF) }
        bytes += Array(header.utf8)
        bytes.reserveCapacity(bytes.count + tensor.count * (single ? 4 : 8))
        for value in tensor.scalars {
            if single {
                let bits = Float(value).bitPattern
                for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8((bits >> UInt32(shift)) & 0xFF)) }
            } else {
                let bits = Double(value).bitPattern
                for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8((bits >> UInt64(shift)) & 0xFF)) }
            }
        }
        return bytes
    }
}

/// An element type of a `.npy` file, from its `descr` (`<f8`, `|u1`, `>i4`…).
struct NPYDType {
    enum Kind { case float, signed, unsigned, boolean }
    let kind: Kind
    let size: Int
    let bigEndian: Bool

    init(kind: Kind, size: Int, bigEndian: Bool) {
        self.kind = kind
        self.size = size
        self.bigEndian = bigEndian
    }

    init(_ descr: String, file: String) throws {
        let characters = Array(descr)
        let supported = "supported: <f4 <f8 <i1 <i2 <i4 <i8 |u1 <u2 <u4 <u8 |b1 (either byte order)"
        guard characters.count >= 3, "<>|=".contains(characters[0]), let size = Int(String(characters[2...])) else {
            throw DataError.unsupported(file: file, reason: "the element type '\(descr)' is not supported; \(supported)")
        }
        switch (characters[1], size) {
        case ("f", 4), ("f", 8): kind = .float
        case ("i", 1), ("i", 2), ("i", 4), ("i", 8): kind = .signed
        case ("u", 1), ("u", 2), ("u", 4), ("u", 8): kind = .unsigned
        case ("b", 1): kind = .boolean
        default: throw DataError.unsupported(file: file, reason: "the element type '\(descr)' is not supported; \(supported)")
        }
        self.size = size
        bigEndian = characters[0] == ">"
    }

    /// The element starting at `offset` (the caller has checked the bounds).
    func value(in bytes: [UInt8], at offset: Int) -> Double {
        var bits: UInt64 = 0
        for i in 0..<size {
            let byte = UInt64(bytes[offset + (bigEndian ? i : size - 1 - i)])
            bits = bits << 8 | byte
        }
        switch kind {
        case .float: return size == 4 ? Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits))) : Double(bitPattern: bits)
        case .unsigned: return Double(bits)
        case .boolean: return bits == 0 ? 0 : 1
        case .signed:
            let shift = UInt64(64 - 8 * size)
            return Double(Int64(bitPattern: bits << shift) >> Int64(shift))
        }
    }
}

/// Arrays stored column-major (NumPy's `fortran_order: True`).
enum FortranOrder {
    /// The elements of a column-major array of `shape`, in row-major order.
    static func rowMajor<Scalar>(_ values: [Scalar], shape: [Int], file: String) throws -> [Scalar] {
        guard shape.count > 1, values.count > 1 else { return values }
        try MemoryBudget.shared.requireRoom(values.count &* MemoryLayout<Scalar>.stride, for: "reordering \(file)")
        // Column-major strides: the first axis varies fastest.
        var strides = [Int](repeating: 1, count: shape.count)
        for axis in 1..<shape.count { strides[axis] = strides[axis - 1] * shape[axis - 1] }
        var result: [Scalar] = []
        result.reserveCapacity(values.count)
        var index = [Int](repeating: 0, count: shape.count)
        var source = 0
        for _ in 0..<values.count {
            result.append(values[source])
            // The next row-major index: the last axis fastest, carrying into the ones before.
            var axis = shape.count - 1
            while axis >= 0 {
                index[axis] += 1
                source += strides[axis]
                if index[axis] < shape[axis] { break }
                source -= strides[axis] * shape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
        return result
    }
}
