import StandardStreams

/// The command line's `print`: it shadows the standard library's within this module, so
/// that every line a subcommand prints goes through `StandardStream` (a reader that is
/// gone ends dln as SIGPIPE would, instead of stdio dropping the text).
func print(_ text: String, terminator: String = "\n") {
    StandardStream.write(text + terminator)
}
