import Foundation

/// The command line's arguments as the bytes they were typed as. Swift
/// repairs arguments that are not UTF-8 (each bad byte becomes U+FFFD), so
/// a path holding such bytes names another path once it is a `String`.
public enum CommandLineBytes {
    /// The NUL-terminated bytes of the command-line argument that decodes to `text`.
    static func argument(decodingTo text: String) -> [CChar]? {
        for index in 0..<Int(CommandLine.argc) {
            guard let argument = CommandLine.unsafeArgv[index] else { continue }
            let length = strlen(argument)
            let bytes = UnsafeRawBufferPointer(start: argument, count: length)
            if String(decoding: bytes, as: UTF8.self) == text {
                return Array(UnsafeBufferPointer(start: argument, count: length + 1))
            }
        }
        return nil
    }

    /// Whether `text` came from an argument that was not valid UTF-8.
    public static func isRepaired(_ text: String) -> Bool {
        guard text.contains("\u{FFFD}"), let raw = argument(decodingTo: text) else { return false }
        return String(validating: raw.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self) == nil
    }
}
