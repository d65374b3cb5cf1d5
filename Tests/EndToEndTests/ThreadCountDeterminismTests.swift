import Foundation
import Testing

/// `dln run` prints the same digits on one thread and on two, under every
/// OpenBLAS kernel family this CPU can run. OpenBLAS reads
/// `OPENBLAS_CORETYPE` once, when it loads, so each family is a child
/// process of its own.
@Suite("Thread-count determinism, end to end")
struct ThreadCountDeterminismTests {
    /// Products cut into several blocks (300×400 by 400×500, both operands
    /// transposed, a 64-256-10 network's forward and backward passes),
    /// printed element by element with every digit a float32 needs.
    static let notebook = """
        %% products large enough to be cut into blocks
        W = rand([300, 400], seed: 1) - 0.5
        X = rand([400, 500], seed: 2) - 0.5
        Y = W @ X
        Z = transpose(X) @ transpose(W)
        for row in Y[::3, ::5] { for value in row { print(value) } }
        for row in Z[::25, ::3] { for value in row { print(value) } }

        %% a dense network, forward and backward
        x = rand([2000, 64], seed: 3) - 0.5
        y = rand([2000, 10], seed: 4)
        data d = dataset(x, y)
        network net {
          input 64
          dense 256, relu
          dense 10
        }
        run = train net on d {
          loss: mse
          optimizer: gd(lr: 0.05)
          epochs: 3
          init: he(seed: 0)
        }
        print(run.final.loss)
        for row in net(x)[0:20] { for value in row { print(value) } }

        """

    @Test(arguments: KernelFamily.all)
    func sameOutputOnOneThreadAndTwo(_ family: KernelFamily) throws {
        guard family.runsHere else {
            print("skipped \(family): this CPU lacks \(family.missingFlags.joined(separator: ", ")) (OpenBLAS would die of SIGILL)")
            return
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dln-threads-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("products.dln").path
        try Self.notebook.write(toFile: path, atomically: true, encoding: .utf8)
        let outputs = try [1, 2].map { threads in
            let result = try DLNProcess.run(["run", path], environment: family.environment(threads: threads),
                                            unsetting: family.unsetting, timeout: 300)
            #expect(result.status == 0, "\(family), \(threads) threads: \(result.stderr.prefix(500))")
            return result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        }
        #expect(outputs[0].count > 10_000)
        let differing = zip(outputs[0], outputs[1]).enumerated().filter { $0.element.0 != $0.element.1 }
        #expect(outputs[0].count == outputs[1].count, "\(family): \(outputs[0].count) lines against \(outputs[1].count)")
        if let first = differing.first {
            Issue.record("""
                \(family): \(differing.count) lines differ between 1 and 2 threads, the first is line \
                \(first.offset + 1): \(first.element.0) against \(first.element.1)
                """)
        }
    }
}

/// An OpenBLAS kernel family to force with `OPENBLAS_CORETYPE` (nil: dln's
/// own choice), and the CPU flags its kernels need.
struct KernelFamily: CustomTestStringConvertible, CustomStringConvertible, Sendable {
    let coreType: String?
    let requiredFlags: [String]

    static let all = [
        KernelFamily(coreType: nil, requiredFlags: []),
        KernelFamily(coreType: "Prescott", requiredFlags: ["pni"]),
        KernelFamily(coreType: "Haswell", requiredFlags: ["avx2", "fma"]),
        KernelFamily(coreType: "SkylakeX", requiredFlags: ["avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512cd"]),
    ]

    var description: String { coreType ?? "dln's choice" }
    var testDescription: String { description }

    var missingFlags: [String] {
        let flags = Self.cpuFlags
        return requiredFlags.filter { !flags.contains($0) }
    }

    var runsHere: Bool { missingFlags.isEmpty }

    func environment(threads: Int) -> [String: String] {
        var environment = ["OPENBLAS_NUM_THREADS": "\(threads)"]
        environment["OPENBLAS_CORETYPE"] = coreType
        return environment
    }

    /// dln's choice means no `OPENBLAS_CORETYPE` at all, whatever the tests' own environment sets.
    var unsetting: [String] { coreType == nil ? ["OPENBLAS_CORETYPE", "OMP_NUM_THREADS"] : ["OMP_NUM_THREADS"] }

    /// The first processor's flags in `/proc/cpuinfo` (none when unreadable).
    static let cpuFlags: Set<String> = {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
              let colon = line.firstIndex(of: ":")
        else { return [] }
        return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
    }()
}
