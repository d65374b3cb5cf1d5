import Foundation
import Testing

/// The course notebooks with the cell cache: a second run restores every cell with the same
/// output and byte-identical figures, and a cell changed on its own runs with what the
/// restored cells left, giving what a run without the cache gives. The fast notebooks are
/// here; the slow ones (08, 10, 11, 12) were checked by hand the same way (docs/caching.md).
@Suite("cell cache on the course notebooks")
struct CellCacheNotebookTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("dln-cache-course-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    /// Runs `text` as a notebook from the repository's folder (where the notebooks' data paths lead).
    func run(_ text: String, out: String, cache: Bool = true) throws -> (stdout: String, explained: [String]) {
        let notebook = root.appendingPathComponent("nb.dln")
        try Data(text.utf8).write(to: notebook)
        let outputs = root.appendingPathComponent(out).path
        let caching = cache ? ["--cache", root.appendingPathComponent("cache").path] : ["--no-cache"]
        let result = try DLNProcess.run(["run", notebook.path, "--out", outputs, "--explain"] + caching,
                                        directory: Self.repository, timeout: 600)
        #expect(result.status == 0, "\(result.stderr)")
        let explained = result.stderr.split(separator: "\n").filter { $0.hasPrefix("cell ") }.map { line in
            line.range(of: "': ").map { String(line[$0.upperBound...]) } ?? String(line)
        }
        return (result.stdout.replacingOccurrences(of: outputs, with: "OUT"), explained)
    }

    /// Every file under `out`, by its relative path.
    func files(_ out: String) throws -> [String: Data] {
        let folder = root.appendingPathComponent(out)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        return try Dictionary(uniqueKeysWithValues: names.map { ($0, try Data(contentsOf: folder.appendingPathComponent($0))) })
    }

    /// The notebook with `line` added at the end of its last code cell.
    static func withLineInLastCodeCell(_ text: String, _ line: String) -> String {
        var lines = text.components(separatedBy: "\n")
        guard let start = lines.lastIndex(where: { $0.hasPrefix("%%") && !$0.hasPrefix("%% md") }) else { return text + "\n" + line }
        var end = lines[(start + 1)...].firstIndex { $0.hasPrefix("%%") } ?? lines.count
        while end > start + 1, lines[end - 1].trimmingCharacters(in: .whitespaces).isEmpty { end -= 1 }
        lines.insert(line, at: end)
        return lines.joined(separator: "\n")
    }

    @Test(arguments: ["02_activations", "03_shallow_networks", "04_universal_approximation", "07_losses", "09_perceptrons"])
    func aSecondRunRestoresEveryCellAndAnEditedCellRunsWithTheRestoredValues(_ name: String) throws {
        let text = try String(contentsOf: Self.repository.appendingPathComponent("notebooks/\(name).dln"), encoding: .utf8)
        let first = try run(text, out: "first")
        let second = try run(text, out: "second")
        #expect(!second.explained.isEmpty)
        #expect(Set(second.explained) == ["cached"], "\(second.explained)")
        #expect(second.stdout == first.stdout)
        #expect(try files("second") == (try files("first")))

        let edited = Self.withLineInLastCodeCell(text, "cache_probe = 0")
        let partly = try run(edited, out: "partly")
        #expect(partly.explained.last == "ran: its code changed")
        #expect(partly.explained.contains("cached"))
        #expect(partly.stdout == first.stdout)
        #expect(try files("partly") == (try files("first")))
        #expect(partly.stdout == (try run(edited, out: "full", cache: false)).stdout)
    }
}
