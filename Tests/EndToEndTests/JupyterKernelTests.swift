import Foundation
import Testing

/// `dln kernel` with Jupyter's own clients (jupyter_client, jupyter-kernel-test, nbclient's
/// `jupyter execute`, papermill) from a virtual environment under `.build/jupyter-venv`.
/// Each test installs the kernelspec into a temporary prefix and points JUPYTER_PATH
/// (and Jupyter's data, runtime and config folders) there, never at the real home.
@Suite("Jupyter kernel", .serialized, .enabled(if: JupyterEnvironment.python != nil, "python3 -m venv is unavailable"))
struct JupyterKernelTests {
    @Test func passesJupyterKernelTestSuite() throws {
        let result = try JupyterEnvironment.runPython(script: "kernel_suite.py")
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("OK"), "\(result.output)")
        // Every attribute is filled in but clear_output's: dln has nothing that clears a cell's output.
        let skipped = result.output.split(separator: "\n").filter { $0.contains("... skipped") }
        #expect(skipped.count == 1 && skipped.allSatisfy { $0.contains("test_clear_output") }, "\(result.output)")
    }

    @Test func anInterruptStopsTrainingAndKeepsTheNetwork() throws {
        let result = try JupyterEnvironment.runPython(script: "interrupt_check.py")
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("changed: 1") || result.output.contains("changed: true"), "\(result.output)")
        #expect(result.output.contains("SIGINT interrupted training"), "\(result.output)")
    }

    @Test func cellsQueuedBehindAFailingCellAreAborted() throws {
        let result = try JupyterEnvironment.runPython(script: "abort_check.py")
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("queued cells aborted"), "\(result.output)")
    }

    @Test func aWronglySignedMessageIsNotExecuted() throws {
        let result = try JupyterEnvironment.runPython(script: "signature_check.py")
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("forged request dropped"), "\(result.output)")
    }

    @Test(arguments: ["01_regression", "examples/shallow_figures"])
    func jupyterExecuteRunsAConvertedCourseNotebookWithInlineSVG(notebook: String) throws {
        let sandbox = try JupyterEnvironment.Sandbox()
        let converted = sandbox.folder.appendingPathComponent(URL(fileURLWithPath: notebook).lastPathComponent + ".ipynb")
        let convert = try DLNProcess.run(["convert", JupyterEnvironment.notebooks.appendingPathComponent(notebook + ".dln").path,
                                          "--to", "ipynb", "--output", converted.path])
        #expect(convert.status == 0, "\(convert.stderr)")
        // The course notebooks read their data relative to themselves.
        let result = try sandbox.run("jupyter-execute", ["--kernel_name=dln", "--inplace", converted.path],
                                     in: JupyterEnvironment.notebooks.appendingPathComponent(notebook).deletingLastPathComponent())
        #expect(result.status == 0, "\(result.output)")
        let outputs = try JupyterEnvironment.outputs(of: converted)
        let figures = outputs.filter { ($0["data"] as? [String: Any])?["image/svg+xml"] != nil }
        #expect(!figures.isEmpty, "no inline SVG in \(outputs.count) outputs")
        for figure in figures {
            let data = figure["data"] as? [String: Any]
            // nbformat keeps text as one string or as a list of lines.
            let svg = (data?["image/svg+xml"] as? String) ?? (data?["image/svg+xml"] as? [String])?.joined()
            #expect(svg?.contains("<svg") == true)
            #expect(data?["image/png"] is String)
        }
        #expect(!outputs.contains { $0["output_type"] as? String == "error" })
    }

    @Test func papermillInjectsParametersAndAFailingExpectFailsTheRun() throws {
        let sandbox = try JupyterEnvironment.Sandbox()
        let converted = sandbox.folder.appendingPathComponent("01_regression.ipynb")
        let source = JupyterEnvironment.notebooks.appendingPathComponent("01_regression.dln")
        #expect(try DLNProcess.run(["convert", source.path, "--to", "ipynb", "--output", converted.path]).status == 0)
        let passed = sandbox.folder.appendingPathComponent("passed.ipynb")
        let good = try sandbox.run("papermill", ["-k", "dln", "-p", "steps", "500", "-p", "lr", "0.02", converted.path, passed.path])
        #expect(good.status == 0, "\(good.output)")
        let sources = try JupyterEnvironment.cellSources(of: passed)
        #expect(sources.contains { $0.contains("steps = 500") && $0.contains("lr = 0.02") }, "no injected parameters cell: \(sources)")
        let figures = try JupyterEnvironment.outputs(of: passed).filter { ($0["data"] as? [String: Any])?["image/svg+xml"] != nil }
        #expect(figures.count >= 2, "\(figures.count) inline SVG figures")
        // Three steps of gradient descent do not reach the closed form: an expect fails, and so does papermill.
        let failed = try sandbox.run("papermill", ["-k", "dln", "-p", "steps", "3", converted.path,
                                                   sandbox.folder.appendingPathComponent("failed.ipynb").path])
        #expect(failed.status != 0, "\(failed.output)")
        #expect(failed.output.contains("expectation failed: p ~= phi_hat"), "\(failed.output)")
    }

    @Test func papermillsParametersAreDlnLiterals() throws {
        let sandbox = try JupyterEnvironment.Sandbox()
        let notebook = sandbox.folder.appendingPathComponent("parameters.dln")
        let written = try sandbox.run("python", [JupyterEnvironment.scripts.appendingPathComponent("translator_check.py").path, notebook.path])
        #expect(written.status == 0, "\(written.output)")
        let run = try DLNProcess.run(["run", "--quiet", notebook.path])
        #expect(run.status == 0, "\(run.stderr)")
        let expected = ["count: 3", "rate: 0.001", "tiny: 1e-05", "negative: -2.5", "flag: true", "off: false", "nothing: none",
                        "numbers: [ 1.0,  2.5, -3.0]", "settings: {lr: 0.1, name: \"adam\", steps: [1, 2]}"]
        for line in expected {
            #expect(run.stdout.contains(line), "\(line) missing from \(run.stdout)")
        }
    }

    @Test func jupyterExecuteFailsOnAFailingExpect() throws {
        let sandbox = try JupyterEnvironment.Sandbox()
        let dln = sandbox.folder.appendingPathComponent("failing.dln")
        try Data("%% sums\nx = 1 + 1\nexpect x == 3\n%% later\nprint(\"never\")\n".utf8).write(to: dln)
        #expect(try DLNProcess.run(["convert", dln.path, "--to", "ipynb"]).status == 0)
        let result = try sandbox.run("jupyter-execute", ["--kernel_name=dln", sandbox.folder.appendingPathComponent("failing.ipynb").path])
        #expect(result.status != 0, "\(result.output)")
    }

    @Test func userInstallGoesToTheJupyterDataFolderAndKernelspecListsIt() throws {
        let sandbox = try JupyterEnvironment.Sandbox()
        let data = sandbox.folder.appendingPathComponent("data")
        let install = try DLNProcess.run(["kernel", "install", "--user", "--name", "dln-user"], environment: ["JUPYTER_DATA_DIR": data.path])
        #expect(install.status == 0, "\(install.stderr)")
        let spec = data.appendingPathComponent("kernels/dln-user/kernel.json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: spec)) as? [String: Any])
        let argv = json["argv"] as? [String] ?? []
        #expect(argv.first?.hasPrefix("/") == true)
        #expect(Array(argv.dropFirst()) == ["kernel", "--connection-file", "{connection_file}"])
        #expect(json["interrupt_mode"] as? String == "message")
        #expect(json["language"] as? String == "dln")
        for logo in ["logo-32x32.png", "logo-64x64.png", "logo-svg.svg"] {
            #expect(FileManager.default.fileExists(atPath: data.appendingPathComponent("kernels/dln-user/\(logo)").path))
        }
        let list = try sandbox.run("jupyter", ["kernelspec", "list"], environment: ["JUPYTER_DATA_DIR": data.path])
        #expect(list.output.contains("dln-user"), "\(list.output)")
    }
}

