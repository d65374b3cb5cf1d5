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

    /// Tensors of more axes than this are summarised, not laid out (NumPy's limit too):
    /// a layout nests one bracket level and one blank line per axis.
    public var maximumLaidOutRank = 32
    /// At most this many numbers are laid out; past it the tensor is summarised.
    public var maximumShownValues = 4096

    /// The tensor's values, then a line with its shape and element type
    /// (`elementType`, when given, names it instead: `bool` for masks).
    public func format<T: TensorScalar>(_ tensor: Tensor<T>, elementType: String? = nil) -> String {
        body(tensor) + "\n" + footer(tensor, elementType: elementType)
    }

    /// `(2, 3) float32`: the line under a tensor's values. A shape of more than
    /// ``maximumLaidOutRank`` axes shows its first and last axes and the rank.
    public func footer<T: TensorScalar>(_ tensor: Tensor<T>, elementType: String? = nil) -> String {
        let shape = tensor.shape
        let type = elementType ?? T.dtypeName
        guard shape.count > maximumLaidOutRank else { return "\(Shape.describe(shape)) \(type)" }
        let ends = edgeItems
        let axes = shape.prefix(ends).map(String.init) + ["…"] + shape.suffix(ends).map(String.init)
        return "(" + axes.joined(separator: ", ") + ") \(type), rank \(shape.count)"
    }

    /// The values alone: `[[1, 2], [3, 4]]` laid out over rows.
    ///
    /// The work is bounded whatever the shape: at most ``maximumShownValues`` numbers
    /// and ``maximumLaidOutRank`` bracket levels (a rank-100,000 tensor or an empty one
    /// with an axis of 10^15 would otherwise take for ever and unbounded memory).
    public func body<T: TensorScalar>(_ tensor: Tensor<T>) -> String {
        let shape = tensor.shape
        if tensor.rank == 0 {
            let value = tensor.scalars.first.map { Double($0) } ?? 0
            return NumberStyle(values: [value], maximumDecimals: maximumDecimals).text(value)
        }
        if tensor.scalars.isEmpty { return "[]" }
        let elide = tensor.scalars.count > summaryThreshold
        let shown = shownIndices(shape, elide: elide)
        guard shape.count <= maximumLaidOutRank, shownValueCount(shown) <= maximumShownValues else {
            return summary(tensor)
        }
        let strides = Self.strides(of: shape)
        let visible = visibleOffsets(shown, strides: strides).map { Double(tensor.scalars[$0]) }
        let numbers = NumberStyle(values: visible, maximumDecimals: maximumDecimals)
        var out = ""
        write(tensor.scalars, shape: shape, strides: strides, shown: shown, axis: 0, offset: 0, numbers: numbers, into: &out)
        return out
    }

    /// A tensor too large to lay out: its size and its first and last values in storage order.
    private func summary<T: TensorScalar>(_ tensor: Tensor<T>) -> String {
        let scalars = tensor.scalars
        let elided = scalars.count > 2 * edgeItems
        let first = scalars.prefix(elided ? edgeItems : scalars.count).map { Double($0) }
        let last = elided ? scalars.suffix(edgeItems).map { Double($0) } : []
        let numbers = NumberStyle(values: first + last, maximumDecimals: maximumDecimals)
        let shown = first.map(numbers.text) + (elided ? ["…"] + last.map(numbers.text) : [])
        let reason = tensor.rank > maximumLaidOutRank ? "too many axes to lay out" : "too many values to lay out"
        return "[\(scalars.count) values over \(tensor.rank) axes, \(reason): " + shown.joined(separator: ", ") + "]"
    }

    /// For each axis, the positions shown (nil marks the elision).
    private func shownIndices(_ shape: [Int], elide: Bool) -> [[Int?]] {
        shape.map { size in
            guard elide, size > 2 * edgeItems else { return Array(0..<min(size, maximumShownValues + 1)) }
            return Array(0..<edgeItems) + [nil] + Array((size - edgeItems)..<size)
        }
    }

    /// How many numbers a layout would show, stopping once past ``maximumShownValues``.
    private func shownValueCount(_ shown: [[Int?]]) -> Int {
        var count = 1
        for kept in shown {
            count *= kept.count(where: { $0 != nil })
            if count > maximumShownValues { return count }
        }
        return count
    }

    /// Row-major strides, in one pass from the last axis.
    static func strides(of shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var step = 1
        for axis in shape.indices.reversed() {
            strides[axis] = step
            step = step.multipliedReportingOverflow(by: shape[axis]).partialValue
        }
        return strides
    }

    /// Storage offsets of the shown values.
    private func visibleOffsets(_ shown: [[Int?]], strides: [Int]) -> [Int] {
        var offsets = [0]
        for (axis, kept) in shown.enumerated() {
            offsets = offsets.flatMap { base in kept.compactMap { $0 }.map { base + $0 * strides[axis] } }
        }
        return offsets
    }

    private func write<T: TensorScalar>(_ values: [T], shape: [Int], strides: [Int], shown: [[Int?]], axis: Int, offset: Int,
                                        numbers: NumberStyle, into out: inout String) {
        out += "["
        if axis == shape.count - 1 {
            out += shown[axis].map { $0.map { numbers.padded(Double(values[offset + $0])) } ?? "…" }.joined(separator: ", ")
        } else {
            let indent = String(repeating: " ", count: axis + 1)
            let separator = "," + String(repeating: "\n", count: shape.count - axis - 1) + indent
            var first = true
            for position in shown[axis] {
                if !first { out += separator }
                first = false
                if let position {
                    write(values, shape: shape, strides: strides, shown: shown, axis: axis + 1,
                          offset: offset + position * strides[axis], numbers: numbers, into: &out)
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
