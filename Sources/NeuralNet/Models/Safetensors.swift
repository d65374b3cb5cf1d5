import FileWriting
import Foundation
import ResourceLimits
import TensorCore

/// The safetensors format (Hugging Face): an 8-byte little-endian header
/// length, a JSON header mapping each tensor name to
/// `{"dtype": "F32", "shape": […], "data_offsets": [begin, end]}` (offsets
/// into the data that follows, which is raw little-endian), with an
/// optional `"__metadata__"` map of strings.
///
/// dln writes float32 (F32) or float64 (F64) tensors, contiguously in the order given, with the
/// header padded by spaces to a multiple of 8 bytes. Reading checks every
/// claim the file makes and throws `SafetensorsError` instead of trapping.
public enum Safetensors {
    /// The bytes of a safetensors file holding `tensors` in this order.
    public static func encode<Scalar: TensorScalar>(
        _ tensors: [(name: String, tensor: Tensor<Scalar>)], metadata: [String: String] = [:]
    ) throws -> Data {
        let width = MemoryLayout<Scalar>.size
        var header: [String: HeaderValue] = [:]
        var offset = 0
        for (name, tensor) in tensors {
            guard name != metadataKey, header[name] == nil else { throw SafetensorsError("the tensor name '\(name)' is used twice or reserved") }
            header[name] = .tensor(Entry(dtype: width == 4 ? "F32" : "F64", shape: tensor.shape,
                                         data_offsets: [offset, offset + width * tensor.count]))
            offset += width * tensor.count
        }
        if !metadata.isEmpty { header[metadataKey] = .metadata(metadata) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var json = try encoder.encode(header)
        json.append(contentsOf: [UInt8](repeating: 0x20, count: (8 - json.count % 8) % 8))
        try MemoryBudget.shared.requireRoom(8 + json.count + offset, for: "writing safetensors")
        var data = Data(capacity: 8 + json.count + offset)
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(json)
        for (_, tensor) in tensors {
            #if _endian(little)
            tensor.scalars.withUnsafeBytes { data.append(contentsOf: $0) }
            #else
            for value in tensor.scalars { withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
            #endif
        }
        return data
    }

    /// Writes a file atomically: to a temporary file in the same folder,
    /// then renamed over `url`, so readers never see half a file.
    public static func write<Scalar: TensorScalar>(_ tensors: [(name: String, tensor: Tensor<Scalar>)], metadata: [String: String] = [:], to url: URL) throws {
        let data = try encode(tensors, metadata: metadata)
        do {
            try AtomicFile.write(data, to: url)
        } catch let error as FileWriteError {
            throw SafetensorsError(error.description)
        }
    }

    /// The largest header read (100,000,000 bytes, the reference implementation's limit).
    static let maximumHeaderLength = 100_000_000

    /// The tensors (sorted by data offset) and metadata of a file's bytes;
    /// F32 tensors are widened to Double exactly.
    public static func decode(_ data: Data) throws -> (tensors: [(name: String, tensor: Tensor<Double>)], metadata: [String: String]) {
        try decode(MemoryBytes(storage: [UInt8](data)))
    }

    /// Reads the header first, then each tensor's bytes in chunks: memory
    /// follows the tensors the header describes (each at most
    /// `Shape.maximumElementCount` elements), not the file's size.
    static func decode(_ source: some ByteSource) throws -> (tensors: [(name: String, tensor: Tensor<Double>)], metadata: [String: String]) {
        guard source.size >= 8 else { throw SafetensorsError("the file has \(source.size) bytes, too few for a safetensors header") }
        let claimed = try source.bytes(at: 0, count: 8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard claimed <= UInt64(source.size - 8) else {
            throw SafetensorsError("the header claims \(claimed) bytes but only \(source.size - 8) follow: the file is truncated or not safetensors")
        }
        guard claimed <= UInt64(maximumHeaderLength) else {
            throw SafetensorsError("the header claims \(claimed) bytes; dln reads headers of at most \(maximumHeaderLength)")
        }
        let headerEnd = 8 + Int(claimed)
        let header: [String: HeaderValue]
        do {
            header = try JSONDecoder().decode([String: HeaderValue].self, from: Data(source.bytes(at: 8, count: Int(claimed))))
        } catch {
            throw SafetensorsError("the header is not valid safetensors JSON (\(describe(error)))")
        }
        let bufferSize = source.size - headerEnd
        var metadata: [String: String] = [:]
        var entries: [(name: String, entry: Entry)] = []
        for (name, value) in header {
            switch value {
            case let .metadata(map) where name == metadataKey: metadata = map
            case .metadata: throw SafetensorsError("'\(name)' is not a tensor description")
            case let .tensor(entry) where name != metadataKey: entries.append((name, entry))
            case .tensor: throw SafetensorsError("\(metadataKey) must be a map of strings")
            }
        }
        entries.sort { ($0.entry.data_offsets.first ?? 0, $0.name) < ($1.entry.data_offsets.first ?? 0, $1.name) }
        var previousEnd = 0
        var tensors: [(name: String, tensor: Tensor<Double>)] = []
        for (name, entry) in entries {
            guard let width = ["F32": 4, "F64": 8][entry.dtype] else {
                throw SafetensorsError("tensor '\(name)' has dtype \(entry.dtype); dln reads F32 and F64 only")
            }
            guard entry.shape.allSatisfy({ $0 >= 0 }), let count = try? Shape.elementCount(entry.shape) else {
                throw SafetensorsError("tensor '\(name)' has an invalid shape \(entry.shape)")
            }
            guard entry.data_offsets.count == 2, case let (begin, end) = (entry.data_offsets[0], entry.data_offsets[1]),
                  begin >= 0, begin <= end, end <= bufferSize else {
                throw SafetensorsError("tensor '\(name)' has data offsets \(entry.data_offsets) outside the \(bufferSize) bytes of data")
            }
            // count ≤ Shape.maximumElementCount: width * count cannot overflow.
            guard end - begin == width * count else {
                throw SafetensorsError("tensor '\(name)' of shape \(Shape.describe(entry.shape)) needs \(width * count) bytes, its offsets span \(end - begin)")
            }
            guard begin >= previousEnd else { throw SafetensorsError("tensor '\(name)' overlaps the tensor before it") }
            previousEnd = end
            var values: [Double] = []
            values.reserveCapacity(count)
            try source.forEachChunk(from: headerEnd + begin, count: end - begin) { chunk in
                for offset in stride(from: 0, to: chunk.count, by: width) {
                    values.append(number(in: chunk, at: offset, width: width))
                }
            }
            tensors.append((name, try Tensor(shape: entry.shape, scalars: values)))
        }
        return (tensors, metadata)
    }

    /// The little-endian F32 or F64 number at `offset`.
    private static func number(in bytes: [UInt8], at offset: Int, width: Int) -> Double {
        let bits = (0..<width).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + $1]) << (8 * $1) }
        return width == 4 ? Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits))) : Double(bitPattern: bits)
    }

    /// The tensors and metadata of a file: a regular file of at most
    /// `FileAccess.maximumFileSize` bytes, read header first.
    public static func read(from url: URL) throws -> (tensors: [(name: String, tensor: Tensor<Double>)], metadata: [String: String]) {
        do {
            return try decode(DataFile(opening: url.path))
        } catch let error as DataError {
            throw SafetensorsError(error.description)
        } catch let error as SafetensorsError {
            throw SafetensorsError("\(url.lastPathComponent): \(error.description)")
        }
    }

    static let metadataKey = "__metadata__"

    struct Entry: Codable {
        let dtype: String
        let shape: [Int]
        // swiftlint:disable:next identifier_name
        let data_offsets: [Int]
    }

    enum HeaderValue: Codable {
        case tensor(Entry)
        case metadata([String: String])

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let entry = try? container.decode(Entry.self) {
                self = .tensor(entry)
            } else {
                self = .metadata(try container.decode([String: String].self))
            }
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case let .tensor(entry): try container.encode(entry)
            case let .metadata(map): try container.encode(map)
            }
        }
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): return context.debugDescription
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
             DecodingError.keyNotFound(_, let context):
            return context.debugDescription + " at " + context.codingPath.map(\.stringValue).joined(separator: ".")
        default: return "\(error)"
        }
    }
}

/// A safetensors file that cannot be written, read, or loaded into a network.
public struct SafetensorsError: Error, CustomStringConvertible, Equatable, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
