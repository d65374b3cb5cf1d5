import CMatrixKernels
import Foundation
import TensorCore

/// Each distinct matrix product of a depth-epoch (the four networks, 4000
/// samples) and of the wide networks, through OpenBLAS (its core type as
/// loaded) and through dln's thin-shape kernels, one call after the other,
/// many times. On a shared machine the fastest of many short calls is the
/// one that ran undisturbed, so the table gives minima (and medians).
/// docs/engine.md ("Thin products") chose its rule from these numbers.
/// `family` runs a narrower family than the CPU's best (`avx2` on an
/// AVX-512 CPU: the AVX2 kernels against OpenBLAS's AVX2 core types).
func benchmarkThinProducts(rounds: Int, family name: String?) throws {
    let blas = try BLASLibrary.shared.get()
    Parallelism.threads = 1
    let families = ["avx2": DLNKernelFamilyAVX2, "avx512": DLNKernelFamilyAVX512]
    let family = name.map { families[$0] } ?? dln_thin_family()
    guard let family, family.rawValue <= dln_thin_family().rawValue else {
        fail("--family: \(name ?? "") is not one this CPU runs (avx2, avx512)", status: 2)
    }
    print("OpenBLAS core type: \(blas.coreName); thin-product kernels: \(name ?? ThinProduct.familyName); one thread, \(rounds) rounds")
    print("| op | m | n | k | OpenBLAS min (median) µs | kernels min (median) µs | kernels / OpenBLAS | rule |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for shape in thinBenchmarkShapes() {
        let operands = try ProductOperands(shape, family: family)
        var times: ([Double], [Double]) = ([], [])
        for _ in 0..<rounds {
            times.0.append(seconds { operands.runBLAS(blas) })
            times.1.append(seconds { operands.runKernels() })
        }
        let (blasMin, kernelsMin) = (times.0.min() ?? 0, times.1.min() ?? 0)
        let median = { (values: [Double]) in values.sorted()[values.count / 2] }
        let rule = ThinProduct.applies(transposeA: shape.ta, transposeB: shape.tb, m: shape.m, n: shape.n, k: shape.k)
        print("| \(shape.ta ? "T" : "N")\(shape.tb ? "T" : "N") | \(shape.m) | \(shape.n) | \(shape.k) "
            + "| \(format(blasMin * 1e6)) (\(format(median(times.0) * 1e6))) "
            + "| \(format(kernelsMin * 1e6)) (\(format(median(times.1) * 1e6))) "
            + "| \(String(format: "%.2f", kernelsMin / blasMin)) | \(rule ? "kernels" : "OpenBLAS") |")
    }
}

private func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

private struct ProductShape: Hashable {
    let ta: Bool, tb: Bool, m: Int, n: Int, k: Int
}

/// The products of a full-batch epoch as `DenseChain` makes them (forward
/// x·W, then Xᵀ·G and G·Wᵀ), without repeats, for the depth networks and
/// the wide ones (40-1024-10, 40-4096-10).
private func thinBenchmarkShapes(samples m: Int = 4000) -> [ProductShape] {
    var shapes: [ProductShape] = []
    for widths in [[40, 298, 10], [40, 100, 100, 10], [40, 75, 75, 75, 10], [40, 63, 63, 63, 63, 10],
                   [40, 1024, 10], [40, 4096, 10]] {
        for l in 0..<(widths.count - 1) {
            shapes.append(ProductShape(ta: false, tb: false, m: m, n: widths[l + 1], k: widths[l]))
            shapes.append(ProductShape(ta: true, tb: false, m: widths[l], n: widths[l + 1], k: m))
            if l > 0 { shapes.append(ProductShape(ta: false, tb: true, m: m, n: widths[l], k: widths[l + 1])) }
        }
    }
    var seen = Set<ProductShape>()
    return shapes.filter { seen.insert($0).inserted }
}

/// Random operands and a result buffer for one product.
private final class ProductOperands {
    let shape: ProductShape
    let family: DLNKernelFamily
    let a: [Float], b: [Float]
    var c: [Float]

    init(_ shape: ProductShape, family: DLNKernelFamily) throws {
        self.shape = shape
        self.family = family
        var generator = RandomGenerator(seed: 5)
        a = try Tensor<Float>.uniform([shape.m * shape.k], generator: &generator).scalars
        b = try Tensor<Float>.uniform([shape.k * shape.n], generator: &generator).scalars
        c = [Float](repeating: 0, count: shape.m * shape.n)
    }

    func runBLAS(_ blas: BLASLibrary) {
        withPointers { s, a, lda, b, ldb, c in
            blas.gemm(transposeA: s.ta, transposeB: s.tb, m: s.m, n: s.n, k: s.k, alpha: Float(1), a: a, lda: lda,
                      b: b, ldb: ldb, beta: 0, c: c, ldc: s.n, threads: 1)
        }
    }

    func runKernels() {
        withPointers { s, a, lda, b, ldb, c in
            let done = dln_thin_sgemm_family(family, 0, s.ta ? 1 : 0, s.tb ? 1 : 0, s.m, s.n, s.k, a, lda, b, ldb, 0, c, s.n)
            if done != 0 { fail("the thin-product kernels could not run", status: 1) }
        }
    }

    private func withPointers(
        _ body: (ProductShape, UnsafePointer<Float>, Int, UnsafePointer<Float>, Int, UnsafeMutablePointer<Float>) -> Void
    ) {
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    guard let a = a.baseAddress, let b = b.baseAddress, let c = c.baseAddress else { return }
                    body(shape, a, shape.ta ? shape.m : shape.k, b, shape.tb ? shape.k : shape.n, c)
                }
            }
        }
    }
}
