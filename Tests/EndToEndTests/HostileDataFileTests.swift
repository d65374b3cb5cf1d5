import Foundation
import Testing

/// Data files that lie, read from notebooks through the built `dln`, under a
/// virtual-memory limit of 4 GB: a loader that trusted a file's size instead
/// of its header would die here instead of printing its diagnostic.
@Suite("hostile data files")
struct HostileDataFileTests {
    /// `ulimit -v` for the spawned dln, in KiB (4 GB; a normal run needs well under 2).
    static let memoryLimit = 4_000_000

    let folder: URL

    init() throws { folder = try Hostile.folder() }

    /// Runs `dln arguments…` in `directory` under the memory limit, through `/bin/sh`.
    func boundedDLN(_ arguments: [String], in directory: URL? = nil) throws -> DLNProcess.Result {
        let script = "ulimit -v \(Self.memoryLimit) && exec \"$0\" \"$@\""
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script, DLNProcess.executable.path] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["SWIFT_BACKTRACE": "enable=no"]) { $1 }
        process.currentDirectoryURL = directory ?? folder
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let watchdog = DispatchSource.makeTimerSource(queue: .global())
        watchdog.schedule(deadline: .now() + 60)
        watchdog.setEventHandler { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        watchdog.resume()
        defer { watchdog.cancel() }
        final class Box: @unchecked Sendable { var data = Data() }
        let errors = Box(), group = DispatchGroup()
        DispatchQueue.global().async(group: group) { errors.data = err.fileHandleForReading.readDataToEndOfFile() }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        group.wait()
        return DLNProcess.Result(status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self),
                                 stderr: String(decoding: errors.data, as: UTF8.self))
    }

    /// Writes the notebook, runs it under the limit and checks its status and a line of stderr.
    func expectRun(_ source: String, status: Int32 = 1, stderr: String,
                   sourceLocation: SourceLocation = #_sourceLocation) throws {
        try Data(source.utf8).write(to: folder.appendingPathComponent("hostile.dln"))
        let result = try boundedDLN(["run", "hostile.dln"])
        Hostile.expectNoCrash(result, source, sourceLocation: sourceLocation)
        #expect(result.status == status, "\(source): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(stderr.isEmpty ? result.stderr.isEmpty : result.stderr.contains(stderr), "\(source): \(result.stderr)",
                sourceLocation: sourceLocation)
    }

    /// A file that is `prefix` and then a hole up to `size` bytes.
    func sparseFile(_ name: String, prefix: [UInt8] = [], size: Int) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try Data(prefix).write(to: url)
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: UInt64(size))
        try handle.close()
        return url
    }

    static func npy(_ dictionary: String) -> [UInt8] {
        var header = Array(dictionary.utf8)
        while (10 + header.count + 1) % 64 != 0 { header.append(0x20) }
        header.append(0x0A)
        return [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.count & 0xFF), UInt8(header.count >> 8)] + header
    }

    @Test func theLimitLeavesRoomForANormalRun() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try expectRun("x = zeros([1000, 1000])\nprint(sum(x))", status: 0, stderr: "")
    }

    @Test func aFIFOIsNotAPermissionProblem() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(mkfifo(folder.appendingPathComponent("x.npy").path, 0o644) == 0)
        try expectRun("x = npy(\"x.npy\")", stderr: "x.npy: cannot read the file: it is a FIFO, not a data file")
        try expectRun("d = csv(\"x.npy\")", stderr: "it is a FIFO, not a data file")
    }

    @Test func aNotebookThatIsAFIFOIsRefusedWithoutWaiting() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(mkfifo(folder.appendingPathComponent("pipe.dln").path, 0o644) == 0)
        let run = try boundedDLN(["run", "pipe.dln"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("error: cannot open notebook 'pipe.dln': it is a FIFO (a named pipe), not a notebook file"), "\(run.stderr)")
        let check = try boundedDLN(["check", "pipe.dln"])
        #expect(check.status != 0 && check.status < 128, "\(check.status)")
        #expect(check.stderr.contains("it is a FIFO"), "\(check.stderr)")
        let repl = try DLNProcess.run(["repl"], input: ":load pipe.dln\nprint(40 + 2)\n", directory: folder, timeout: 30)
        #expect(repl.stderr.contains("it is a FIFO"), "\(repl.stderr)")
        #expect(repl.stdout.contains("42"), "\(repl.stdout)")
    }

    @Test func aSparseNotebookIsRefusedByItsSize() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try sparseFile("huge.dln", prefix: Array("print(1)\n".utf8), size: 3 << 30)
        let run = try boundedDLN(["run", "huge.dln"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("error: cannot open notebook 'huge.dln': it is larger than 67 MB"), "\(run.stderr)")
    }

    @Test func loadingAFolderSaysSo() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("model"), withIntermediateDirectories: true)
        try expectRun("network net {\n  input 2\n  dense 3\n}\nload(net, \"model\")", stderr: "model: cannot read the file: it is a folder, not a data file")
    }

    @Test func aSparseFileIsJudgedByItsHeader() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        // 3.9 GiB that claim 16 bytes of data: reading them whole (twice, before) exceeds the limit.
        let size = (1 << 32) - (1 << 27)
        _ = try sparseFile("big.npy", prefix: Self.npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }"), size: size)
        try expectRun("x = npy(\"big.npy\")", stderr: "needs 16 bytes of data, but the file has")
        let header = Array("{\"layers.0.weight\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}}".utf8)
        _ = try sparseFile("big.safetensors", prefix: (0..<8).map { UInt8((header.count >> (8 * $0)) & 0xFF) } + header, size: size)
        try expectRun("network net {\n  input 2\n  dense 3\n}\nload(net, \"big.safetensors\")", stderr: "big.safetensors has no tensor")
        _ = try sparseFile("zeros.csv", size: size)
        try expectRun("d = csv(\"zeros.csv\")", stderr: "zeros.csv, line 1: column 1: a NUL byte (0x00); a CSV file holds text")
    }

    @Test func aGzipBombIsReadOnlyAsFarAsItsHeaderPromises() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        // An IDX header promising 1,000 bytes, then 5 GiB of zeros: 80 gzip members of
        // 64 MiB each (5 MB on disk). Inflated whole it would pass the 4 GB limit.
        let script = """
        (printf '\\000\\000\\010\\001\\000\\000\\003\\350'; head -c 67108864 /dev/zero) | gzip -1 > first.gz
        head -c 67108864 /dev/zero | gzip -1 > zeros.gz
        cp first.gz bomb.gz
        for i in $(seq 79); do cat zeros.gz >> bomb.gz; done
        """
        let made = Process()
        made.executableURL = URL(fileURLWithPath: "/bin/sh")
        made.arguments = ["-c", script]
        made.currentDirectoryURL = folder
        try made.run()
        made.waitUntilExit()
        try #require(made.terminationStatus == 0, "gzip is needed to make the file")
        try expectRun("x = idx(\"bomb.gz\", \"bomb.gz\")", stderr: "bomb.gz, byte 8: the dimension sizes (1000,) need 1000 bytes of data, but the file has more")
    }

    @Test func anEmptyShapeWithAHugeAxisEndsInADiagnostic() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        // Before: it loaded, and printing it ended in SIGSEGV (exit 139).
        try Data(Self.npy("{'descr': '<f8', 'fortran_order': False, 'shape': (0, 9223372036854775807), }"))
            .write(to: folder.appendingPathComponent("empty.npy"))
        try expectRun("x = npy(\"empty.npy\")\nprint(x)",
                      stderr: "the header's shape (0, 9223372036854775807) is invalid: invalid shape (0, 9223372036854775807): its sizes other than 0 multiply to more than 268435456")
        // Before: made, and printing it walked 10^12 columns of nothing.
        try expectRun("x = zeros([0, 1000000000000])\nprint(x)", stderr: "its sizes other than 0 multiply to more than 268435456")
        try expectRun("print(zeros([3, 0, 5]))", status: 0, stderr: "")
    }

    @Test func csvCellsThatAreNotText() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("x,label\n1\u{0}abc,1\n".utf8).write(to: folder.appendingPathComponent("nul.csv"))
        try expectRun("d = csv(\"nul.csv\")", stderr: "nul.csv, line 2: column 2: a NUL byte (0x00); a CSV file holds text")
        try Data(Array("x,label\n1,".utf8) + [0xFF, 0x0A]).write(to: folder.appendingPathComponent("latin.csv"))
        try expectRun("d = csv(\"latin.csv\")", stderr: "latin.csv, line 2: column 3: invalid UTF-8 (byte 0xFF)")
        // 10^8 empty cells (100 MB): before, 5.8 GB.
        let row = Array(",,,,,,,,,\n".utf8)
        var bytes = Array("a,b,c,d,e,f,g,h,i,label\n".utf8)
        bytes.reserveCapacity(row.count * 10_000_000 + bytes.count)
        for _ in 0..<10_000_000 { bytes += row }
        try Data(bytes).write(to: folder.appendingPathComponent("empty.csv"))
        try expectRun("d = csv(\"empty.csv\")", stderr: "empty.csv, line 2, column 'a': the cell is empty")
    }

    @Test func figuresCheckReadsNothingOutsideTheNotebooksFolder() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        // 20 GB of nothing beside the notebooks folder, named in a comment and as an absolute path.
        let huge = try sparseFile("huge.bin", size: 20_000_000_000)
        let notebooks = folder.appendingPathComponent("notebooks")
        try FileManager.default.createDirectory(at: notebooks.appendingPathComponent("data"), withIntermediateDirectories: true)
        #expect(mkfifo(notebooks.appendingPathComponent("data/pipe").path, 0o644) == 0)
        try Data("""
            %% md
            Reads "../huge.bin" and "\(huge.path)", and "data/pipe" (a FIFO).
            """.utf8).write(to: notebooks.appendingPathComponent("a.dln"))
        let result = try boundedDLN(["figures", "--check"])
        Hostile.expectNoCrash(result, "figures --check")
        #expect(result.status == 1, "out of date: no figures yet. \(result.stderr)")
        #expect(result.stdout.contains("a: out of date (no figures yet)"), "\(result.stdout)")
        #expect(result.stderr.contains("warning: a.dln: the string \"../huge.bin\" names a file outside the notebooks folder; it is not fingerprinted"), "\(result.stderr)")
        #expect(result.stderr.contains("warning: a.dln: the string \"\(huge.path)\" names a file outside the notebooks folder"), "\(result.stderr)")
        #expect(!result.stderr.contains("data/pipe"))
    }
}
