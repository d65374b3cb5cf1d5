import Foundation
import Language
import TensorCore

/// The bytes of a stored host value made of a description (JSON) and tensors (their own
/// stored bytes, not re-encoded): each part preceded by its length.
enum StoredParts {
    static func join(_ parts: [Data]) -> Data {
        var bytes = Data()
        for part in parts {
            TensorStorage.append(UInt64(part.count), to: &bytes)
            bytes.append(part)
        }
        return bytes
    }

    /// The parts, or nil when the lengths do not add up.
    static func split(_ data: Data) -> [Data]? {
        let bytes = [UInt8](data)
        var parts: [Data] = []
        var offset = 0
        while offset < bytes.count {
            guard let length = TensorStorage.integer(in: bytes, at: offset), length <= bytes.count - offset - 8 else { return nil }
            parts.append(Data(bytes[(offset + 8)..<(offset + 8 + length)]))
            offset += 8 + length
        }
        return parts
    }

    /// A description and tensors as one stored form.
    static func form<Header: Encodable, Scalar: TensorScalar>(_ kind: String, _ header: Header, tensors: [Tensor<Scalar>],
                                                              stage: StoredHostForm.Stage = .plain) -> StoredHostForm? {
        guard let json = try? JSONEncoder().encode(header) else { return nil }
        var parts = [json]
        for tensor in tensors {
            guard let form = TensorValue(tensor).storedForm else { return nil }
            parts.append(form.bytes)
        }
        return StoredHostForm(kind: kind, bytes: join(parts), stage: stage)
    }

    /// The description and tensors of `form`, if it is one of `kind` with tensors of this precision.
    static func contents<Header: Decodable, Scalar: TensorScalar>(of form: StoredHostForm, kind: String, _ header: Header.Type,
                                                                  _ scalar: Scalar.Type) -> (Header, [Tensor<Scalar>])? {
        guard form.kind == kind, let parts = split(form.bytes), let first = parts.first,
              let header = try? JSONDecoder().decode(Header.self, from: first) else { return nil }
        var tensors: [Tensor<Scalar>] = []
        for part in parts.dropFirst() {
            guard let value = TensorValue<Scalar>.restored(StoredHostForm(kind: TensorStorage.kind, bytes: part)) else { return nil }
            tensors.append(value.tensor)
        }
        return (header, tensors)
    }
}
