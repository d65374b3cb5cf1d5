import Foundation
import Language
import NotebookBatch

/// One thing a cell's key is made of, named so that a changed key says what changed:
/// `code`, `cell 'data'`, `file data/digits.csv`, `--set lr`, `precision`, `dln`.
struct KeyPart: Codable, Equatable {
    var label: String
    var hash: String
}

/// A cell's key: the hash of its parts; or why it has none (then the cell always runs).
enum CellKey: Equatable {
    case key(String, parts: [KeyPart])
    case none(reason: String)

    init(parts: [KeyPart]) {
        let joined = parts.map { "\($0.label)\u{0}\($0.hash)\n" }.joined()
        self = .key(FileDigest.hex(of: Data(joined.utf8)), parts: parts)
    }

    var hash: String? {
        if case .key(let hash, _) = self { return hash }
        return nil
    }

    var parts: [KeyPart] {
        if case .key(_, let parts) = self { return parts }
        return []
    }
}

/// Computes every code cell's key from its code, the keys of the cells it depends on,
/// the files it reads, the `--set` values it takes, the precision and dln's version.
struct CellKeys {
    let notebook: Notebook
    let graph: CellGraph
    /// Each cell's parse, for the statements of a `parameters` cell.
    let programs: [Program?]
    let overrides: [(name: String, value: String)]
    let precision: String
    let version: String
    /// The folder relative file names are read from (the working directory).
    let folder: URL

    static let parametersTitle = "parameters"

    /// The keys, by cell position.
    func compute() -> [Int: CellKey] {
        var keys: [Int: CellKey] = [:]
        let parameters = graph.nodes.first { notebook.cells[$0.position].title == Self.parametersTitle }
        // A parameters cell of plain `name = literal` lines lets a cell depend on each value alone.
        let perName = parameters.map(isPlain) ?? false
        for node in graph.nodes {
            if let reason = node.alwaysRunsBecause { keys[node.position] = .none(reason: reason); continue }
            var parts = [KeyPart(label: "code", hash: FileDigest.hex(of: Data(notebook.normalisedCode(of: notebook.cells[node.position]).utf8)))]
            let common = [KeyPart(label: "precision", hash: precision), KeyPart(label: "dln", hash: version)]
            if node.position == parameters?.position {
                parts += overrides.sorted { $0.name < $1.name }.map { KeyPart(label: "--set \($0.name)", hash: Self.hash($0.value)) }
            }
            for source in node.sources where source.position == parameters?.position {
                let value = overrides.last { $0.name == source.name }?.value
                parts.append(KeyPart(label: "--set \(source.name)", hash: value.map(Self.hash) ?? "not set"))
                if perName, let parameters {
                    parts.append(KeyPart(label: "parameter \(source.name)",
                                         hash: Self.hash(parameterCode(source.name, at: parameters.position))))
                }
            }
            var unkeyed: String?
            for position in node.dependencies {
                let label = "cell '\(notebook.cells[position].displayName)'"
                if position == parameters?.position, perName {
                    continue  // each parameter it reads is a part of its own (above)
                } else if let hash = keys[position]?.hash {
                    parts.append(KeyPart(label: label, hash: hash))
                } else {
                    unkeyed = "\(label) always runs"
                }
            }
            if let unkeyed { keys[node.position] = .none(reason: unkeyed); continue }
            switch fileParts(of: node) {
            case .success(let files): parts += files
            case .failure(let refusal): keys[node.position] = .none(reason: refusal.reason); continue
            }
            keys[node.position] = CellKey(parts: parts + common)
        }
        return keys
    }

    private static func hash(_ text: String) -> String { FileDigest.hex(of: Data(text.utf8)) }

    /// Whether a parameters cell is only `name = value` lines that read no names: then each
    /// value stands alone, and a cell depends on the values it reads, not on the others.
    private func isPlain(_ node: CellGraph.Node) -> Bool {
        guard node.usage.reads.isEmpty, node.usage.functionReads.isEmpty, node.position < programs.count,
              let program = programs[node.position] else { return false }
        return program.statements.allSatisfy { statement in
            if case .assignment(.name, _, _) = statement { return true }
            return false
        }
    }

    /// The code of the statements of the parameters cell that bind `name` (plain `name = literal` lines).
    private func parameterCode(_ name: String, at position: Int) -> String {
        guard position < programs.count, let program = programs[position] else { return "" }
        var code: [String] = []
        for statement in program.statements {
            guard case .assignment(.name(name, _), _, let range) = statement else { continue }
            code.append(notebook.normalisedCode(in: range.start..<range.end))
        }
        return code.joined(separator: "\n")
    }

    /// The contents of the files the cell's string literals name.
    private func fileParts(of node: CellGraph.Node) -> Result<[KeyPart], ValueStorage.Refusal> {
        var parts: [KeyPart] = []
        for path in CellInputs.existingFiles(named: node.usage.stringLiterals, in: folder) {
            let url = CellInputs.location(of: path, in: folder)
            guard let hash = CellInputs.fingerprint(of: url) else {
                return .failure(ValueStorage.Refusal(reason: "cannot read \(path)"))
            }
            parts.append(KeyPart(label: "file \(path)", hash: hash))
        }
        return .success(parts)
    }
}

/// The files a cell may read: its string literals that name existing regular files.
public enum CellInputs {
    /// Files up to this size are known by their contents' hash; larger ones by their stamp.
    public static let maximumHashedSize = 16 << 20

    /// What a file's key part holds: the SHA-256 of its contents, or for a large file (which
    /// would take long to read every run) its device, inode, size and modification and
    /// status-change times — any write changes the last, so a changed file never looks
    /// unchanged (an untouched one may look changed: then the cell only runs).
    static func fingerprint(of url: URL) -> String? {
        var status = stat()
        guard stat(url.path, &status) == 0 else { return nil }
        if Int(status.st_size) <= maximumHashedSize { return FileDigest.hex(ofFileAt: url) }
        return "stamp \(status.st_dev) \(status.st_ino) \(status.st_size) \(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec) "
            + "\(status.st_ctim.tv_sec).\(status.st_ctim.tv_nsec)"
    }

    /// The literals among `literals` that name regular files (relative to `folder`), in order.
    public static func existingFiles(named literals: [String], in folder: URL) -> [String] {
        literals.filter { literal in
            guard !literal.isEmpty, !literal.contains("\0"), literal.utf8.count < 4096 else { return false }
            var status = stat()
            return stat(location(of: literal, in: folder).path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
        }
    }

    static func location(of literal: String, in folder: URL) -> URL {
        literal.hasPrefix("/") ? URL(fileURLWithPath: literal) : folder.appendingPathComponent(literal)
    }
}
