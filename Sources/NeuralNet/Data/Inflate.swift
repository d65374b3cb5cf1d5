/// A DEFLATE (RFC 1951) decoder: stored, fixed-Huffman and dynamic-Huffman
/// blocks, with a limit on the output size against decompression bombs.
/// Malformed input throws `DataError.malformedBinary` with the byte offset.
struct Inflate {
    private var input: BitReader
    private var output: [UInt8] = []
    private let limit: Int
    private let file: String

    /// Decodes the DEFLATE stream starting at `start`; returns the bytes and
    /// the offset just after the stream (where a gzip trailer starts).
    static func decode(_ bytes: [UInt8], from start: Int, limit: Int, file: String) throws -> (output: [UInt8], end: Int) {
        var decoder = Inflate(input: BitReader(bytes: bytes, position: start), limit: limit, file: file)
        try decoder.run()
        return (decoder.output, decoder.input.bytePosition)
    }

    private func error(_ reason: String) -> DataError {
        .malformedBinary(file: file, offset: input.bytePosition, reason: "bad compressed data: \(reason)")
    }

    private mutating func run() throws {
        var last = false
        while !last {
            last = try bits(1) == 1
            switch try bits(2) {
            case 0: try storedBlock()
            case 1: try huffmanBlock(literals: HuffmanTable.fixedLiterals, distances: HuffmanTable.fixedDistances)
            case 2:
                let (literals, distances) = try dynamicTables()
                try huffmanBlock(literals: literals, distances: distances)
            default: throw error("block type 3 is reserved")
            }
        }
        input.alignToByte()
    }

    private mutating func bits(_ count: Int) throws -> Int {
        guard let value = input.read(count) else { throw error("the data ends early") }
        return value
    }

    private mutating func storedBlock() throws {
        input.alignToByte()
        let length = try bits(16), complement = try bits(16)
        guard length == ~complement & 0xFFFF else { throw error("a stored block's length does not match its complement") }
        guard output.count + length <= limit else { throw error("the output would exceed \(limit) bytes") }
        guard let bytes = input.readAlignedBytes(length) else { throw error("a stored block ends early") }
        output += bytes
    }

    private mutating func symbol(_ table: HuffmanTable) throws -> Int {
        let code = input.peek(table.maxLength)
        let entry = table.entries[code]
        guard entry.length > 0, input.available >= Int(entry.length) else {
            throw error(input.available < table.maxLength && entry.length > 0 ? "the data ends early" : "an invalid Huffman code")
        }
        input.drop(Int(entry.length))
        return Int(entry.symbol)
    }

    private mutating func huffmanBlock(literals: HuffmanTable, distances: HuffmanTable) throws {
        while true {
            let value = try symbol(literals)
            if value < 256 {
                guard output.count < limit else { throw error("the output would exceed \(limit) bytes") }
                output.append(UInt8(value))
            } else if value == 256 {
                return
            } else {
                let index = value - 257
                guard index < Self.lengthBase.count else { throw error("invalid length code \(value)") }
                let length = Self.lengthBase[index] + (try bits(Self.lengthExtra[index]))
                let code = try symbol(distances)
                guard code < Self.distanceBase.count else { throw error("invalid distance code \(code)") }
                let distance = Self.distanceBase[code] + (try bits(Self.distanceExtra[code]))
                guard distance <= output.count else { throw error("a distance of \(distance) reaches before the start of the output") }
                guard output.count + length <= limit else { throw error("the output would exceed \(limit) bytes") }
                let from = output.count - distance
                for i in 0..<length { output.append(output[from + i]) }
            }
        }
    }

    private mutating func dynamicTables() throws -> (HuffmanTable, HuffmanTable) {
        let literalCount = try bits(5) + 257, distanceCount = try bits(5) + 1, lengthCount = try bits(4) + 4
        guard literalCount <= 286, distanceCount <= 30 else { throw error("too many codes in a dynamic block header") }
        var codeLengths = [UInt8](repeating: 0, count: 19)
        for i in 0..<lengthCount { codeLengths[Self.codeLengthOrder[i]] = UInt8(try bits(3)) }
        guard let lengthTable = HuffmanTable(lengths: codeLengths) else { throw error("an invalid code-length code") }
        var lengths: [UInt8] = []
        while lengths.count < literalCount + distanceCount {
            let value = try symbol(lengthTable)
            switch value {
            case 0...15: lengths.append(UInt8(value))
            case 16:
                guard let previous = lengths.last else { throw error("a repeat code with nothing to repeat") }
                lengths += [UInt8](repeating: previous, count: 3 + (try bits(2)))
            case 17: lengths += [UInt8](repeating: 0, count: 3 + (try bits(3)))
            default: lengths += [UInt8](repeating: 0, count: 11 + (try bits(7)))
            }
        }
        guard lengths.count == literalCount + distanceCount else { throw error("code lengths overrun the header's counts") }
        guard lengths[256] != 0 else { throw error("the block has no end-of-block code") }
        guard let literals = HuffmanTable(lengths: Array(lengths[..<literalCount])),
              let distances = HuffmanTable(lengths: Array(lengths[literalCount...])) else {
            throw error("an over-subscribed Huffman code")
        }
        return (literals, distances)
    }

