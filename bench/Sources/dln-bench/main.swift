import CFMAPeak
import Foundation
import ResourceLimits
import TensorCore

// Native benchmark driver, run by bench/run.py beside the PyTorch and NumPy
// peers in bench/peers/. Each training task prints one JSON line with its
// time (and accuracy where it has one).

let usage = """
    usage: dln-bench gemm [--raw-only]
           dln-bench epoch-products [--data DIR]
           dln-bench thin-products [--rounds N] [--family avx2|avx512]
           dln-bench fma-peak
           dln-bench TASK [--threads N] [--data DIR] [--epochs N] [--width W] [--network 40-100-100-10]
    tasks: depth-epoch, depth-full, wide-epoch, digits-sgd, tiny-steps, cnn-digits,
           cnn-mnist1d, cnn-book1d
    """

func fail(_ message: String, status: Int32) -> Never {
    FileHandle.standardError.write(Data("dln-bench: \(message)\n".utf8))
    exit(status)
}

// The allocator as dln sets it, before any thread starts.
AllocatorSettings.applyForTraining()

let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> String? {
    arguments.firstIndex(of: name).flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
}

do {
    guard let task = arguments.first else { fail(usage, status: 2) }
    if task == "gemm" {
        try benchmarkGEMM(sizes: [64, 128, 256, 512, 1024, 2048], rawOnly: arguments.contains("--raw-only"))
    } else if task == "epoch-products" {
        try benchmarkEpochProducts(dataDirectory: option("--data") ?? "../shared/data")
    } else if task == "fma-peak" {
        var lanes: Int32 = 0
        let gflops = dln_bench_fma_peak(0.2, &lanes)
        print(#"{"task": "fma-peak", "gflops": \#(gflops), "lanes": \#(lanes)}"#)
    } else if task == "thin-products" {
        try benchmarkThinProducts(rounds: option("--rounds").flatMap(Int.init) ?? 200, family: option("--family"))
    } else {
        let settings = TaskSettings(
            threads: option("--threads").flatMap(Int.init) ?? 1,
            dataDirectory: option("--data") ?? "../shared/data",
            epochs: option("--epochs").flatMap(Int.init),
            width: option("--width").flatMap(Int.init) ?? 1024,
            network: option("--network"))
        guard let result = try TrainingTasks.run(task, settings) else { fail(usage, status: 2) }
        print(result.json)
    }
} catch {
    fail("\(error)", status: 1)
}