/// The virtual environment with Jupyter's clients, made on first use.
enum JupyterEnvironment {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let folder = root.appendingPathComponent(".build/jupyter-venv")
    static let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Jupyter")
    static let notebooks = root.appendingPathComponent("notebooks")
    static let packages = ["jupyter_client", "jupyter-kernel-test", "nbclient", "papermill"]

    /// The environment's python; nil only when no venv can be made. A failing
    /// `pip install` is not a reason to skip: the tests then fail and say why.
    static let python: URL? = {
        let python = folder.appendingPathComponent("bin/python")
        let plugin = root.appendingPathComponent("contrib/papermill-dln").path
        let check = "import jupyter_client, jupyter_kernel_test, nbclient, papermill, papermill_dln"
        if (try? PythonEnvironment.run(python, ["-c", check]))?.status == 0 { return python }
        guard let made = try? PythonEnvironment.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-m", "venv", "--clear", folder.path]),
              made.status == 0 else { return nil }
        _ = try? PythonEnvironment.run(python, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check"] + packages + [plugin])
        return python
    }()

    /// A temporary prefix with the kernelspec installed, and Jupyter's folders inside it.
    struct Sandbox {
        let folder: URL
        let environment: [String: String]

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("dln-jupyter-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let install = try DLNProcess.run(["kernel", "install", "--prefix", folder.path])
            guard install.status == 0 else { throw SandboxError(message: "dln kernel install failed: \(install.stderr)") }
            environment = [
                "JUPYTER_PATH": folder.appendingPathComponent("share/jupyter").path,
                "JUPYTER_DATA_DIR": folder.appendingPathComponent("data").path,
                "JUPYTER_RUNTIME_DIR": folder.appendingPathComponent("runtime").path,
                "JUPYTER_CONFIG_DIR": folder.appendingPathComponent("config").path,
                "JUPYTER_PLATFORM_DIRS": "1",
                "PYTHONUNBUFFERED": "1",
            ]
        }

        /// Runs a program of the environment (`jupyter-execute`, `papermill`, …), stdout and stderr together.
        func run(_ program: String, _ arguments: [String], in directory: URL? = nil,
                 environment extra: [String: String] = [:]) throws -> PythonEnvironment.Result {
            let process = Process()
            process.executableURL = JupyterEnvironment.folder.appendingPathComponent("bin/\(program)")
            process.arguments = arguments
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }.merging(extra) { $1 }
            process.currentDirectoryURL = directory ?? folder
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return PythonEnvironment.Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
        }
    }

    struct SandboxError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    /// Runs one of the scripts in `Jupyter/` with a fresh sandbox, in its folder.
    static func runPython(script: String) throws -> PythonEnvironment.Result {
        let sandbox = try Sandbox()
        return try sandbox.run("python", [scripts.appendingPathComponent(script).path])
    }

    static func outputs(of notebook: URL) throws -> [[String: Any]] {
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: notebook)) as? [String: Any]
        let cells = document?["cells"] as? [[String: Any]] ?? []
        return cells.flatMap { $0["outputs"] as? [[String: Any]] ?? [] }
    }

    static func cellSources(of notebook: URL) throws -> [String] {
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: notebook)) as? [String: Any]
        let cells = document?["cells"] as? [[String: Any]] ?? []
        return cells.map { cell in
            (cell["source"] as? String) ?? (cell["source"] as? [String])?.joined() ?? ""
        }
    }
}
