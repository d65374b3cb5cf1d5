import Testing
@testable import NotebookBatch

@Test func notebookBatchBuilds() { #expect(Bool(true)) }
