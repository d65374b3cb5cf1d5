/// The patch matrix of a whole batch (im2col), [C·KH·KW, N·OH·OW] — row
/// (c, ky, kx), column (n, oy, ox) — and its adjoint (col2im). When the
/// zero-padded plane is small (`paddedPlaneLimit`), each input plane is first
/// copied into a zero-bordered scratch plane: every patch row is then a plain
/// copy of OW elements with no padding cases, which suits the short rows of
/// small images. Otherwise both walk the window's geometry directly: for each
/// kernel element the output pixels whose input lies inside the plane form one
/// rectangle (`WindowSpan` per axis), so each patch row is written in order,
/// a stride-1 row as one copy, with no index tables and no branch per element.
enum PatchMatrix {
    /// The largest zero-padded plane (elements) held as scratch; larger
    /// planes (a huge padding) take the span walk, which needs none.
    static let paddedPlaneLimit = 1 << 18

    /// Writes the patch matrix of `x` [N, C, H, W] into `out` (every element,
    /// zeros where the window lies in the padding).
    static func build<Scalar: TensorScalar>(_ x: UnsafePointer<Scalar>, _ g: WindowGeometry,
                                            into out: UnsafeMutablePointer<Scalar>) {
        if let plane = PaddedPlane(g) { return plane.build(x, into: out) }
        buildBySpans(x, g, into: out)
    }

    /// Writes into `x` [N, C, H, W] the sum of the patch elements of `columns`
    /// taken from each input element (0 for one no window reads). Each input
    /// element receives its additions in one fixed order, kernel element by
    /// kernel element, whichever path runs.
    static func fold<Scalar: TensorScalar>(_ columns: UnsafePointer<Scalar>, _ g: WindowGeometry,
                                           into x: UnsafeMutablePointer<Scalar>) {
        if let plane = PaddedPlane(g) { return plane.fold(columns, into: x) }
        x.update(repeating: 0, count: g.batch * g.channels * g.inputPixels)
        foldBySpans(columns, g, into: x)
    }

    /// `build` by the kernel elements' spans, for any padding.
    static func buildBySpans<Scalar: TensorScalar>(_ x: UnsafePointer<Scalar>, _ g: WindowGeometry,
                                                   into out: UnsafeMutablePointer<Scalar>) {
        let columnCount = g.batch * g.outputPixels, outWidth = g.outputWidth
        for c in 0..<g.channels {
            for ky in 0..<g.kernel.height {
                let rows = WindowSpan(g, axis: .height, kernelIndex: ky)
                for kx in 0..<g.kernel.width {
                    let columns = WindowSpan(g, axis: .width, kernelIndex: kx)
                    let row = out + ((c * g.kernel.height + ky) * g.kernel.width + kx) * columnCount
                    for n in 0..<g.batch {
                        let plane = x + (n * g.channels + c) * g.inputPixels, sample = row + n * g.outputPixels
                        zero(sample, count: rows.first * outWidth)
                        for oy in rows.first..<rows.end {
                            let line = sample + oy * outWidth
                            zero(line, count: columns.first)
                            if columns.count > 0 {
                                let source = plane + rows.input(oy) * g.width + columns.input(columns.first)
                                copy(source, stride: g.stride.width, count: columns.count, into: line + columns.first)
                            }
                            zero(line + columns.end, count: outWidth - columns.end)
                        }
                        zero(sample + rows.end * outWidth, count: (g.outputHeight - rows.end) * outWidth)
                    }
                }
            }
        }
    }

