// Placeholder so the package builds while Language is being written.
enum LanguageModule {}
