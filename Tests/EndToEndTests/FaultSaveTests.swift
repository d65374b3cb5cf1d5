import Foundation
import Testing

/// SIGINT while a notebook keeps saving a model: the run stops with 130, and
/// the file on disk is a whole model that loads, with no temporary file left.
@Suite("faults while saving", .serialized)
struct FaultSaveTests {
    static let network = """
        network big {
          input 1000
          dense 1000
        }
        """

    @Test func interruptDuringRepeatedSavesLeavesAWholeModel() throws {
        let folder = try Hostile.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let saving = Self.network + "\nsave(big, \"model.safetensors\")\nprint(\"saved\")\nwhile true { save(big, \"model.safetensors\") }\n"
        try Data(saving.utf8).write(to: folder.appendingPathComponent("save.dln"))

        let process = Process()
        process.executableURL = DLNProcess.executable
        process.arguments = ["run", "save.dln", "--quiet"]
        process.currentDirectoryURL = folder
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait for the first save, let a few more start, then interrupt.
        let firstLine = output.fileHandleForReading.availableData
        #expect(String(decoding: firstLine, as: UTF8.self).contains("saved"))
        usleep(300_000)
        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)

        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(names.sorted() == [".dln-cache", "model.safetensors", "save.dln"], "\(names)")
        let loading = Self.network + "\nload(big, \"model.safetensors\")\nprint(\"loaded\", params(big))\n"
        try Data(loading.utf8).write(to: folder.appendingPathComponent("load.dln"))
        let loaded = try DLNProcess.run(["run", "load.dln", "--quiet"], directory: folder, timeout: 60)
        #expect(loaded.status == 0, "\(loaded.stderr)")
        #expect(loaded.stdout.contains("loaded 1001000"))
    }
}
