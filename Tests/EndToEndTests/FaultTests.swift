import Foundation
import Testing

/// Faults around a run: gnuplot dying, an output folder that cannot be written, a full
/// disk, and signals. Each ends in a diagnostic and the documented exit status, with no
/// file lost or half-written and no temporary file left behind. The mount-based cases need
/// root with CAP_SYS_ADMIN (as in CI's container) and are skipped with a message otherwise.
@Suite("faults", .serialized)
struct FaultTests {
    static let gnuplotPath: String? = ["/usr/bin/gnuplot", "/usr/local/bin/gnuplot"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    static let figures = """
        %% one
        x = linspace(0, 1, 11)
        figure "one" { line x, x }
        %% two
        figure "two" { line x, x * 2 }
        %% three
        figure "three" { line x, x * 3 }
        %% after
        print("after")
        """

    /// A notebook folder with `figures.dln` and the given text.
    static func folder(_ text: String = figures) throws -> URL {
        let folder = try Hostile.folder()
        try Data(text.utf8).write(to: folder.appendingPathComponent("figures.dln"))
        return folder
    }

    /// Names in `folder` (recursively) that look like temporary files.
    static func temporaryFiles(in folder: URL) -> [String] {
        let names = FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []
        return names.filter { name in
            // The cell cache (docs/caching.md) is dln's own folder: only temporaries in it are leftovers.
            if name == ".dln-cache" || name.hasPrefix(".dln-cache/") { return name.contains(".tmp-") }
            return name.contains(".tmp-") || name.hasPrefix(".") || name.contains("/.")
        }
    }

    static func shell(_ command: String) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    // MARK: gnuplot killed

    /// A gnuplot that is killed (SIGKILL, with the real gnuplot under it) when asked to
    /// draw its second figure.
    static let killerScript = """
        #!/usr/bin/env python3
        import os, signal, subprocess, sys
        gnuplot = subprocess.Popen([sys.argv[1]] + sys.argv[2:], stdin=subprocess.PIPE)
        loads = 0
        for line in sys.stdin.buffer:
            if line.startswith(b"load"):
                loads += 1
                if loads == 2:
                    gnuplot.kill()
                    os.kill(os.getpid(), signal.SIGKILL)
            gnuplot.stdin.write(line)
            gnuplot.stdin.flush()
        """

    @Test(.enabled(if: gnuplotPath != nil, "gnuplot is not installed"))
    func gnuplotKilledDuringARun() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let killer = folder.appendingPathComponent("killer.py")
        try Data(Self.killerScript.replacingOccurrences(of: "[sys.argv[1]] + sys.argv[2:]", with: "[\"\(Self.gnuplotPath!)\"] + sys.argv[1:]").utf8)
            .write(to: killer)
        chmod(killer.path, 0o755)
        let result = try DLNProcess.run(["run", "figures.dln"], environment: ["DLN_GNUPLOT": killer.path],
                                        directory: folder, timeout: 60)
        Hostile.expectNoCrash(result, "gnuplot killed")
        #expect(result.status == 1, "status \(result.status): \(result.stderr)")
        #expect(result.stderr.contains("figures.dln:5:1: error: figure 'two': gnuplot exited unexpectedly"), "\(result.stderr)")
        let plots = folder.appendingPathComponent("plots")
        // The first figure is whole; the second has only its script; nothing temporary is left.
        let first = try String(contentsOf: plots.appendingPathComponent("one.svg"), encoding: .utf8)
        #expect(first.contains("</svg>"))
        #expect(!FileManager.default.fileExists(atPath: plots.appendingPathComponent("two.svg").path))
        #expect(Self.temporaryFiles(in: plots).isEmpty, "\(Self.temporaryFiles(in: plots))")
        // The failed figure fails its cell; the run goes on to the next figures.
        #expect(result.stdout.contains("after"))
        #expect(FileManager.default.fileExists(atPath: plots.appendingPathComponent("three.svg").path))
    }

    // MARK: Unwritable output folders

