import Foundation

extension CellGraph {
    /// The graph as `dln check --deps` prints it: per code cell what it binds, what it
    /// takes from which earlier cell, what it changes in place, the files it reads
    /// (`files` picks them from its string literals) and whether it always runs.
    public func text(of notebook: Notebook, files: ([String]) -> [String] = { _ in [] }) -> String {
        var lines: [String] = []
        func label(_ position: Int) -> String {
            let cell = notebook.cells[position]
            return cell.title.map { "cell \(cell.index) '\($0)'" } ?? "cell \(cell.index)"
        }
        for node in nodes {
            lines.append(label(node.position))
            if !node.usage.defines.isEmpty { lines.append("  binds: \(node.usage.defines.joined(separator: ", "))") }
            let defined = Set(node.usage.defines)
            let changed = node.writes.filter { !defined.contains($0) }
            if !changed.isEmpty { lines.append("  changes in place: \(changed.joined(separator: ", "))") }
            for source in node.sources {
                lines.append("  uses \(source.name) from \(label(source.position))")
            }
            let others = node.dependencies.filter { position in !node.sources.contains { $0.position == position } }
            for position in others {
                lines.append("  runs after \(label(position)) (it changes objects in place)")
            }
            let read = files(node.usage.stringLiterals)
            if !read.isEmpty { lines.append("  reads files: \(read.joined(separator: ", "))") }
            if let reason = node.alwaysRunsBecause { lines.append("  always runs: \(reason)") }
        }
        return lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
    }
}
