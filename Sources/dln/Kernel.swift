import ArgumentParser
import Foundation
import Kernel
import Language
import Library
import StandardStreams

/// `dln kernel`: the Jupyter kernel, and `dln kernel install` for its kernelspec.
struct KernelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kernel",
        abstract: "Serve notebooks to Jupyter (JupyterLab, VS Code, nbclient, papermill) as a kernel.",
        discussion: "Jupyter starts `dln kernel --connection-file FILE` itself once `dln kernel install` has told it how; see docs/jupyter.md.",
        subcommands: [KernelServe.self, KernelInstall.self],
        defaultSubcommand: KernelServe.self)
}

struct KernelServe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the kernel on the channels a Jupyter connection file names (what Jupyter starts).")

    @Option(name: .customLong("connection-file"), help: ArgumentHelp("The connection file Jupyter wrote.", valueName: "file"))
    var connectionFile: String

    @Option(help: ArgumentHelp("Tensor precision in bits: 32 (default) or 64.", valueName: "32|64"))
    var precision: String?

    @OptionGroup var memoryLimit: MemoryLimitOption

    func validate() throws {
        if let precision, Precision(name: precision) == nil {
            throw ValidationError("--precision must be 32 or 64, got '\(precision)'")
        }
        try requireUTF8(("--connection-file", connectionFile))
    }

    func run() throws {
        memoryLimit.apply()
        do {
            let connection = try ConnectionInfo.read(path: connectionFile)
            let options = KernelServer.Options(precision: precision.flatMap(Precision.init(name:)) ?? .single, version: DLN.version) {
                StandardStream.write($0 + "\n", to: STDERR_FILENO)
            }
            try KernelServer(connection: connection, options: options).run()
        } catch let error as DiagnosticError {
            StandardStream.write(DiagnosticRenderer().render(error.diagnostics) + "\n", to: STDERR_FILENO)
            throw ExitCode(2)
        } catch let error as ZmqError {
            StandardStream.write("error: \(error)\n", to: STDERR_FILENO)
            throw ExitCode(2)
        }
    }
}

struct KernelInstall: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Install the kernelspec so that Jupyter lists dln (jupyter kernelspec list).",
        discussion: "Without --user or --prefix it goes to /usr/local/share/jupyter/kernels/NAME.")

    @Flag(help: "Into your own Jupyter data folder (~/.local/share/jupyter, or $JUPYTER_DATA_DIR).")
    var user = false

    @Option(help: ArgumentHelp("Into DIR/share/jupyter (a virtual environment's prefix, say).", valueName: "dir"))
    var prefix: String?

    @Option(help: "The kernel's name, for several installs side by side.")
    var name = "dln"

    func validate() throws {
        if user && prefix != nil { throw ValidationError("--user and --prefix cannot be used together") }
        try requireUTF8(("--prefix", prefix))
    }

    func run() throws {
        let location: KernelSpec.Location = user ? .user : prefix.map { .prefix($0) } ?? .system
        let spec = KernelSpec(name: name, executable: Self.executablePath(), version: DLN.version)
        do {
            let folder = try spec.install(into: spec.folder(in: location))
            print("installed the kernel '\(name)' in \(folder.path)")
        } catch let error as DiagnosticError {
            StandardStream.write(DiagnosticRenderer().render(error.diagnostics) + "\n", to: STDERR_FILENO)
            throw ExitCode(2)
        }
    }

    /// The absolute path of the running dln, so that Jupyter starts this very binary.
    static func executablePath() -> String {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return resolved }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }
}
