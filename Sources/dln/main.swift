DLN.main(arguments: Array(CommandLine.arguments.dropFirst()))
