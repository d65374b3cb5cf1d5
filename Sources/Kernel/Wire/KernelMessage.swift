import Foundation

/// A JSON object of a message (header, content, …), as Foundation's JSON reads it.
public typealias JSONObject = [String: Any]

/// One message of the Jupyter protocol: who it came from (ROUTER identities),
/// its header, the header of the message it answers, metadata, content and buffers.
public struct KernelMessage {
    public static let protocolVersion = "5.3"

    public var identities: [Data]
    public var header: JSONObject
    public var parentHeader: JSONObject
    public var metadata: JSONObject
    public var content: JSONObject
    public var buffers: [Data] = []

    public init(identities: [Data] = [], header: JSONObject, parentHeader: JSONObject = [:],
                metadata: JSONObject = [:], content: JSONObject) {
        self.identities = identities
        self.header = header
        self.parentHeader = parentHeader
        self.metadata = metadata
        self.content = content
    }

    /// The message's type (`execute_request`, …), or "" when the header has none.
    public var type: String { header["msg_type"] as? String ?? "" }

    /// The session named in the header.
    public var session: String { header["session"] as? String ?? "" }

    /// A new message of `type` answering (or caused by) this one, sent by `session`.
    public func reply(_ type: String, content: JSONObject, session: String, identities: [Data]? = nil) -> KernelMessage {
        KernelMessage(identities: identities ?? self.identities,
                      header: Self.header(type, session: session, username: header["username"] as? String ?? "dln"),
                      parentHeader: header, content: content)
    }

    /// A header for a new message.
    public static func header(_ type: String, session: String, username: String = "dln") -> JSONObject {
        ["msg_id": UUID().uuidString.lowercased(), "session": session, "username": username,
         "date": timestamp(), "msg_type": type, "version": protocolVersion]
    }

    private static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }
}
