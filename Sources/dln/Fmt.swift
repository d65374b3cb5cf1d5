import ArgumentParser
import Console
import FileWriting
import Foundation
import Language
import Library
import NotebookFormatter
import StandardStreams

/// `dln fmt [--check] NOTEBOOK…`: lays notebooks out one way (docs/fmt.md).
struct Fmt: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Format notebooks in place: indentation, spacing and blank lines, keeping every token, comment and word of prose.",
        discussion: """
            A notebook is rewritten whole or not at all, and only when its layout changes; \
            one that does not lex is reported and left as it is. The rules are in docs/fmt.md.

            Exit status: 0 when every notebook is formatted (with --check: already was); \
            1 when any would change with --check, or does not lex; 2 when one cannot be read or written.
            """)

    @ArgumentParser.Argument(help: "The notebooks (.dln) to format.")
    var notebooks: [String]

    @Flag(help: "Change nothing; list the notebooks that would change and exit 1 if there are any.")
    var check = false

    @Flag(help: "Print the formatted text on stdout instead of rewriting the files.")
    var stdout = false

    @Flag(help: .hidden)
    var lexicalClasses = false

    func run() throws {
        let sink = StandardStreamsSink(showsCellTitles: false)
        var status: Int32 = 0
        for path in notebooks {
            do {
                try requireUTF8(("notebook", path))
                let notebook = try NotebookSession.load(path: path)
                if lexicalClasses {
                    printClasses(of: notebook)
                } else if try format(notebook, at: path) {
                    status = max(status, check ? 1 : 0)
                }
            } catch let error as DiagnosticError {
                error.diagnostics.forEach(sink.report)
                status = max(status, error.diagnostics.contains { $0.range == nil && $0.kind == .io } ? 2 : 1)
            } catch let error as FileWriteError {
                StandardStream.write("error: \(error)\n", to: STDERR_FILENO)
                status = 2
            }
        }
        if status != 0 { throw ExitCode(status) }
    }

    /// Formats one notebook; returns whether its text changed (or would, with --check).
    private func format(_ notebook: Notebook, at path: String) throws -> Bool {
        let formatted = try NotebookFormatter.format(notebook)
        if stdout {
            StandardStream.write(formatted)
            return false
        }
        guard Array(formatted.utf8) != notebook.source.bytes else { return false }
        if !check { try rewrite(path, with: formatted) }
        print(path)
        return true
    }

    /// Replaces the file whole, keeping its permission bits.
    private func rewrite(_ path: String, with text: String) throws {
        var status = stat()
        let mode = stat(path, &status) == 0 ? status.st_mode & 0o7777 : 0o644
        try AtomicFile.write(Data(text.utf8), to: URL(fileURLWithPath: path))
        chmod(path, mode)
    }

    /// For the editor grammars' tests: each token's place (1-based line, byte column) and class.
    /// The end is exclusive; columns count bytes, as Vim's do.
    private func printClasses(of notebook: Notebook) {
        let source = notebook.source
        func place(_ offset: Int) -> String {
            let line = source.location(ofOffset: offset).line
            return "\(line) \(offset - source.byteRange(ofLine: line).lowerBound + 1)"
        }
        for span in notebook.lexicalSpans() {
            print("\(place(span.range.lowerBound)) \(place(span.range.upperBound)) \(span.lexicalClass.rawValue)")
        }
    }
}
