import CMatrixKernels

/// One input plane with its zero padding around it, [H + 2P, W + 2P], as
/// scratch for `PatchMatrix`: inside it every window lies wholly in the
/// plane, so each patch row (one kernel element, one output row) reads OW
/// elements S apart with no padding cases, which the C kernels
/// (`PatchRows.h`) copy in vector-wide chunks. nil when the padded plane would be
/// larger than `PatchMatrix.paddedPlaneLimit`.
struct PaddedPlane {
    let g: WindowGeometry
    let height: Int, width: Int

    init?(_ g: WindowGeometry) {
        // WindowGeometry has checked that H + 2P and W + 2P do not overflow.
        let height = g.height + 2 * g.padding.height, width = g.width + 2 * g.padding.width
        let (area, overflow) = height.multipliedReportingOverflow(by: width)
        guard !overflow, area <= PatchMatrix.paddedPlaneLimit else { return nil }
        (self.g, self.height, self.width) = (g, height, width)
    }

    /// Without padding the plane itself is the padded plane: no copies.
    private var isInput: Bool { g.padding == 0 }

    /// Writes the patch matrix of `x` into `out`, plane by plane.
    func build<Scalar: TensorScalar>(_ x: UnsafePointer<Scalar>, into out: UnsafeMutablePointer<Scalar>) {
        let columnCount = g.batch * g.outputPixels
        withScratch { (padded: UnsafeMutablePointer<Scalar>) in
            for n in 0..<g.batch {
                for c in 0..<g.channels {
                    var plane = x + (n * g.channels + c) * g.inputPixels
                    if !isInput {
                        copyInside(from: plane, into: padded)
                        plane = UnsafePointer(padded)
                    }
                    let rows = out + c * g.kernel.area * columnCount + n * g.outputPixels
                    if Scalar.self == Float.self {
                        dln_patch_build_s(rebound(plane, to: Float.self), width, g.outputHeight, g.outputWidth, g.kernel.height, g.kernel.width,
                                          g.stride.height, g.stride.width, g.dilation.height, g.dilation.width,
                                          rebound(rows, to: Float.self), columnCount)
                    } else {
                        dln_patch_build_d(rebound(plane, to: Double.self), width, g.outputHeight, g.outputWidth, g.kernel.height, g.kernel.width,
                                          g.stride.height, g.stride.width, g.dilation.height, g.dilation.width,
                                          rebound(rows, to: Double.self), columnCount)
                    }
                }
            }
        }
    }

    /// Writes into `x` the patch elements of `columns` added up per input
    /// element, plane by plane: in the padded scratch, kernel element by
    /// kernel element (the order `PatchMatrix.foldBySpans` adds in, from the
    /// same zero), then the plane's inside copied out (or straight in `x`
    /// when there is no padding).
    func fold<Scalar: TensorScalar>(_ columns: UnsafePointer<Scalar>, into x: UnsafeMutablePointer<Scalar>) {
        let columnCount = g.batch * g.outputPixels
        withScratch { (padded: UnsafeMutablePointer<Scalar>) in
            for n in 0..<g.batch {
                for c in 0..<g.channels {
                    let plane = isInput ? x + (n * g.channels + c) * g.inputPixels : padded
                    plane.update(repeating: 0, count: height * width)
                    let rows = columns + c * g.kernel.area * columnCount + n * g.outputPixels
                    if Scalar.self == Float.self {
                        dln_patch_fold_s(rebound(plane, to: Float.self), width, g.outputHeight, g.outputWidth, g.kernel.height, g.kernel.width,
                                         g.stride.height, g.stride.width, g.dilation.height, g.dilation.width,
                                         rebound(rows, to: Float.self), columnCount)
                    } else {
                        dln_patch_fold_d(rebound(plane, to: Double.self), width, g.outputHeight, g.outputWidth, g.kernel.height, g.kernel.width,
                                         g.stride.height, g.stride.width, g.dilation.height, g.dilation.width,
                                         rebound(rows, to: Double.self), columnCount)
                    }
                    if !isInput { copyOutside(from: padded, into: x + (n * g.channels + c) * g.inputPixels) }
                }
            }
        }
    }

    /// The same memory as the C kernels' type (Scalar is Float or Double, checked by the caller).
    @inline(__always)
    private func rebound<Scalar, Target>(_ pointer: UnsafeMutablePointer<Scalar>, to: Target.Type) -> UnsafeMutablePointer<Target> {
        UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: Target.self)
    }

    @inline(__always)
    private func rebound<Scalar, Target>(_ pointer: UnsafePointer<Scalar>, to: Target.Type) -> UnsafePointer<Target> {
        UnsafeRawPointer(pointer).assumingMemoryBound(to: Target.self)
    }

    /// A zeroed scratch plane for `body` (its border stays zero in `build`).
    private func withScratch<Scalar: TensorScalar>(_ body: (UnsafeMutablePointer<Scalar>) -> Void) {
        withUnsafeTemporaryAllocation(of: Scalar.self, capacity: height * width) { scratch in
            guard let scratch = scratch.baseAddress else { return }
            scratch.initialize(repeating: 0, count: height * width)
            body(scratch)
        }
    }

    // The C kernel rather than memmove calls: the rows are a few elements long.
    private func copyInside<Scalar>(from plane: UnsafePointer<Scalar>, into padded: UnsafeMutablePointer<Scalar>) {
        copy(plane, width: g.width, into: padded + g.padding.height * width + g.padding.width, width: width)
    }

    private func copyOutside<Scalar>(from padded: UnsafePointer<Scalar>, into plane: UnsafeMutablePointer<Scalar>) {
        copy(padded + g.padding.height * width + g.padding.width, width: width, into: plane, width: g.width)
    }

    /// The input plane's H × W block between planes of the given widths.
    private func copy<Scalar>(_ source: UnsafePointer<Scalar>, width sourceWidth: Int, into target: UnsafeMutablePointer<Scalar>,
                              width targetWidth: Int) {
        if Scalar.self == Float.self {
            dln_plane_copy_s(rebound(source, to: Float.self), sourceWidth, rebound(target, to: Float.self), targetWidth,
                             g.height, g.width)
        } else {
            dln_plane_copy_d(rebound(source, to: Double.self), sourceWidth, rebound(target, to: Double.self), targetWidth,
                             g.height, g.width)
        }
    }
}
