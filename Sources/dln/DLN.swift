import ArgumentParser

/// The `dln` command line: each subcommand is a thin shell over the modules.
@main
struct DLN: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "dln",
        abstract: "Run deep-learning notebooks (.dln) on dln's own tensor engine.",
        version: version,
        subcommands: [Info.self]
    )
}
