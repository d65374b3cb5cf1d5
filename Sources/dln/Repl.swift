import ArgumentParser
import Console
import Foundation
import Library

/// `dln repl [NOTEBOOK]`: an interactive session on GNU readline.
struct Repl: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start an interactive session (optionally after running a notebook).",
        discussion: """
            Line editing, history (kept in $XDG_DATA_HOME/dln/history or ~/.local/share/dln/history; \
            DLN_HISTORY overrides) and Tab completion come from GNU readline and your ~/.inputrc. \
            Type :help for the commands. When standard input is not a terminal, lines are read \
            plainly, without prompts or escape codes.
            """)

    @ArgumentParser.Argument(help: "A notebook to run first; its names stay bound.")
    var notebook: String?

    @Option(help: ArgumentHelp("Tensor precision in bits: 32 (default) or 64.", valueName: "32|64"))
    var precision: String?

    @OptionGroup var memoryLimit: MemoryLimitOption

    func validate() throws {
        if let precision, Precision(name: precision) == nil {
            throw ValidationError("--precision must be 32 or 64, got '\(precision)'")
        }
    }

    func run() throws {
        memoryLimit.apply()
        let interactive = isatty(STDIN_FILENO) == 1
        let sink = StandardStreamsSink(showsCellTitles: false)
        let session = NotebookSession(output: OutputSettings(drawsInTerminal: interactive), sink: sink,
                                      precision: precision.flatMap(Precision.init(name:)) ?? .single)
        let interrupts = InterruptState()
        let completer = NameCompleter(session: session)
        let reader: LineReader = interactive
            ? ReadlineReader(history: HistoryFile(), completer: completer, interrupted: interrupts.takePromptInterrupt)
            : PlainLineReader()
        let monitor = InterruptMonitor(signals: [SIGINT]) { _ in
            interrupts.interrupt()
            // Piped input cannot be interrupted while waiting for a line: leave, as a shell would.
            if !interactive, !interrupts.isEvaluating { Foundation.exit(130) }
        }
        defer { monitor.stop() }
        let repl = REPL(session: session, reader: reader, sink: sink, interrupts: interrupts)
        repl.onSessionChange = { completer.session = $0 }
        if interactive { sink.write("dln \(DLN.version) — :help for help, Ctrl-D to leave\n") }
        if let notebook { repl.handle(":load \(notebook)") }
        repl.run()
        if interactive { sink.write("\n") }
    }
}
