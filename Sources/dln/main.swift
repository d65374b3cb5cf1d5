import ResourceLimits

// Before any thread starts: see AllocatorSettings.
AllocatorSettings.applyForTraining()
DLN.main(arguments: Array(CommandLine.arguments.dropFirst()))