    /// Adds each patch element of `columns` back onto the input element it
    /// was taken from (`x` must hold zeros), by the kernel elements' spans:
    /// the matrix is read row by row, in order.
    static func foldBySpans<Scalar: TensorScalar>(_ columns: UnsafePointer<Scalar>, _ g: WindowGeometry,
                                                  into x: UnsafeMutablePointer<Scalar>) {
        let columnCount = g.batch * g.outputPixels, outWidth = g.outputWidth
        for c in 0..<g.channels {
            for ky in 0..<g.kernel.height {
                let rows = WindowSpan(g, axis: .height, kernelIndex: ky)
                for kx in 0..<g.kernel.width {
                    let spans = WindowSpan(g, axis: .width, kernelIndex: kx)
                    guard spans.count > 0 else { continue }
                    let row = columns + ((c * g.kernel.height + ky) * g.kernel.width + kx) * columnCount
                    for n in 0..<g.batch {
                        let plane = x + (n * g.channels + c) * g.inputPixels, sample = row + n * g.outputPixels
                        for oy in rows.first..<rows.end {
                            let source = sample + oy * outWidth + spans.first
                            let target = plane + rows.input(oy) * g.width + spans.input(spans.first)
                            add(source, count: spans.count, into: target, stride: g.stride.width)
                        }
                    }
                }
            }
        }
    }

    @inline(__always)
    private static func copy<Scalar>(_ source: UnsafePointer<Scalar>, stride: Int, count: Int,
                                     into target: UnsafeMutablePointer<Scalar>) {
        if stride == 1 { return target.update(from: source, count: count) }
        for i in 0..<count { target[i] = source[i &* stride] }
    }

    /// Zeros for the padding; nothing at all (no call) for an empty run.
    @inline(__always)
    private static func zero<Scalar: TensorScalar>(_ target: UnsafeMutablePointer<Scalar>, count: Int) {
        if count > 0 { target.update(repeating: 0, count: count) }
    }

    @inline(__always)
    private static func add<Scalar: TensorScalar>(_ source: UnsafePointer<Scalar>, count: Int,
                                                  into target: UnsafeMutablePointer<Scalar>, stride: Int) {
        if stride == 1 {
            for i in 0..<count { target[i] += source[i] }
        } else {
            for i in 0..<count { target[i &* stride] += source[i] }
        }
    }
}

/// Along one spatial axis, for one kernel element: the outputs `first..<end`
/// whose input position o·S − P + k·D lies inside the input (the others fall
/// in the padding). Outputs in range form one run, since the position grows with o.
struct WindowSpan {
    enum Axis { case height, width }

    let first: Int
    let end: Int
    private let stride: Int
    private let offset: Int

    init(_ g: WindowGeometry, axis: Axis, kernelIndex k: Int) {
        let (outputs, size) = axis == .height ? (g.outputHeight, g.height) : (g.outputWidth, g.width)
        stride = axis == .height ? g.stride.height : g.stride.width
        let padding = axis == .height ? g.padding.height : g.padding.width
        let dilation = axis == .height ? g.dilation.height : g.dilation.width
        offset = k * dilation - padding
        // The least o with o·S + offset ≥ 0, and the least with o·S + offset ≥ size.
        first = min(outputs, Self.ceilingQuotient(-offset, stride))
        end = max(first, min(outputs, Self.ceilingQuotient(size - offset, stride)))
    }

    var count: Int { end - first }

    /// The input position output `o` reads (wrapping: callers may ask for
    /// `first` of an empty span, and then read nothing).
    @inline(__always)
    func input(_ o: Int) -> Int { o &* stride &+ offset }

    /// Calls `body(outputStart, inputStart, count)` for every run of one
    /// plane's output pixels that read input pixels `inputStart + i·S` (S the
    /// width stride), kernel element by kernel element (row-major), then
    /// output row by output row.
    @inline(__always)
    static func forEachRun(_ g: WindowGeometry, _ body: (Int, Int, Int) -> Void) {
        for ky in 0..<g.kernel.height {
            let rows = WindowSpan(g, axis: .height, kernelIndex: ky)
            for kx in 0..<g.kernel.width {
                let columns = WindowSpan(g, axis: .width, kernelIndex: kx)
                guard columns.count > 0 else { continue }
                for oy in rows.first..<rows.end {
                    body(oy * g.outputWidth + columns.first, rows.input(oy) * g.width + columns.input(columns.first), columns.count)
                }
            }
        }
    }

    /// ⌈a / b⌉ for b > 0, and 0 for a ≤ 0.
    private static func ceilingQuotient(_ a: Int, _ b: Int) -> Int { a <= 0 ? 0 : (a - 1) / b + 1 }
}
