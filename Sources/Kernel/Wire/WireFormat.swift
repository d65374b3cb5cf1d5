import Foundation

/// Why frames received on a socket are not a message the kernel will act on.
public enum WireError: Error, Equatable, CustomStringConvertible {
    case missingDelimiter
    case tooFewFrames(Int)
    case badSignature
    case notAnObject(part: String)

    public var description: String {
        switch self {
        case .missingDelimiter: return "no <IDS|MSG> delimiter"
        case .tooFewFrames(let count): return "only \(count) frames after the delimiter (5 needed)"
        case .badSignature: return "the signature does not match the message (wrong key?)"
        case .notAnObject(let part): return "the \(part) is not a JSON object"
        }
    }
}

/// The frames of a message on the wire: identities, `<IDS|MSG>`, the signature,
/// header, parent header, metadata, content, then any buffers.
public struct WireFormat {
    static let delimiter = Data("<IDS|MSG>".utf8)
    public let signer: MessageSigner

    public init(signer: MessageSigner) {
        self.signer = signer
    }

    /// Reads a message, checking its signature before anything else is read.
    public func decode(_ frames: [Data]) throws -> KernelMessage {
        guard let split = frames.firstIndex(of: Self.delimiter) else { throw WireError.missingDelimiter }
        let rest = Array(frames[(split + 1)...])
        guard rest.count >= 5 else { throw WireError.tooFewFrames(rest.count) }
        let signed = Array(rest[1...4])
        guard signer.isValid(String(decoding: rest[0], as: UTF8.self), for: signed) else { throw WireError.badSignature }
        let names = ["header", "parent header", "metadata", "content"]
        let objects = try zip(signed, names).map { frame, name -> JSONObject in
            guard let object = try? JSONSerialization.jsonObject(with: frame) as? JSONObject else {
                throw WireError.notAnObject(part: name)
            }
            return object
        }
        var message = KernelMessage(identities: Array(frames[..<split]), header: objects[0], parentHeader: objects[1],
                                    metadata: objects[2], content: objects[3])
        message.buffers = Array(rest.dropFirst(5))
        return message
    }

    /// The frames of `message`, signed.
    public func encode(_ message: KernelMessage) -> [Data] {
        let parts = [message.header, message.parentHeader, message.metadata, message.content].map(Self.json)
        return message.identities + [Self.delimiter, Data(signer.signature(of: parts).utf8)] + parts + message.buffers
    }

    static func json(_ object: JSONObject) -> Data {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
    }
}
