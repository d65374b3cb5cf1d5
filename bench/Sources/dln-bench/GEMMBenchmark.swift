import Foundation
import TensorCore

/// The median wall time of `body` in seconds over `repetitions` runs.
func medianSeconds(repetitions: Int, _ body: () throws -> Void) rethrows -> Double {
    var times: [Double] = []
    for _ in 0..<repetitions {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return times.sorted()[times.count / 2]
}

func benchmarkGEMM(sizes: [Int], rawOnly: Bool) throws {
    let blas = try BLASLibrary.shared.get()
    print("OpenBLAS core type: \(blas.coreName), threads: \(Parallelism.threads)")
    print(rawOnly ? "| n | raw GFLOP/s |" : "| n | engine GFLOP/s | raw GFLOP/s | engine / raw |")
    print(rawOnly ? "| ---: | ---: |" : "| ---: | ---: | ---: | ---: |")
    for n in sizes {
        var generator = RandomGenerator(seed: 1)
        let a = try Tensor<Float>.uniform([n, n], generator: &generator)
        let b = try Tensor<Float>.uniform([n, n], generator: &generator)
        var c = [Float](repeating: 0, count: n * n)
        let flops = 2 * Double(n) * Double(n) * Double(n)
        let repetitions = max(5, min(200, Int(2e10 / flops)))
        let raw = {
            a.scalars.withUnsafeBufferPointer { pa in
                b.scalars.withUnsafeBufferPointer { pb in
                    c.withUnsafeMutableBufferPointer { pc in
                        blas.gemm(transposeA: false, transposeB: false, m: n, n: n, k: n, alpha: Float(1),
                                  a: pa.baseAddress!, lda: n, b: pb.baseAddress!, ldb: n,
                                  beta: 0, c: pc.baseAddress!, ldc: n, threads: Parallelism.threads)
                    }
                }
            }
        }
        raw() // warm up
        if rawOnly {
            let rawTime = medianSeconds(repetitions: repetitions, raw)
            print("| \(n) | \(format(flops / rawTime / 1e9)) |")
            continue
        }
        _ = try a.matmul(b)
        // Alternate blocks of runs so that frequency changes affect both
        // alike, with a pause between blocks: each side's threads spin for
        // a while after a product (dln's for 2 ms, OpenBLAS's for longer),
        // and would otherwise take a core from the other side's first runs.
        var engineTimes: [Double] = [], rawTimes: [Double] = []
        let block = max(1, repetitions / 4)
        for _ in 0..<4 {
            usleep(300_000)
            for _ in 0..<block { engineTimes.append(try medianSeconds(repetitions: 1) { _ = try a.matmul(b) }) }
            usleep(300_000)
            for _ in 0..<block { rawTimes.append(medianSeconds(repetitions: 1, raw)) }
        }
        let engine = engineTimes.sorted()[engineTimes.count / 2], rawTime = rawTimes.sorted()[rawTimes.count / 2]
        print("| \(n) | \(format(flops / engine / 1e9)) | \(format(flops / rawTime / 1e9)) | \(format(rawTime / engine * 100))% |")
    }
}

func format(_ x: Double) -> String { String(format: "%.1f", x) }

