import Foundation
import Language

/// The keys of one version of a notebook, to tell which cells changed since another
/// version: `dln repl`'s `:reload`, which keeps values in memory instead of a cache.
public struct NotebookKeys {
    public let notebook: Notebook
    public let graph: CellGraph
    private let keys: [Int: CellKey]

    public init(notebook: Notebook, programs: [Program?], precision: String, folder: URL) {
        self.notebook = notebook
        graph = CellGraph(notebook: notebook, programs: programs)
        keys = CellKeys(notebook: notebook, graph: graph, programs: programs, overrides: [], precision: precision,
                        version: "session", folder: folder).compute()
    }

    /// Why the cell at `position` must run again since `previous`, or nil when it need not.
    public func change(at position: Int, since previous: NotebookKeys) -> String? {
        guard let key = keys[position] else { return nil }
        let label = notebook.cells[position].displayName
        guard let hash = key.hash else {
            if case .none(let reason) = key { return "not cacheable (\(reason))" }
            return "not cacheable"
        }
        guard let old = previous.graph.nodes.first(where: { previous.notebook.cells[$0.position].displayName == label }),
              let oldKey = previous.keys[old.position] else { return "new cell" }
        if oldKey.hash == hash { return nil }
        let record = RunRecord.Cell(label: label, key: oldKey.hash, parts: oldKey.parts, unstored: nil)
        return String(RunReason.missing(current: key, previous: record).dropFirst("ran: ".count))
    }

    /// Whether more than one cell binds or changes `name`, here or in `previous`: then the
    /// session's value of it is not what an earlier cell left.
    public func isRewritten(_ name: String, since previous: NotebookKeys) -> Bool {
        graph.nodes.filter { $0.writes.contains(name) }.count > 1
            || previous.graph.nodes.filter { $0.writes.contains(name) }.count > 1
    }
}
