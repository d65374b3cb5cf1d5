import ArgumentParser
import Console
import FileWriting
import Foundation
import Language
import Library

/// `dln help [NAME]`: help on a subcommand (as ArgumentParser gives it), or the builtins'
/// and keywords' own help, as `:help` shows it; `--update-reference FILE` regenerates the
/// builtin tables of the language reference.
struct HelpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "help",
        abstract: "Show help on a subcommand, a builtin function or a keyword.")

    @ArgumentParser.Argument(help: "A subcommand, builtin function or keyword.")
    var name: String?

    @Flag(help: "List the builtin functions and keywords.")
    var builtins = false

    @Option(help: ArgumentHelp("Rewrite the builtin tables of this Markdown file (docs/language.md).", valueName: "file"))
    var updateReference: String?

    func run() throws {
        let described = NotebookSession(sink: NullSink()).evaluator.builtins
        if let path = updateReference {
            try requireUTF8(("--update-reference", path))
            return try updateTables(in: path, builtins: described)
        }
        if builtins { return print((Help.names(described) + ["Use dln help NAME for one of them."]).joined(separator: "\n")) }
        guard let name else {
            return print(DLN.helpMessage() + "\n\n  Builtin functions and keywords: dln help NAME, or dln help --builtins for the list.")
        }
        if let subcommand = DLN.configuration.subcommands.first(where: { Self.name(of: $0) == name }) {
            return print(DLN.helpMessage(for: subcommand))
        }
        let text = Help.text(for: name, commands: [], builtins: described)
        print(text)
        if text.hasPrefix("no help on") { throw ExitCode(1) }
    }

    /// A subcommand's name as typed (the dln commands' type names are single words).
    private static func name(of command: ParsableCommand.Type) -> String {
        command.configuration.commandName ?? String(describing: command).lowercased()
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
