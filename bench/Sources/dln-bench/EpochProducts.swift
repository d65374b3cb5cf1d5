import Foundation
import NeuralNet
import TensorCore

/// How much of a depth-epoch is matrix products: for each depth network, the
/// epoch's products alone (forward x·W, then W's gradient xᵀ·G and the
/// input gradient G·Wᵀ of each layer, as the engine calls them) through raw
/// single-threaded OpenBLAS, against the whole epoch on one thread.
/// `bench/RESULTS.md` uses it to show what OpenBLAS leaves for the rest.
func benchmarkEpochProducts(dataDirectory: String) throws {
    let blas = try BLASLibrary.shared.get()
    Parallelism.threads = 1
    let data = try BenchData.mnist1d(dataDirectory)
    let m = data.count
    print("OpenBLAS core type: \(blas.coreName), one thread, \(m) samples")
    print("| network | MFLOP | products, each on hot operands | GFLOP/s | products back to back | whole epoch |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for widths in BenchData.depthNetworks {
        let products = epochProducts(widths, samples: m)
        let flops = products.reduce(0.0) { $0 + 2 * Double($1.m * $1.n * $1.k) }
        let operands = try products.map { try Operands($0) }
        // Each product repeated on the same operands (in cache: the most
        // OpenBLAS gets out of it), then all of them one after another.
        let hot = zip(products, operands).reduce(0.0) { total, pair in
            total + medianSeconds(repetitions: 25) { pair.1.run(pair.0, blas) }
        }
        let backToBack = medianSeconds(repetitions: 25) {
            for (product, operand) in zip(products, operands) { operand.run(product, blas) }
        }
        let network = try BenchData.mlp(widths, seed: 0)
        let optimizer = GradientDescent<Float>(learningRate: 0.0025)
        try TrainingTasks.fullBatchStep(network, data, optimizer)
        let epoch = try medianSeconds(repetitions: 25) { try TrainingTasks.fullBatchStep(network, data, optimizer) }
        let name = widths.map(String.init).joined(separator: "-")
        print("| \(name) | \(format(flops / 1e6)) | \(format(hot * 1e3)) ms | \(format(flops / hot / 1e9)) "
            + "| \(format(backToBack * 1e3)) ms | \(format(epoch * 1e3)) ms |")
    }
}

/// One product C = op(A)·op(B) of size m×n with inner size k.
private struct Product {
    let transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int
}

/// The products of one full-batch epoch, as `DenseChain` runs them.
private func epochProducts(_ widths: [Int], samples m: Int) -> [Product] {
    var products: [Product] = []
    for l in 0..<(widths.count - 1) {
        products.append(Product(transposeA: false, transposeB: false, m: m, n: widths[l + 1], k: widths[l]))
    }
    for l in (0..<(widths.count - 1)).reversed() {
        products.append(Product(transposeA: true, transposeB: false, m: widths[l], n: widths[l + 1], k: m))
        if l > 0 { products.append(Product(transposeA: false, transposeB: true, m: m, n: widths[l], k: widths[l + 1])) }
    }
    return products
}

/// Random operands and a result buffer for one product.
private final class Operands {
    let a: [Float], b: [Float]
    var c: [Float]

    init(_ p: Product) throws {
        var generator = RandomGenerator(seed: 2)
        a = try Tensor<Float>.uniform([p.m * p.k], generator: &generator).scalars
        b = try Tensor<Float>.uniform([p.k * p.n], generator: &generator).scalars
        c = [Float](repeating: 0, count: p.m * p.n)
    }

    func run(_ p: Product, _ blas: BLASLibrary) {
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    guard let a = a.baseAddress, let b = b.baseAddress, let c = c.baseAddress else { return }
                    blas.gemm(transposeA: p.transposeA, transposeB: p.transposeB, m: p.m, n: p.n, k: p.k, alpha: Float(1),
                              a: a, lda: p.transposeA ? p.m : p.k, b: b, ldb: p.transposeB ? p.k : p.n,
                              beta: 0, c: c, ldc: p.n, threads: 1)
                }
            }
        }
    }
}
