import Foundation

/// Makes gnuplot's PDFs byte-reproducible.
///
/// cairo writes the time of drawing into every PDF as `/CreationDate
/// (D:YYYYMMDDHHmmSS…)` and, in Debian 12's version, ignores
/// `SOURCE_DATE_EPOCH`; nothing else in the file changes between two runs.
/// The date's digits are set to 1970-01-01 00:00:00 in place: the file keeps
/// its length, so no offset in its cross-reference table moves.
enum ReproduciblePDF {
    static let marker = Array("/CreationDate (D:".utf8)
    static let fixedDigits = Array("19700101000000".utf8)

    /// `bytes` with the creation date's digits fixed (unchanged when it has none).
    static func fixingCreationDate(_ bytes: [UInt8]) -> [UInt8] {
        guard let start = range(of: marker, in: bytes)?.upperBound else { return bytes }
        var result = bytes
        for (offset, digit) in fixedDigits.enumerated() {
            let index = start + offset
            guard index < result.count, (0x30...0x39).contains(result[index]) else { break }
            result[index] = digit
        }
        return result
    }

    /// Fixes the creation date of the PDF at `url` (a temporary file, not yet in place).
    static func fixCreationDate(at url: URL) throws {
        let bytes = [UInt8](try Data(contentsOf: url))
        let fixed = fixingCreationDate(bytes)
        if fixed != bytes { try Data(fixed).write(to: url) }
    }

    private static func range(of needle: [UInt8], in haystack: [UInt8]) -> Range<Int>? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return start..<(start + needle.count) }
        }
        return nil
    }
}
