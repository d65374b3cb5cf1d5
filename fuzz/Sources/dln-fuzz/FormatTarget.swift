// The `format` target: the input bytes decode into a tensor, which is formatted the
// ways dln prints tensors.
import Foundation
import Library
import TensorCore

enum FormatTarget {
    /// Larger tensors are skipped: the formatter's bounds are about shapes and values,
    /// and filling millions of elements would only slow the fuzzer.
    static let maximumElementCount = 1 << 16
    /// `NumberText.fixed` lays out every value (as `format(x)` in a notebook does), so
    /// it gets smaller tensors.
    static let maximumFixedTextCount = 1 << 12

    /// Values worth having at hand: non-finite, signed zero, subnormal, extreme and
    /// awkward magnitudes, 2^53 (indexed by selector bytes 0xF0…0xFF).
    static let specialValues: [Double] = [
        .nan, .infinity, -.infinity, -0.0,
        .leastNonzeroMagnitude, -.leastNormalMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
        1e15, 1e-5, 0.1, 1.0 / 3, 1e6, 123_456.789, -1e-300, 9_007_199_254_740_992,
    ]

    /// A decoded input: the element type, the digits for `NumberText`, a shape and values.
    struct Case {
        var single: Bool
        var digits: Int
        var shape: [Int]
        var values: [Double]
    }

    static func run(_ bytes: [UInt8]) {
        guard let input = decode(bytes) else { return }
        if input.single {
            format(input, as: Float.self)
        } else {
            format(input, as: Double.self)
        }
    }

    static func format<T: TensorScalar>(_ input: Case, as type: T.Type) {
        guard let tensor = try? Tensor<T>(shape: input.shape, scalars: input.values.map { T($0) }) else { return }
        let formatter = TensorFormatter()
        _ = formatter.format(tensor)
        _ = formatter.body(tensor)
        _ = formatter.footer(tensor)
        if tensor.count <= maximumFixedTextCount {
            _ = NumberText.fixed(tensor.converted() as Tensor<Double>, digits: input.digits)
        }
        for value in input.values.prefix(16) { _ = NumberText.fixed(value, digits: input.digits) }
    }

    /// Byte 0: bit 0 picks Float, the rest the digits (0–17, as `format(x, digits:)`
    /// accepts); byte 1: the rank (0–8); one byte per axis size; then values.
    static func decode(_ bytes: [UInt8]) -> Case? {
        guard bytes.count >= 2 else { return nil }
        let rank = Int(bytes[1]) % 9
        guard bytes.count >= 2 + rank else { return nil }
        let shape = bytes[2..<(2 + rank)].map(axisSize)
        guard let count = try? Shape.elementCount(shape), count <= maximumElementCount else { return nil }
        let pool = values(in: bytes[(2 + rank)...])
        let filled = pool.isEmpty ? [Double](repeating: 0, count: count) : (0..<count).map { pool[$0 % pool.count] }
        return Case(single: bytes[0] & 1 == 1, digits: Int(bytes[0] >> 1) % 18, shape: shape, values: filled)
    }

    /// Mostly small sizes (0–7); bytes 200 and up give sizes to 2,200 (elided axes),
    /// and 255 an axis of 1,000,000 (fine when another axis is 0).
    static func axisSize(_ byte: UInt8) -> Int {
        switch byte {
        case 255: return 1_000_000
        case 200...: return (Int(byte) - 200) * 40
        default: return Int(byte) % 8
        }
    }

    /// Selector bytes: 0x00–0x7F a small integer (−64…63), 0x80–0xBF a Float from the
    /// next 4 bytes, 0xC0–0xEF a Double from the next 8, 0xF0–0xFF a special value.
    static func values(in bytes: ArraySlice<UInt8>) -> [Double] {
        var values: [Double] = []
        var position = bytes.startIndex
        while position < bytes.endIndex {
            let selector = bytes[position]
            position += 1
            switch selector {
            case 0x00..<0x80:
                values.append(Double(Int(selector) - 64))
            case 0x80..<0xC0:
                guard let bits = littleEndian(bytes, at: position, width: 4) else { return values }
                values.append(Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits))))
                position += 4
            case 0xC0..<0xF0:
                guard let bits = littleEndian(bytes, at: position, width: 8) else { return values }
                values.append(Double(bitPattern: bits))
                position += 8
            default:
                values.append(specialValues[Int(selector - 0xF0)])
            }
        }
        return values
    }

    static func littleEndian(_ bytes: ArraySlice<UInt8>, at position: Int, width: Int) -> UInt64? {
        guard bytes.endIndex - position >= width else { return nil }
        return (0..<width).reduce(UInt64(0)) { $0 | UInt64(bytes[position + $1]) << (8 * $1) }
    }
}
