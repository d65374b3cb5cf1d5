import Foundation
import Language

/// Which cells a run restores and which it runs, and why.
///
/// A cell is restored when its entry is there; it runs when it has no key, no entry, when a
/// cell that runs needs a value its entry could not keep, or when it changes objects in
/// place after a cell that ran and its entry could not keep all it changed (the objects
/// it would change are new ones then).
struct CachePlan {
    enum Decision {
        case restore(CacheEntry)
        case run(reason: String)
    }

    private(set) var decisions: [Int: Decision]

    init(graph: CellGraph, initial: [Int: Decision], name: (Int) -> String) {
        decisions = initial
        var changed = true
        while changed {
            changed = false
            var earlierRan = false
            for node in graph.nodes {
                // A cell whose entry kept everything it changed is restored whole; one that could
                // not keep something would leave the objects an earlier cell made anew unchanged.
                if case .restore(let entry) = decisions[node.position], earlierRan, !entry.unkept.isEmpty,
                   node.changesInPlace || !node.usage.changes.isEmpty {
                    decisions[node.position] = .run(reason: "ran: an earlier cell ran, and this one changes objects in place")
                    changed = true
                }
                if case .run = decisions[node.position] { earlierRan = true }
            }
            for node in graph.nodes.reversed() {
                guard case .run = decisions[node.position] else { continue }
                for source in node.sources {
                    guard case .restore(let entry) = decisions[source.position],
                          !entry.bindings.contains(where: { $0.name == source.name }) else { continue }
                    let why = entry.unkept.first { $0.name == source.name }.map { " (\($0.reason))" } ?? ""
                    decisions[source.position] = .run(
                        reason: "ran: cell '\(name(node.position))' needs '\(source.name)', which the cache cannot keep\(why)")
                    changed = true
                }
            }
        }
    }

    func entry(at position: Int) -> CacheEntry? {
        if case .restore(let entry) = decisions[position] { return entry }
        return nil
    }
}
