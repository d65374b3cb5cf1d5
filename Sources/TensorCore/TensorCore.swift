// Placeholder so the package builds while TensorCore is being written.
enum TensorCoreModule {}
