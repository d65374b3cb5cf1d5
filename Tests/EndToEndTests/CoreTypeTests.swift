import Foundation
import Testing

/// An `OPENBLAS_CORETYPE` the CPU cannot run is replaced, not left to kill dln with SIGILL.
@Suite("Core types") struct CoreTypeTests {
    private static var cpuFlags: Set<String> {
        let text = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let line = text.split(separator: "\n").first { $0.hasPrefix("flags") } ?? ""
        return Set(line.split(separator: ":").last?.split(separator: " ").map(String.init) ?? [])
    }

    @Test(.enabled(if: !cpuFlags.contains("avx512f"), "this CPU runs SkylakeX kernels; nothing to replace"))
    func aCoreTypeTheCPULacksIsReplacedWithAWarning() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dln-coretype-\(UUID().uuidString).dln")
        try "a = ones([300, 300])\nprint(sum(a @ a))\n".write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let result = try DLNProcess.run(["run", "--quiet", url.path], environment: ["OPENBLAS_CORETYPE": "SkylakeX"], timeout: 60)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "2.7e+07\n")
        #expect(result.stderr.contains("OPENBLAS_CORETYPE=SkylakeX needs CPU features this CPU lacks"))
    }
}
