// Placeholder so the package builds while Console is being written.
enum ConsoleModule {}
