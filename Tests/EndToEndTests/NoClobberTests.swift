import Foundation
import Testing

/// Files dln never clobbers: devices, pipes and links are not renamed over, a folder
/// `dln figures` did not make is not replaced, `save` stays in the notebook's folder and
/// `--out` unless allowed, figures never share a file, and children die with their parent.
@Suite("files dln never clobbers", .serialized)
struct NoClobberTests {
    static let hasGnuplot = FaultTests.gnuplotPath != nil
    static let network = "network tiny {\n  input 2\n  dense 1\n}\n"

    static func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    static func fileType(_ url: URL) -> FileAttributeType? {
        (try? FileManager.default.attributesOfItem(atPath: url.path))?[.type] as? FileAttributeType
    }

    static func isPipe(_ url: URL) -> Bool {
        var status = stat()
        return lstat(url.path, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO
    }

    /// `--report` naming a named pipe or a link is refused (exit 2) and the pipe, the link
    /// and the link's target are left as they were; before, the pipe became a regular file
    /// (and `--report /dev/null` as root replaced /dev/null).
    @Test func reportNeverReplacesAPipeOrALink() throws {
        let folder = try Hostile.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.write("print(1)\n", to: folder.appendingPathComponent("n.dln"))
        let pipe = folder.appendingPathComponent("pipe"), target = folder.appendingPathComponent("target.json")
        let link = folder.appendingPathComponent("link.json")
        #expect(mkfifo(pipe.path, 0o644) == 0)
        try Self.write("mine", to: target)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        for (path, kind) in [(pipe, "a named pipe (FIFO)"), (link, "a symbolic link")] {
            let result = try DLNProcess.run(["run", "n.dln", "--report", path.path], directory: folder, timeout: 60)
            Hostile.expectNoCrash(result, "report to \(kind)")
            #expect(result.status == 2)
            #expect(result.stderr.contains("cannot write the report '\(path.path)': it is \(kind), not a regular file"), "\(result.stderr)")
        }
        #expect(Self.isPipe(pipe))
        #expect(Self.fileType(link) == .typeSymbolicLink)
        #expect(try String(contentsOf: target, encoding: .utf8) == "mine")
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder.path)) == ["n.dln", "pipe", "target.json", "link.json", ".dln-cache"])
    }

    /// `save` resolves relative paths against the notebook's folder, as `load` does, so a
    /// run from another folder saves and loads the same file; writing outside the
    /// notebook's folder and --out, or over the notebook, is refused at the call unless
    /// --allow-write names the folder.
    @Test func saveStaysInTheNotebooksFolderUnlessAllowed() throws {
        let folder = try Hostile.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let notebook = folder.appendingPathComponent("lesson/n.dln")
        try Self.write(Self.network + "%% save\nsave(tiny, \"m.safetensors\")\n%% load\nload(tiny, \"m.safetensors\")\nprint(\"loaded\")\n",
                       to: notebook)
        let fromAbove = try DLNProcess.run(["run", "lesson/n.dln", "--quiet"], directory: folder, timeout: 60)
        #expect(fromAbove.status == 0, "\(fromAbove.stderr)")
        #expect(fromAbove.stdout.contains("loaded"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("lesson/m.safetensors").path))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("m.safetensors").path))

        let outside = folder.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        // A link inside the notebook's folder does not lead outside it either.
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("lesson/link"), withDestinationURL: outside)
        let escapes = [("../elsewhere/m.safetensors", "outside the notebook's folder and --out"),
                       ("link/m.safetensors", "outside the notebook's folder and --out"),
                       (outside.appendingPathComponent("m.safetensors").path, "outside the notebook's folder and --out"),
                       ("n.dln", "will not overwrite the notebook itself")]
        for (path, reason) in escapes {
            try Self.write(Self.network + "%% save\n  save(tiny, \"\(path)\")\n", to: notebook)
            let original = try Data(contentsOf: notebook)
            let result = try DLNProcess.run(["run", "lesson/n.dln", "--quiet"], directory: folder, timeout: 60)
            Hostile.expectNoCrash(result, "save to \(path)")
            #expect(result.status == 1)
            #expect(result.stderr.contains("lesson/n.dln:6:3: error: 'save'"), "\(result.stderr)")
            #expect(result.stderr.contains(reason), "\(result.stderr)")
            if reason.hasPrefix("outside") {
                #expect(result.stderr.contains("hint: to allow it, run with --allow-write \(outside.path)"), "\(result.stderr)")
            }
            #expect(try Data(contentsOf: notebook) == original)
            #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty)
        }
        try Self.write(Self.network + "%% save\nsave(tiny, \"../elsewhere/m.safetensors\")\n", to: notebook)
        let allowed = try DLNProcess.run(["run", "lesson/n.dln", "--quiet", "--allow-write", "elsewhere"], directory: folder, timeout: 60)
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(FileManager.default.fileExists(atPath: outside.appendingPathComponent("m.safetensors").path))
    }

    /// Tensors and records are saved under the same rules as networks: every format
    /// stays inside the notebook's folder unless --allow-write names another, and a
    /// pipe with a data file's name is never replaced.
    @Test func tensorsAndRecordsFollowTheSameRules() throws {
        let folder = try Hostile.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outside = folder.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        let notebook = folder.appendingPathComponent("lesson/n.dln")
        for call in ["save([1, 2], \"../elsewhere/x.npy\")", "save([1, 2], \"../elsewhere/x.csv\")",
                     "save({a: [1, 2]}, \"../elsewhere/r.npz\")", "save({a: [1, 2]}, \"../elsewhere/r.safetensors\")"] {
            try Self.write(call + "\n", to: notebook)
            let refused = try DLNProcess.run(["run", "lesson/n.dln", "--quiet"], directory: folder, timeout: 60)
            Hostile.expectNoCrash(refused, call)
            #expect(refused.status == 1 && refused.stderr.contains("outside the notebook's folder and --out"), "\(call): \(refused.stderr)")
            let before = try FileManager.default.contentsOfDirectory(atPath: outside.path).count
            let allowed = try DLNProcess.run(["run", "lesson/n.dln", "--quiet", "--allow-write", "elsewhere"], directory: folder, timeout: 60)
            #expect(allowed.status == 0, "\(call): \(allowed.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).count == before + 1, "\(call)")
        }
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: outside.path)) == ["x.npy", "x.csv", "r.npz", "r.safetensors"])
        #expect(mkfifo(folder.appendingPathComponent("lesson/pipe.npz").path, 0o644) == 0)
        try Self.write("save({a: [1, 2]}, \"pipe.npz\")\n", to: notebook)
        let pipe = try DLNProcess.run(["run", "lesson/n.dln", "--quiet"], directory: folder, timeout: 60)
        #expect(pipe.status == 1 && pipe.stderr.contains("pipe.npz: cannot write the file: it is a named pipe (FIFO), not a regular file"), "\(pipe.stderr)")
    }

    /// `save` onto a named pipe or a link is refused, naming the path and what it is.
    @Test func saveNeverReplacesAPipeOrALink() throws {
        let folder = try Hostile.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(mkfifo(folder.appendingPathComponent("pipe").path, 0o644) == 0)
        try Self.write(Self.network + "save(tiny, \"pipe\")\n", to: folder.appendingPathComponent("n.dln"))
        let result = try DLNProcess.run(["run", "n.dln", "--quiet"], directory: folder, timeout: 60)
        Hostile.expectNoCrash(result, "save to a pipe")
        #expect(result.status == 1)
        #expect(result.stderr.contains("pipe: will not be replaced: it is a named pipe (FIFO), not a regular file"), "\(result.stderr)")
        #expect(Self.isPipe(folder.appendingPathComponent("pipe")))
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder.path)) == ["n.dln", "pipe", ".dln-cache"])
    }

    /// Figure names that become the same file name are an error naming both figures; the
    /// same figure drawn again is not.
    @Test(.enabled(if: hasGnuplot, "gnuplot is not installed"))
    func figuresNeverShareAFile() throws {
        let folder = try Hostile.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let names = ["loss/train", "loss train", "loss?train", "loss/train", "other"]
        let cells = names.enumerated().map { "%% figure \($0.offset)\nfigure \"\($0.element)\" { line [0, 1], [0, 1] }\nprint(\"drew \($0.offset)\")" }
        try Self.write(cells.joined(separator: "\n"), to: folder.appendingPathComponent("n.dln"))
        let result = try DLNProcess.run(["run", "n.dln", "--quiet"], directory: folder, timeout: 120)
        Hostile.expectNoCrash(result, "figure names")
        #expect(result.status == 1)
        #expect(result.stderr.contains("figure 'loss train': its files would overwrite those of figure 'loss/train' (plots/loss_train.svg)"),
                "\(result.stderr)")
        #expect(result.stderr.contains("figure 'loss?train': its files would overwrite those of figure 'loss/train'"))
        // Like a figure the file system refused, the clash fails its cell and the run goes on.
        for index in names.indices { #expect(result.stdout.contains("drew \(index)"), "cell \(index)") }
        #expect(result.stdout.components(separatedBy: "→ plots/loss_train.svg").count == 3, "drawn by cells 0 and 3 only")
        let plots = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("plots").path)
        #expect(Set(plots) == ["loss_train.svg", "loss_train.gp", "other.svg", "other.gp"])
    }

    /// `dln figures --out .` with a notebook named like a folder of sources or data never
    /// replaces that folder: only a folder holding dln's manifest is replaced. Staging
    /// folders left by a killed batch are removed by the next one.
    @Test(.enabled(if: hasGnuplot, "gnuplot is not installed"))
    func figuresReplaceOnlyFoldersTheyMade() throws {
        let folder = try Hostile.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let drawing = "%% draw\nfigure \"f\" { line [0, 1], [0, 1] }\n"
        try Self.write(drawing, to: folder.appendingPathComponent("notebooks/notebooks.dln"))
        try Self.write(drawing, to: folder.appendingPathComponent("notebooks/data.dln"))
        try Self.write(drawing, to: folder.appendingPathComponent("notebooks/fine.dln"))
        try Self.write("1,2\n", to: folder.appendingPathComponent("data/train.csv"))
        let abandoned = [".fine.dln-tmp-999999999-5eed", ".fine.tmp-999999999", ".fine.dln-old-999999999-5eed"]
        for name in abandoned { try Self.write("partial", to: folder.appendingPathComponent("\(name)/f.svg")) }

        let result = try DLNProcess.run(["figures", "notebooks", "--out", "."], directory: folder, timeout: 120)
        Hostile.expectNoCrash(result, "figures --out .")
        #expect(result.status == 1, "\(result.stderr)")
        for name in ["notebooks", "data"] {
            #expect(result.stderr.contains("refusing to replace './\(name)': it was not made by dln figures (it has no .dln-manifest.json)"),
                    "\(result.stderr)")
        }
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("notebooks/notebooks.dln").path))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("data/train.csv").path))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("fine/f.svg").path))
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }
        #expect(left.isEmpty, "staging left behind: \(left)")
        // The folder it made is its own: the next --force run replaces it.
        #expect(try DLNProcess.run(["figures", "notebooks", "--out", ".", "--force"], directory: folder, timeout: 120)
            .stderr.contains("fine: finished"))
    }

    /// SIGKILL of `dln figures` (which cannot pass anything on) still ends its child
    /// `dln run`s: they asked the kernel for SIGTERM when their parent dies.
    @Test func childrenDieWithTheBatch() throws {
        let folder = try Hostile.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.write("%% spin\nn = 0\nwhile true { n = n + 1 }\n", to: folder.appendingPathComponent("notebooks/spin.dln"))
        let batch = try Self.start(["figures"], in: folder)
        let child = Self.waitForChild(of: batch.processIdentifier, named: "dln")
        #expect(child != nil, "no child dln run appeared")
        // Let the child print its cell title first: a write to the dead batch's pipe
        // would kill it with SIGPIPE and hide whether it was told to stop.
        Thread.sleep(forTimeInterval: 2)
        kill(batch.processIdentifier, SIGKILL)
        batch.waitUntilExit()
        if let child {
            #expect(Self.waitUntilGone(child), "the child dln run \(child) outlived its killed parent")
            if !Self.waitUntilGone(child, seconds: 0) { kill(child, SIGKILL) }
        }
    }

    /// SIGKILL of `dln run` ends its gnuplot: gnuplot reads its commands from dln's pipe
    /// and exits when the pipe closes.
    @Test(.enabled(if: hasGnuplot, "gnuplot is not installed"))
    func gnuplotDiesWithItsRun() throws {
        let folder = try Hostile.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.write("%% draw\nfigure \"f\" { line [0, 1], [0, 1] }\n%% spin\nn = 0\nwhile true { n = n + 1 }\n",
                       to: folder.appendingPathComponent("n.dln"))
        let run = try Self.start(["run", "n.dln"], in: folder)
        let gnuplot = Self.waitForChild(of: run.processIdentifier, named: "gnuplot")
        #expect(gnuplot != nil, "gnuplot did not start")
        Thread.sleep(forTimeInterval: 2)
        kill(run.processIdentifier, SIGKILL)
        run.waitUntilExit()
        if let gnuplot {
            #expect(Self.waitUntilGone(gnuplot), "gnuplot \(gnuplot) outlived its killed dln run")
            if !Self.waitUntilGone(gnuplot, seconds: 0) { kill(gnuplot, SIGKILL) }
        }
    }

    static func start(_ arguments: [String], in folder: URL) throws -> Process {
        let process = Process()
        process.executableURL = DLNProcess.executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// The first child of `parent` whose command name starts with `name`, within 30 s.
    static func waitForChild(of parent: Int32, named name: String) -> Int32? {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            for pid in childProcesses(of: parent) where processName(pid)?.hasPrefix(name) == true { return pid }
            usleep(50_000)
        }
        return nil
    }

    static func childProcesses(of parent: Int32) -> [Int32] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(parent)/task")) ?? []
        return tasks.flatMap { task -> [Int32] in
            let text = (try? String(contentsOfFile: "/proc/\(parent)/task/\(task)/children", encoding: .utf8)) ?? ""
            return text.split(separator: " ").compactMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
    }

    static func processName(_ pid: Int32) -> String? {
        (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Whether `pid` ended (or is a zombie waiting for its new parent) within `seconds`.
    static func waitUntilGone(_ pid: Int32, seconds: Double = 15) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
            // The state follows the command name in parentheses.
            if let close = stat.lastIndex(of: ")"), stat[stat.index(close, offsetBy: 2)...].hasPrefix("Z") { return true }
            usleep(100_000)
        } while Date() < deadline
        return false
    }
}