    @Test(.enabled(if: gnuplotPath != nil, "gnuplot is not installed"))
    func outputFolderUnderAFile() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("not a folder".utf8).write(to: folder.appendingPathComponent("afile"))
        let nested = try DLNProcess.run(["run", "figures.dln", "--out", "afile/plots"], directory: folder, timeout: 60)
        #expect(nested.status == 1)
        #expect(nested.stderr.contains("error: figure 'one': afile/plots: could not be created: Not a directory"), "\(nested.stderr)")
        let same = try DLNProcess.run(["run", "figures.dln", "--out", "afile"], directory: folder, timeout: 60)
        #expect(same.status == 1)
        #expect(same.stderr.contains("error: figure 'one': afile: could not be created: a file of that name is in the way"), "\(same.stderr)")
        #expect(try String(contentsOf: folder.appendingPathComponent("afile"), encoding: .utf8) == "not a folder")
        for result in [nested, same] { Hostile.expectNoCrash(result, "output under a file") }
    }

    /// A read-only bind mount stops root too (permission bits do not).
    @Test(.enabled(if: gnuplotPath != nil, "gnuplot is not installed"))
    func readOnlyOutputFolder() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = folder.appendingPathComponent("source/plots"), mount = folder.appendingPathComponent("readonly")
        try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: mount, withIntermediateDirectories: true)
        try Data("old".utf8).write(to: source.appendingPathComponent("one.svg"))
        let mounted = Self.shell("mount --bind '\(source.deletingLastPathComponent().path)' '\(mount.path)' && mount -o remount,bind,ro '\(mount.path)'")
        guard mounted == 0 else {
            _ = Self.shell("umount '\(mount.path)'")
            print("skipped: cannot make a read-only bind mount here (mount exited \(mounted)); needs root with CAP_SYS_ADMIN")
            return
        }
        defer { _ = Self.shell("umount '\(mount.path)'") }
        let existing = try DLNProcess.run(["run", "figures.dln", "--out", "readonly/plots"], directory: folder, timeout: 60)
        #expect(existing.status == 1)
        #expect(existing.stderr.contains("error: figure 'one': readonly/plots/one.gp: could not be written: open: Read-only file system"),
                "\(existing.stderr)")
        let missing = try DLNProcess.run(["run", "figures.dln", "--out", "readonly/new/plots"], directory: folder, timeout: 60)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("error: figure 'one': readonly/new/plots: could not be created: Read-only file system"),
                "\(missing.stderr)")
        #expect(try String(contentsOf: source.appendingPathComponent("one.svg"), encoding: .utf8) == "old")
        for result in [existing, missing] { Hostile.expectNoCrash(result, "read-only folder") }
    }

    /// A 12 KiB tmpfs: the script fits, gnuplot's SVG does not. The cut-off image must not
    /// be put in place (gnuplot itself does not notice the failed write).
    @Test(.enabled(if: gnuplotPath != nil, "gnuplot is not installed"))
    func fullDisk() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let disk = folder.appendingPathComponent("disk")
        try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
        let mounted = Self.shell("mount -t tmpfs -o size=12k tmpfs '\(disk.path)'")
        guard mounted == 0 else {
            print("skipped: cannot mount a small tmpfs here (mount exited \(mounted)); needs root with CAP_SYS_ADMIN")
            return
        }
        defer { _ = Self.shell("umount '\(disk.path)'") }
        let result = try DLNProcess.run(["run", "figures.dln", "--out", "disk/plots"], directory: folder, timeout: 60)
        Hostile.expectNoCrash(result, "full disk")
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: figure 'one': disk/plots/one.svg: gnuplot's output is incomplete (is the disk full?)")
                || result.stderr.contains("No space left on device"), "\(result.stderr)")
        let plots = disk.appendingPathComponent("plots")
        #expect(!FileManager.default.fileExists(atPath: plots.appendingPathComponent("one.svg").path), "a cut-off image was kept")
        #expect(Self.temporaryFiles(in: plots).isEmpty, "\(Self.temporaryFiles(in: plots))")
        // Completely full: even the script cannot be written, and says why.
        _ = Self.shell("dd if=/dev/zero of='\(disk.path)/filler' bs=1k count=64 2>/dev/null")
        let full = try DLNProcess.run(["run", "figures.dln", "--out", "disk/plots"], directory: folder, timeout: 60)
        #expect(full.status == 1)
        #expect(full.stderr.contains("No space left on device") || full.stderr.contains("is the disk full?"), "\(full.stderr)")
        #expect(Self.temporaryFiles(in: plots).isEmpty, "\(Self.temporaryFiles(in: plots))")
        Hostile.expectNoCrash(full, "completely full disk")
    }

    // MARK: Signals

    /// Starts `dln run` in `folder`, waits until `ready` holds, sends `signal`, and
    /// returns the exit status and stderr.
    func interrupt(_ arguments: [String], in folder: URL, environment: [String: String] = [:],
                   signal: Int32, when ready: () -> Bool) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = DLNProcess.executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        final class Box: @unchecked Sendable { var out = Data(), err = Data() }
        let box = Box()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { box.out = out.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { box.err = err.fileHandleForReading.readDataToEndOfFile() }
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while !ready() && process.isRunning && Date() < deadline { usleep(20_000) }
        kill(process.processIdentifier, signal)
        let killer = DispatchWorkItem { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 30, execute: killer)
        process.waitUntilExit()
        killer.cancel()
        group.wait()
        return (process.terminationStatus, String(decoding: box.out, as: UTF8.self), String(decoding: box.err, as: UTF8.self))
    }

    static let endless = """
        %% figure
        x = linspace(0, 1, 11)
        figure "one" { line x, x }
        %% forever
        n = 0
        while true { n = n + 1 }
        """

    @Test(.enabled(if: gnuplotPath != nil, "gnuplot is not installed"), arguments: [SIGINT, SIGTERM])
    func signalDuringARun(_ signal: Int32) throws {
        let folder = try Self.folder(Self.endless)
        defer { try? FileManager.default.removeItem(at: folder) }
        let plots = folder.appendingPathComponent("plots")
        try FileManager.default.createDirectory(at: plots, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: plots.appendingPathComponent("earlier.txt"))
        let report = folder.appendingPathComponent("report.json")
        let result = try interrupt(["run", "figures.dln", "--report", report.path], in: folder, signal: signal) {
            FileManager.default.fileExists(atPath: plots.appendingPathComponent("one.svg").path)
        }
        #expect(result.status == 128 + signal, "status \(result.status): \(result.stderr)")
        #expect(result.stderr.contains("interrupted"), "\(result.stderr)")
        #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Backtracing"))
        #expect(try String(contentsOf: plots.appendingPathComponent("earlier.txt"), encoding: .utf8) == "keep me")
        let image = try String(contentsOf: plots.appendingPathComponent("one.svg"), encoding: .utf8)
        #expect(image.contains("</svg>"))
        #expect(Self.temporaryFiles(in: folder).isEmpty, "\(Self.temporaryFiles(in: folder))")
        // The report is written whole, with the signal's status.
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any]
        #expect(json?["exit_status"] as? Int == Int(128 + signal))
    }

    /// A signal while gnuplot is drawing (a gnuplot that takes a second per figure): the
    /// figure in progress is finished or dropped whole, and the old image survives.
    @Test(.enabled(if: gnuplotPath != nil, "gnuplot is not installed"), arguments: [SIGINT, SIGTERM])
    func signalWhileGnuplotDraws(_ signal: Int32) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let slow = folder.appendingPathComponent("slow-gnuplot")
        try Data("#!/bin/sh\nwhile IFS= read -r line; do case \"$line\" in load*) sleep 1;; esac; printf '%s\\n' \"$line\"; done | \(Self.gnuplotPath!) \"$@\"\n".utf8)
            .write(to: slow)
        chmod(slow.path, 0o755)
        let plots = folder.appendingPathComponent("plots")
        try FileManager.default.createDirectory(at: plots, withIntermediateDirectories: true)
        try Data("<svg>old</svg>".utf8).write(to: plots.appendingPathComponent("two.svg"))
        let result = try interrupt(["run", "figures.dln"], in: folder, environment: ["DLN_GNUPLOT": slow.path], signal: signal) {
            (try? String(contentsOf: plots.appendingPathComponent("two.gp"), encoding: .utf8)) != nil
        }
        #expect(result.status == 128 + signal, "status \(result.status): \(result.stderr)")
        #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Backtracing"))
        let two = try String(contentsOf: plots.appendingPathComponent("two.svg"), encoding: .utf8)
        #expect(two == "<svg>old</svg>" || two.contains("</svg>"), "two.svg is half-written")
        // Give the orphaned gnuplot a moment to finish writing, then look for leftovers.
        usleep(1_500_000)
        #expect(Self.temporaryFiles(in: folder).isEmpty, "\(Self.temporaryFiles(in: folder))")
        #expect(!FileManager.default.fileExists(atPath: plots.appendingPathComponent("three.svg").path))
    }
}
