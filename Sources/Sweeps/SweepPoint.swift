/// One point of a sweep: a value for each swept parameter, passed to its run as
/// `--set name=value`, and the name of the folder its run writes into.
public struct SweepPoint: Codable, Equatable, Sendable {
    public struct Setting: Codable, Equatable, Sendable {
        public var name: String
        /// A dln literal, as typed (`0.01`, `"adam"`, `true`).
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }

        /// `name=value`, as `--set` takes it.
        public var override: String { "\(name)=\(value)" }
    }

    public var settings: [Setting]

    public init(settings: [Setting]) {
        self.settings = settings
    }

    /// The value of parameter `name` at this point.
    public func value(of name: String) -> String? {
        settings.first { $0.name == name }?.value
    }

    /// The point as one line of the grid file: `epochs=50 seed=1`.
    public var line: String { settings.map(\.override).joined(separator: " ") }

    /// The folder name of the point's run: its settings, readable (`epochs=50,seed=1`),
    /// with characters unsafe in a file name replaced and a hash of the exact line added
    /// when anything was replaced or the name would be long, so two points never share one.
    public var folderName: String {
        let readable = settings.map(\.override).joined(separator: ",")
        let safe = String(readable.map { $0.isASCII && ($0.isLetter || $0.isNumber || "=,._-+".contains($0)) ? $0 : "_" })
        if safe == readable && safe.count <= 80 && !safe.isEmpty && !safe.hasPrefix(".") { return safe }
        return String(safe.prefix(60)) + "~" + Self.hash(line)
    }

    /// FNV-1a of the text, in hex: a short name, not a security measure.
    private static func hash(_ text: String) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01B3
        }
        return String(value, radix: 16)
    }
}
