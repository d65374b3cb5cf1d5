import ArgumentParser
import Foundation
import Library
import StandardStreams

/// The `dln` command line: each subcommand is a thin shell over the modules.
struct DLN: ParsableCommand {
    static let version = "0.5.0"

    static let configuration = CommandConfiguration(
        commandName: "dln",
        abstract: "Run deep-learning notebooks (.dln) on dln's own tensor engine.",
        discussion: "Exit status: 0 success, 1 a cell or expect failed, 2 usage or file error, 130/143 interrupted.",
        version: version,
        subcommands: [Run.self, Check.self, Repl.self, Info.self, Figures.self, HelpCommand.self,
                      KernelCommand.self, Convert.self,
                      Sweep.self, Fmt.self, Cache.self]
    )

    /// Parses the arguments and runs the command, exiting with dln's
    /// documented statuses (usage errors exit 2, not ArgumentParser's 64).
    static func main(arguments: [String]) -> Never {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            Foundation.exit(0)
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success { self.exit(withError: error) }
            StandardStream.write(fullMessage(for: error) + "\n", to: STDERR_FILENO)
            Foundation.exit(2)
        }
    }
}

/// Refuses paths typed with bytes that are not UTF-8: Swift has already
/// replaced those bytes by U+FFFD, so the path would name another file.
func requireUTF8(_ paths: (option: String, path: String?)...) throws {
    for (option, path) in paths {
        guard let path, CommandLineBytes.isRepaired(path) else { continue }
        throw ValidationError("\(option) '\(path)' is not valid UTF-8; rename it, or choose a path that is")
    }
}
