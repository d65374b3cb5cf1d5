import ArgumentParser
import Foundation
import ResourceLimits
import TensorCore

/// `dln info`: the engine dln runs on, and what it found on this machine.
struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show dln's version, the OpenBLAS kernels it selected and whether gnuplot is installed.")

    func run() throws {
        print("dln \(DLN.version)")
        switch BLASLibrary.shared {
        case let .success(blas):
            print("OpenBLAS core type: \(blas.coreName)")
            print("thin-product kernels: \(ThinProduct.familyName)")
            print("thin-product shapes: \(ThinProduct.shapesTaken)")
            print("threads: \(Parallelism.threads) (processors: \(AvailableProcessors.explanation); OPENBLAS_NUM_THREADS changes it)")
        case let .failure(error):
            print("OpenBLAS: not available: \(error)")
            throw ExitCode(1)
        }
        print("memory budget: \(ByteCount.describe(MemoryBudget.shared.limit)) (of \(ByteCount.describe(MachineMemory.physical)) "
              + "physical memory\(MachineMemory.addressSpaceLeft.map { ", \(ByteCount.describe($0)) of address space left" } ?? ""); "
              + "--memory-limit changes it)")
        let gnuplot = ["/usr/bin/gnuplot", "/usr/local/bin/gnuplot"].first { FileManager.default.isExecutableFile(atPath: $0) }
        print("gnuplot: \(gnuplot ?? "not found (install with: sudo apt-get install gnuplot-nox)")")
    }
}
