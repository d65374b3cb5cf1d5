import ArgumentParser
import FileWriting
import Foundation
import Language
import Library
import NotebookConversion
import StandardStreams

/// `dln convert NOTEBOOK --to ipynb|dln`: between dln notebooks and Jupyter's.
struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert a notebook between .dln and Jupyter's .ipynb (both ways).",
        discussion: """
            The result goes beside the notebook with the other extension, or to --output (- for standard output). \
            An existing file is replaced only with --force. .dln → .ipynb → .dln gives back the same file.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case ipynb, dln
    }

    @ArgumentParser.Argument(help: "The notebook to convert (.dln or .ipynb).")
    var notebook: String

    @Option(help: "The format to write.")
    var to: Format

    @Option(name: [.short, .long], help: ArgumentHelp("Where to write (default: beside the notebook; - for standard output).", valueName: "file"))
    var output: String?

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    func validate() throws {
        try requireUTF8(("NOTEBOOK", notebook), ("--output", output))
    }

    func run() throws {
        do {
            let data = try convertedData()
            try write(data)
        } catch let error as DiagnosticError {
            StandardStream.write(DiagnosticRenderer().render(error.diagnostics) + "\n", to: STDERR_FILENO)
            throw ExitCode(2)
        }
    }

    private func convertedData() throws -> Data {
        switch to {
        case .ipynb:
            return DLNToIpynb.convert(try NotebookSession.load(path: notebook))
        case .dln:
            let bytes: Data
            do {
                bytes = try Data(contentsOf: URL(fileURLWithPath: notebook))
            } catch {
                throw DiagnosticError(.io, "cannot read '\(notebook)': \(error.localizedDescription)")
            }
            let result = try IpynbToDLN.convert(bytes, name: notebook)
            for warning in result.warnings {
                StandardStream.write("warning: \(warning.message)\n", to: STDERR_FILENO)
            }
            return Data(result.text.utf8)
        }
    }

    private func write(_ data: Data) throws {
        if output == "-" { return StandardStream.write(data) }
        let target = URL(fileURLWithPath: output ?? defaultOutput())
        if !force, FileManager.default.fileExists(atPath: target.path) {
            throw DiagnosticError(.io, "'\(target.path)' exists; dln does not replace it", hint: "use --output FILE, or --force to replace it")
        }
        do {
            try AtomicFile.write(data, to: target)
        } catch let error as FileWriteError {
            throw DiagnosticError(.io, "cannot write '\(target.path)': \(error.message)")
        }
        StandardStream.write("wrote \(target.path)\n", to: STDERR_FILENO)
    }

    private func defaultOutput() -> String {
        let url = URL(fileURLWithPath: notebook)
        return url.deletingPathExtension().appendingPathExtension(to.rawValue).path
    }
}
