// Placeholder so the package builds while Library is being written.
enum LibraryModule {}
