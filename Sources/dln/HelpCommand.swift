import ArgumentParser
import Console
import FileWriting
import Foundation
import Language
import Library

/// `dln help [NAME]`: the builtins' and keywords' own help, as `:help` shows it;
/// `--update-reference FILE` regenerates the builtin tables of the language reference.
struct HelpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "help",
        abstract: "Show help on a builtin function or keyword, or list them all.")

    @ArgumentParser.Argument(help: "A builtin function or keyword.")
    var name: String?

    @Option(help: ArgumentHelp("Rewrite the builtin tables of this Markdown file (docs/language.md).", valueName: "file"))
    var updateReference: String?

    func run() throws {
        let builtins = NotebookSession(sink: NullSink()).evaluator.builtins
        if let path = updateReference {
            try requireUTF8(("--update-reference", path))
            return try updateTables(in: path, builtins: builtins)
        }
        guard let name else {
            return print((Help.names(builtins) + ["Use dln help NAME for one of them."]).joined(separator: "\n"))
        }
        let text = Help.text(for: name, commands: [], builtins: builtins)
        print(text)
        if text.hasPrefix("no help on") { throw ExitCode(1) }
    }

    private func updateTables(in path: String, builtins: [Builtin]) throws {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ValidationError("cannot read '\(path)' as UTF-8 text")
        }
        do {
            let updated = try BuiltinReference(builtins: builtins).updating(text)
            if updated != text { try AtomicFile.write(Data(updated.utf8), to: URL(fileURLWithPath: path)) }
        } catch let error as BuiltinReference.MarkerError {
            throw ValidationError("\(path): \(error.description)")
        }
    }
}
