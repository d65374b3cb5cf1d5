import ResourceLimits
import TensorCore

/// NumPy's `.npz` archives (`numpy.savez`, `savez_compressed`): a zip of
/// `.npy` members, one per array, named after it. Reading takes stored and
/// deflated members and checks each one's CRC-32 and size; writing stores
/// them uncompressed, as `numpy.savez` does.
///
///     let arrays: [(name: String, tensor: Tensor<Double>)] = try NPZFile.read("w.npz")
///     try NPZFile.write(arrays, to: "copy.npz")
public enum NPZFile {
    /// The arrays in the order of the archive's directory, named without `.npy`.
    public static func read<Scalar: TensorScalar>(_ path: String, as type: Scalar.Type = Double.self) throws -> [(name: String, tensor: Tensor<Scalar>)] {
        let archive = try ZipArchive(DataFile(opening: path), file: path)
        return try archive.members.map { member in
            guard member.name.hasSuffix(".npy") else {
                throw DataError.unsupported(file: path, reason: "member '\(member.name)' is not a .npy array")
            }
            let name = "\(path) (member \(member.name))"
            let stream = ChecksummedStream(try archive.stream(of: member))
            let tensor = try NPYFile.decode(stream, file: name, as: type)
            guard stream.count == member.size, stream.checksum == member.checksum else {
                throw DataError.malformedBinary(file: path, offset: member.headerOffset,
                                                reason: "member '\(member.name)' does not match the CRC-32 and size of the zip directory")
            }
            return (String(member.name.dropLast(4)), tensor)
        }
    }

    /// Writes the tensors as stored `.npy` members (`<f4` or `<f8`), whole or not at all.
    public static func write<Scalar: TensorScalar>(_ tensors: [(name: String, tensor: Tensor<Scalar>)], to path: String) throws {
        try FileAccess.writeAtomically(encode(tensors, file: path), to: path)
    }

    /// The bytes of an archive holding the tensors; `file` names it in errors.
    public static func encode<Scalar: TensorScalar>(_ tensors: [(name: String, tensor: Tensor<Scalar>)], file: String) throws -> [UInt8] {
        var writer = ZipWriter()
        var seen = Set<String>()
        for (name, tensor) in tensors {
            guard !name.isEmpty, seen.insert(name).inserted else {
                throw DataError.invalidArgument(operation: "save \(file)", reason: "the array name '\(name)' is empty or used twice")
            }
            let bytes = try NPYFile.encode(tensor, file: file)
            try writer.addStored(name + ".npy", bytes, file: file)
        }
        return try writer.finish(file: file)
    }
}

/// A zip archive of stored members, built in memory: local headers and data,
/// then the central directory and its end record. Dates are 1980-01-01, so
/// the same arrays give the same bytes.
struct ZipWriter {
    private var bytes: [UInt8] = []
    private var directory: [UInt8] = []
    private var count = 0

    private static func littleEndian(_ value: Int, _ width: Int) -> [UInt8] {
        (0..<width).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }

    mutating func addStored(_ name: String, _ data: [UInt8], file: String) throws {
        let nameBytes = Array(name.utf8)
        let offset = bytes.count
        guard nameBytes.count <= 0xFFFF, count < 0xFFFF, offset + 30 + nameBytes.count + data.count < 0xFFFF_FFFF else {
            throw DataError.unwritable(file: file, reason: "the archive would need zip64 (4 GiB, 65,535 members or long names), which dln does not write")
        }
        try MemoryBudget.shared.requireRoom(bytes.count + data.count + 100, for: "writing \(file)")
        let crc = Int(CRC32.checksum(data))
        // version 2.0, no flags, stored, time 0, date 1980-01-01, CRC, sizes, name length, no extra field.
        let common = Self.littleEndian(20, 2) + Self.littleEndian(0, 2) + Self.littleEndian(0, 2) + Self.littleEndian(0, 2)
            + Self.littleEndian(0x21, 2) + Self.littleEndian(crc, 4) + Self.littleEndian(data.count, 4) + Self.littleEndian(data.count, 4)
            + Self.littleEndian(nameBytes.count, 2) + Self.littleEndian(0, 2)
        bytes += [0x50, 0x4B, 0x03, 0x04] + common + nameBytes
        bytes += data
        // Made by version 2.0; no comment, disk 0, no attributes; the local header's offset.
        directory += [0x50, 0x4B, 0x01, 0x02] + Self.littleEndian(20, 2) + common
            + Self.littleEndian(0, 2) + Self.littleEndian(0, 2) + Self.littleEndian(0, 2) + Self.littleEndian(0, 4)
            + Self.littleEndian(offset, 4) + nameBytes
        count += 1
    }

    func finish(file: String) throws -> [UInt8] {
        guard bytes.count + directory.count < 0xFFFF_FFFF else {
            throw DataError.unwritable(file: file, reason: "the archive would need zip64 (more than 4 GiB), which dln does not write")
        }
        let end = [0x50, 0x4B, 0x05, 0x06] + Self.littleEndian(0, 4) + Self.littleEndian(count, 2) + Self.littleEndian(count, 2)
            + Self.littleEndian(directory.count, 4) + Self.littleEndian(bytes.count, 4) + Self.littleEndian(0, 2)
        return bytes + directory + end
    }
}