    private static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
    private static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    private static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
}

/// A canonical Huffman code as a lookup table indexed by the next
/// `maxLength` input bits (least significant bit first).
struct HuffmanTable {
    struct Entry {
        var symbol: UInt16 = 0
        var length: UInt8 = 0   // 0: no code starts with these bits
    }

    let maxLength: Int
    let entries: [Entry]

    /// The code with these lengths per symbol (0 = unused); nil when
    /// over-subscribed. Incomplete codes are allowed: their gaps are invalid entries.
    init?(lengths: [UInt8]) {
        let maxLength = max(1, Int(lengths.max() ?? 0))
        guard maxLength <= 15 else { return nil }
        var counts = [Int](repeating: 0, count: 16)
        for length in lengths { counts[Int(length)] += 1 }
        counts[0] = 0
        var left = 1
        for length in 1...15 {
            left = left << 1 - counts[length]
            if left < 0 { return nil }
        }
        var next = [Int](repeating: 0, count: 16)
        var code = 0
        for length in 1...15 {
            code = (code + counts[length - 1]) << 1
            next[length] = code
        }
        var entries = [Entry](repeating: Entry(), count: 1 << maxLength)
        for (symbol, length) in lengths.enumerated() where length > 0 {
            let bits = Int(length)
            let code = next[bits]
            next[bits] += 1
            var reversed = 0
            for i in 0..<bits where code >> i & 1 == 1 { reversed |= 1 << (bits - 1 - i) }
            var index = reversed
            while index < entries.count {
                entries[index] = Entry(symbol: UInt16(symbol), length: length)
                index += 1 << bits
            }
        }
        self.maxLength = maxLength
        self.entries = entries
    }

    static let fixedLiterals: HuffmanTable = HuffmanTable(lengths:
        [UInt8](repeating: 8, count: 144) + [UInt8](repeating: 9, count: 112)
        + [UInt8](repeating: 7, count: 24) + [UInt8](repeating: 8, count: 8))
        ?? HuffmanTable(maxLength: 1, entries: [Entry(), Entry()])
    static let fixedDistances: HuffmanTable = HuffmanTable(lengths: [UInt8](repeating: 5, count: 30))
        ?? HuffmanTable(maxLength: 1, entries: [Entry(), Entry()])

    private init(maxLength: Int, entries: [Entry]) {
        self.maxLength = maxLength
        self.entries = entries
    }
}

/// Reads bits least significant first, as DEFLATE packs them.
struct BitReader {
    let bytes: [UInt8]
    private(set) var position: Int
    private var buffer: UInt64 = 0
    private(set) var available = 0

    init(bytes: [UInt8], position: Int) {
        self.bytes = bytes
        self.position = max(0, min(position, bytes.count))
    }

    /// The offset of the first byte not yet (fully) consumed.
    var bytePosition: Int { position - available / 8 }

    private mutating func refill() {
        while available <= 56, position < bytes.count {
            buffer |= UInt64(bytes[position]) << UInt64(available)
            position += 1
            available += 8
        }
    }

    /// The next `count` (≤ 16) bits without consuming them, zero past the end.
    mutating func peek(_ count: Int) -> Int {
        if available < count { refill() }
        return Int(buffer & ((1 << UInt64(count)) - 1))
    }

    /// Consumes `count` bits (at most `available`).
    mutating func drop(_ count: Int) {
        let n = min(count, available)
        buffer >>= UInt64(n)
        available -= n
    }

    /// The next `count` (≤ 16) bits, or nil at the end of the input.
    mutating func read(_ count: Int) -> Int? {
        if count == 0 { return 0 }
        let value = peek(count)
        guard available >= count else { return nil }
        drop(count)
        return value
    }

    /// Skips to the next byte boundary.
    mutating func alignToByte() { drop(available % 8) }

    /// `count` whole bytes after aligning, or nil when the input is shorter.
    mutating func readAlignedBytes(_ count: Int) -> [UInt8]? {
        alignToByte()
        let start = bytePosition
        guard count <= bytes.count - start else { return nil }
        buffer = 0
        available = 0
        position = start + count
        return Array(bytes[start..<position])
    }
}
