import Foundation
import Language

/// What a frontend's connection file says: where each channel listens and how messages are signed.
public struct ConnectionInfo: Decodable, Sendable {
    public var transport: String
    public var ip: String
    public var shellPort: Int
    public var iopubPort: Int
    public var stdinPort: Int
    public var controlPort: Int
    public var hbPort: Int
    public var key: String
    public var signatureScheme: String

    enum CodingKeys: String, CodingKey {
        case transport, ip, key
        case shellPort = "shell_port", iopubPort = "iopub_port", stdinPort = "stdin_port"
        case controlPort = "control_port", hbPort = "hb_port", signatureScheme = "signature_scheme"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        transport = try container.decodeIfPresent(String.self, forKey: .transport) ?? "tcp"
        ip = try container.decodeIfPresent(String.self, forKey: .ip) ?? "127.0.0.1"
        shellPort = try container.decode(Int.self, forKey: .shellPort)
        iopubPort = try container.decode(Int.self, forKey: .iopubPort)
        stdinPort = try container.decode(Int.self, forKey: .stdinPort)
        controlPort = try container.decode(Int.self, forKey: .controlPort)
        hbPort = try container.decode(Int.self, forKey: .hbPort)
        key = try container.decodeIfPresent(String.self, forKey: .key) ?? ""
        signatureScheme = try container.decodeIfPresent(String.self, forKey: .signatureScheme) ?? "hmac-sha256"
    }

    /// Reads and checks a connection file; every problem is a diagnostic naming the file.
    public static func read(path: String) throws -> ConnectionInfo {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw DiagnosticError(.io, "cannot read the connection file '\(path)': \(error.localizedDescription)")
        }
        let info: ConnectionInfo
        do {
            info = try JSONDecoder().decode(ConnectionInfo.self, from: data)
        } catch {
            throw DiagnosticError(.io, "'\(path)' is not a Jupyter connection file: \(Self.describe(error))",
                                  hint: "Jupyter writes this file and passes it as {connection_file}; see docs/jupyter.md")
        }
        guard info.signatureScheme == "hmac-sha256" || info.key.isEmpty else {
            throw DiagnosticError(.io, "'\(path)': signature scheme '\(info.signatureScheme)' is not supported",
                                  hint: "dln signs messages with hmac-sha256")
        }
        guard ["tcp", "ipc"].contains(info.transport) else {
            throw DiagnosticError(.io, "'\(path)': transport '\(info.transport)' is not supported", hint: "use tcp or ipc")
        }
        let ports = [info.shellPort, info.iopubPort, info.stdinPort, info.controlPort, info.hbPort]
        guard ports.allSatisfy({ (1...65535).contains($0) }) || info.transport == "ipc" else {
            throw DiagnosticError(.io, "'\(path)': ports must be between 1 and 65535")
        }
        return info
    }

    /// The endpoint of the channel on `port`.
    public func endpoint(_ port: Int) -> String {
        transport == "ipc" ? "ipc://\(ip)-\(port)" : "tcp://\(ip):\(port)"
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "it has no \"\(key.stringValue)\""
        case DecodingError.typeMismatch(_, let context): return "\"\(context.codingPath.map(\.stringValue).joined(separator: "."))\" has the wrong type"
        case DecodingError.dataCorrupted: return "it is not valid JSON"
        default: return "\(error)"
        }
    }
}
