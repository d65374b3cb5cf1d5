import Foundation
import TensorCore

/// Renders tensors the way NumPy and Octave print arrays: aligned columns,
/// one number format for the whole tensor, the middle of large tensors
/// elided, and the shape and element type underneath.
public struct TensorFormatter {
    /// Tensors with more elements than this are shown with `…` in the middle.
    public var summaryThreshold = 1000
    /// How many items to keep at each end of an elided axis.
    public var edgeItems = 3
    /// At most this many decimals.
    public var maximumDecimals = 4

    public init() {}

    /// The tensor's values, then a line with its shape and element type.
    public func format<T: TensorScalar>(_ tensor: Tensor<T>) -> String {
        body(tensor) + "\n" + footer(tensor)
    }

    /// `(2, 3) float32`: the line under a tensor's values.
    public func footer<T: TensorScalar>(_ tensor: Tensor<T>) -> String {
        "\(Shape.describe(tensor.shape)) \(T.dtypeName)"
    }

    /// The values alone: `[[1, 2], [3, 4]]` laid out over rows.
    public func body<T: TensorScalar>(_ tensor: Tensor<T>) -> String {
        // An empty tensor prints as NumPy prints one, `[]`, its shape in the
        // footer: walking its other axes could take as long as they are.
        if tensor.count == 0 { return "[]" }
        let values = tensor.scalars.map { Double($0) }
        let elide = values.count > summaryThreshold
        let shown = shownIndices(tensor.shape, elide: elide)
        let numbers = NumberStyle(values: elide ? visibleValues(values, tensor.shape, shown) : values,
                                  maximumDecimals: maximumDecimals)
        if tensor.rank == 0 { return numbers.text(values.first ?? 0) }
        var out = ""
        write(values, shape: tensor.shape, shown: shown, axis: 0, offset: 0, numbers: numbers, into: &out)
        return out
    }

    /// For each axis, the positions shown (nil marks the elision).
    private func shownIndices(_ shape: [Int], elide: Bool) -> [[Int?]] {
        shape.map { size in
            guard elide, size > 2 * edgeItems else { return Array(0..<size) }
            return Array(0..<edgeItems) + [nil] + Array((size - edgeItems)..<size)
        }
    }

    private func visibleValues(_ values: [Double], _ shape: [Int], _ shown: [[Int?]]) -> [Double] {
        var offsets = [0]
        let strides = shape.indices.map { shape[($0 + 1)...].reduce(1, *) }
        for (axis, kept) in shown.enumerated() {
            offsets = offsets.flatMap { base in kept.compactMap { $0 }.map { base + $0 * strides[axis] } }
        }
        return offsets.map { values[$0] }
    }

    private func write(_ values: [Double], shape: [Int], shown: [[Int?]], axis: Int, offset: Int,
                       numbers: NumberStyle, into out: inout String) {
        let stride = shape[(axis + 1)...].reduce(1, *)
        out += "["
        if axis == shape.count - 1 {
            out += shown[axis].map { $0.map { numbers.padded(values[offset + $0]) } ?? "…" }.joined(separator: ", ")
        } else {
            let indent = String(repeating: " ", count: axis + 1)
            let separator = "," + String(repeating: "\n", count: shape.count - axis - 1) + indent
            var first = true
            for position in shown[axis] {
                if !first { out += separator }
                first = false
                if let position {
                    write(values, shape: shape, shown: shown, axis: axis + 1, offset: offset + position * stride, numbers: numbers, into: &out)
                } else {
                    out += "…"
                }
            }
        }
        out += "]"
    }
}

/// One number format for a whole tensor: integers, fixed decimals, or
/// scientific notation when the magnitudes call for it.
struct NumberStyle {
    enum Kind { case integer, fixed(Int), scientific }
    let kind: Kind
    let width: Int

    init(values: [Double], maximumDecimals: Int) {
        let finite = values.filter(\.isFinite)
        let magnitudes = finite.map(Swift.abs).filter { $0 > 0 }
        let largest = magnitudes.max() ?? 0, smallest = magnitudes.min() ?? 0
        if finite.allSatisfy({ $0 == $0.rounded() }) && largest < 1e15 {
            kind = .integer
        } else if largest >= 1e6 || smallest < 1e-4 || (smallest > 0 && largest / smallest >= 1e7) {
            kind = .scientific
        } else {
            // The fewest decimals that change no value at maximumDecimals.
            let decimals = (1...max(maximumDecimals, 1)).first { d in
                finite.allSatisfy { Double(String(format: "%.\(d)f", $0)) == Double(String(format: "%.\(maximumDecimals)f", $0)) }
            } ?? maximumDecimals
            kind = .fixed(decimals)
        }
        let style = NumberStyle(kind: kind, width: 0)
        width = values.map { style.text($0).count }.max() ?? 0
    }

    private init(kind: Kind, width: Int) {
        self.kind = kind
        self.width = width
    }

    func text(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        switch kind {
        case .integer: return String(format: "%.0f", value == 0 ? 0 : value)
        case let .fixed(decimals): return String(format: "%.\(decimals)f", value)
        case .scientific: return String(format: "%.4e", value)
        }
    }

    func padded(_ value: Double) -> String {
        let s = text(value)
        return String(repeating: " ", count: max(0, width - s.count)) + s
    }
}
