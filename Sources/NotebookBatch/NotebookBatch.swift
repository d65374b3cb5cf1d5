// Placeholder while NotebookBatch is written.
enum NotebookBatchModule {}
