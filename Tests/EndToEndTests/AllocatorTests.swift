import Foundation
import Testing

/// dln keeps large buffers mapped from one step to the next
/// (`AllocatorSettings`): a loop that makes and drops a 64 MiB tensor
/// faults its pages in once, not on every pass. Page faults are counted by
/// the kernel, not timed, so the comparison is stable on a busy machine.
@Suite("Allocator")
struct AllocatorTests {
    static let loop = """
        x = zeros([4096, 4096])
        for i in 0..<24 { y = x + 1 }
        print(number(sum(y)))
        """

    /// The minor page faults of one `dln run` of `loop`, measured by a
    /// Python parent that waits for nothing else.
    private func pageFaults(environment: [String: String]) throws -> Int {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dln-allocator-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let notebook = folder.appendingPathComponent("loop.dln")
        try Self.loop.write(to: notebook, atomically: true, encoding: .utf8)
        let script = """
            import resource, subprocess, sys
            done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
            assert done.returncode == 0 and done.stdout.strip() == "16777216", (done.returncode, done.stdout, done.stderr)
            print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_minflt)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, DLNProcess.executable.path, "run", notebook.path, "--quiet", "--no-cache"]
        process.environment = ProcessInfo.processInfo.environment
            .filter { $0.key != "GLIBC_TUNABLES" && !$0.key.hasPrefix("MALLOC_") }
            .merging(environment) { $1 }
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "the measuring script failed")
        return try #require(Int(text.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    @Test func aLoopOfLargeTensorsFaultsItsPagesInOnce() throws {
        let kept = try pageFaults(environment: [:])
        // Any MALLOC_ variable means the user tunes malloc: dln leaves glibc's defaults.
        let defaults = try pageFaults(environment: ["MALLOC_CHECK_": "0"])
        let pagesPerPass = (64 << 20) / Int(getpagesize())
        #expect(defaults > 12 * pagesPerPass, "glibc's defaults took \(defaults) faults")
        #expect(kept < defaults / 4, "\(kept) faults with dln's settings, \(defaults) with glibc's")
    }
}
