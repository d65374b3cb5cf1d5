import FileWriting
import Foundation
import Language

/// A `dln run` with a cell cache: restores the cells whose keys it holds, stores what the
/// others leave behind, and says for each why (see docs/caching.md).
public final class CachedRun: CellRestoring {
    /// What the cache needs to know about the run.
    public struct Settings {
        public var folder: CacheFolder
        public var notebook: URL
        public var overrides: [(name: String, value: String)]
        public var precision: String
        public var version: String
        /// `--out`: figures are stored relative to it and restored into it.
        public var outputDirectory: URL
        /// `--refresh`: run every cell and store the results again.
        public var refreshes: Bool

        public init(folder: CacheFolder, notebook: URL, overrides: [(name: String, value: String)], precision: String,
                    version: String, outputDirectory: URL, refreshes: Bool) {
            self.folder = folder
            self.notebook = notebook
            self.overrides = overrides
            self.precision = precision
            self.version = version
            self.outputDirectory = outputDirectory
            self.refreshes = refreshes
        }
    }

    /// The session's sink: it records what each cell shows and passes it on.
    private let recorder: CellOutputRecorder
    private let settings: Settings
    private let evaluator: Evaluator
    private let restoring: (any StoredValueRestoring)?
    private let noteWrittenFile: (URL) -> Void
    /// Records a result again (`record("name", value)`) for a restored cell.
    private let recordResult: (ResultValue, String) -> Void
    private let warn: (String) -> Void

    private var notebook: Notebook?
    private var graph: CellGraph?
    private var keys: [Int: CellKey] = [:]
    private var plan = CachePlan(graph: CellGraph(notebook: Notebook(name: "", text: ""), programs: []), initial: [:], name: { _ in "" })
    private var functions: [Int: CellFunctions] = [:]
    /// Each cell's top-level `network` declarations: a restored network is made into what they make.
    private var networkDeclarations: [Int: [Declaration]] = [:]
    private var explanations: [Int: String] = [:]
    private var restored: Set<Int> = []
    /// This run's keys by cell label, in the order cells ended.
    private var record: [String: RunRecord.Cell] = [:]
    private var recordOrder: [String] = []

    /// `recorder` must be (or pass output to) the evaluator's sink.
    public init(settings: Settings, evaluator: Evaluator, recorder: CellOutputRecorder,
                restoring: (any StoredValueRestoring)?, noteWrittenFile: @escaping (URL) -> Void,
                recordResult: @escaping (ResultValue, String) -> Void, warn: @escaping (String) -> Void) {
        self.settings = settings
        self.evaluator = evaluator
        self.recorder = recorder
        self.restoring = restoring
        self.noteWrittenFile = noteWrittenFile
        self.recordResult = recordResult
        self.warn = warn
    }

    public func prepare(notebook: Notebook, programs: [Program?]) {
        let graph = CellGraph(notebook: notebook, programs: programs)
        self.notebook = notebook
        self.graph = graph
        keys = CellKeys(notebook: notebook, graph: graph, programs: programs, overrides: settings.overrides, precision: settings.precision,
                        version: settings.version, folder: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).compute()
        for (position, program) in programs.enumerated() {
            guard let program else { continue }
            var made = CellFunctions(lambdas: CellUsage.lambdas(in: program))
            for case .function(let declaration) in program.statements {
                if let name = declaration.name?.name { made.declared[name] = declaration }
            }
            functions[position] = made
            networkDeclarations[position] = program.statements.compactMap { statement in
                guard case .declaration(let declaration) = statement, case .network = declaration.kind else { return nil }
                return declaration
            }
        }
        let previous = settings.folder.runRecord(notebook: settings.notebook).map { record in
            Dictionary(record.cells.map { ($0.label, $0) }, uniquingKeysWith: { first, _ in first })
        }
        var initial: [Int: CachePlan.Decision] = [:]
        for node in graph.nodes {
            initial[node.position] = firstDecision(node.position, previous: previous, name: notebook.cells[node.position].displayName)
        }
        plan = CachePlan(graph: graph, initial: initial, name: { notebook.cells[$0].displayName })
        for (position, decision) in plan.decisions {
            if case .run(let reason) = decision { explanations[position] = reason }
        }
    }

    private func firstDecision(_ position: Int, previous: [String: RunRecord.Cell]?, name: String) -> CachePlan.Decision {
        guard let key = keys[position] else { return .run(reason: "ran") }
        guard let hash = key.hash else {
            if case .none(let reason) = key { return .run(reason: "ran: not cacheable (\(reason))") }
            return .run(reason: "ran")
        }
        if settings.refreshes { return .run(reason: "ran: --refresh") }
        switch settings.folder.entry(hash) {
        case .found(let entry): return .restore(entry)
        case .unreadable:
            warn("ignoring the cache entry of cell '\(name)' (\(settings.folder.entryURL(hash).path)): it is damaged or not dln's; the cell runs")
            return .run(reason: "ran: its cache entry was unreadable")
        case .otherFormat(let format):
            warn("ignoring the cache entry of cell '\(name)': it is of another format ('\(format)', this dln writes '\(CacheEntry.currentFormat)'); the cell runs")
            return .run(reason: "ran: its cache entry was of another format")
        case .missing:
            return .run(reason: RunReason.missing(current: key, previous: previous?[name]))
        }
    }

    public func restore(_ cell: Cell, at position: Int, into sink: any OutputSink) -> Bool {
        guard let entry = plan.entry(at: position) else { return false }
        if let (alias, name) = aliasOfChangedObject(entry, at: position) {
            explanations[position] = "ran: '\(alias)' holds what '\(name)' held, which this cell changes in place"
            return false
        }
        guard let values = restoredValues(entry, at: position) else {
            warn("the cache entry of cell '\(cell.displayName)' does not fit this session; the cell runs")
            explanations[position] = "ran: its cache entry did not fit this session"
            return false
        }
        do {
            try restoreFiles(entry.files)
        } catch {
            warn("cannot restore the files of cell '\(cell.displayName)': \((error as? FileWriteError)?.reason ?? "\(error)"); the cell runs")
            explanations[position] = "ran: its files could not be restored"
            return false
        }
        for (name, value) in values { evaluator.globals.define(name, value) }
        let globals = evaluator.globals
        for event in entry.events {
            recorder.replay(event, into: sink) { [restoring] in restoring?.restoredValue($0, template: nil, globals: globals) }
        }
        for result in entry.results { recordResult(result.value, result.name) }
        restored.insert(position)
        explanations[position] = "cached"
        record(position, unstored: nil)
        return true
    }

    /// A restored cell puts new objects where it changed objects in place; a name it does not
    /// bind that holds one of the objects there now (an alias made by a cell that ran, such as
    /// `ls = net.layers`) would keep the object unchanged, where running the cell would change
    /// it. That name and the changed one, if there is one.
    private func aliasOfChangedObject(_ entry: CacheEntry, at position: Int) -> (alias: String, name: String)? {
        guard let node = graph?.node(at: position) else { return nil }
        let rebound = Set(entry.bindings.map(\.name))
        let changed = Set(node.usage.changes).union(node.changesInPlace ? node.sources.map(\.name) : []).intersection(rebound)
        var changedObjects: [ObjectIdentifier: String] = [:]
        for name in changed.sorted() {
            guard let value = evaluator.globals.lookup(name) else { continue }
            for object in SharedObjects.identities(in: value) { changedObjects[object] = name }
        }
        guard !changedObjects.isEmpty else { return nil }
        for alias in evaluator.globals.localNames.sorted() where !rebound.contains(alias) {
            guard let value = evaluator.globals.lookup(alias) else { continue }
            if let name = SharedObjects.identities(in: value).lazy.compactMap({ changedObjects[$0] }).first { return (alias, name) }
        }
        return nil
    }

    /// The entry's values, made in stages (see ``StoredHostForm/Stage``) in a scope of their
    /// own, so that nothing is bound when one does not fit; nil when one does not.
    private func restoredValues(_ entry: CacheEntry, at position: Int) -> [(String, Value)]? {
        let storage = ValueStorage(globals: evaluator.globals, restoring: restoring, builtin: evaluator.builtin(named:))
        let scope = Environment(enclosing: evaluator.globals)
        var values: [(String, Value)] = []
        for stage in [StoredHostForm.Stage.plain, .intoTemplate, .referring] {
            if stage == .intoTemplate {
                for declaration in networkDeclarations[position] ?? [] {
                    guard (try? evaluator.redeclare(declaration, in: scope)) != nil else { return nil }
                }
            }
            for binding in entry.bindings where binding.value.stage == stage {
                guard let value = storage.restore(binding.value, functions: functions[position] ?? CellFunctions(),
                                                  template: scope.lookup(binding.name), scope: scope) else { return nil }
                scope.define(binding.name, value)
                values.append((binding.name, value))
            }
        }
        return values
    }

    private func restoreFiles(_ files: [CacheEntry.File]) throws {
        for file in files {
            let url = settings.outputDirectory.appendingPathComponent(file.path)
            if (try? Data(contentsOf: url)) != file.bytes {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try AtomicFile.write(file.bytes, to: url)
            }
            noteWrittenFile(url)
        }
    }

    public func explanation(at position: Int) -> String? { explanations[position] }

    /// After a cell ends (restored or not), with the files it wrote and the results it recorded:
    /// stores what a cell that ran left behind.
    public func cellEnded(_ report: CellReport, files: [String], results: [(name: String, value: ResultValue)]) {
        let position = report.index - 1
        guard !restored.contains(position), let node = graph?.node(at: position), let hash = keys[position]?.hash else {
            if graph?.node(at: position) != nil, !restored.contains(position) { record(position, unstored: nil) }
            return
        }
        guard report.status == .passed, report.diagnostics.isEmpty else { return }
        switch storedFiles(files) {
        case .failure(let refusal):
            record(position, unstored: refusal.reason)
        case .success(let stored):
            let (bindings, unkept) = storedBindings(of: node, position: position)
            let entry = CacheEntry(key: hash, cell: report.displayName, events: recorder.events(ofCell: report.index),
                                   results: results.map { CacheEntry.Result(name: $0.name, value: $0.value) }, files: stored,
                                   bindings: bindings, unkept: unkept)
            do {
                try settings.folder.store(entry)
                record(position, unstored: nil)
            } catch {
                warn("cannot store cell '\(report.displayName)' in the cache: \((error as? FileWriteError)?.reason ?? "\(error)")")
            }
        }
    }

    private func record(_ position: Int, unstored: String?) {
        guard let notebook else { return }
        let label = notebook.cells[position].displayName
        if record[label] == nil { recordOrder.append(label) }
        record[label] = RunRecord.Cell(label: label, key: keys[position]?.hash, parts: keys[position]?.parts ?? [], unstored: unstored)
    }

    /// The files under `--out`, relative to it; a file written elsewhere makes the cell uncacheable.
    private func storedFiles(_ paths: [String]) -> Result<[CacheEntry.File], ValueStorage.Refusal> {
        let root = settings.outputDirectory.standardizedFileURL.path
        var files: [CacheEntry.File] = []
        for path in paths {
            let full = URL(fileURLWithPath: path).standardizedFileURL.path
            guard full.hasPrefix(root + "/") else { return .failure(.init(reason: "writes \(path) outside --out")) }
            let relative = String(full.dropFirst(root.count + 1))
            guard CacheEntry.isSafeRelativePath(relative), let bytes = try? Data(contentsOf: URL(fileURLWithPath: full)) else {
                return .failure(.init(reason: "writes \(path), which cannot be read back"))
            }
            files.removeAll { $0.path == relative }
            files.append(CacheEntry.File(path: relative, bytes: bytes))
        }
        return .success(files)
    }

    /// The values of the names the cell bound or changed; a value that cannot be kept,
    /// or that is also held under a name the cell did not write, is left out with the reason.
    private func storedBindings(of node: CellGraph.Node, position: Int) -> ([CacheEntry.Binding], [CacheEntry.Unkept]) {
        let storage = ValueStorage(globals: evaluator.globals, restoring: restoring, builtin: evaluator.builtin(named:))
        let written = node.writes.filter { evaluator.globals.isBoundLocally($0) }
        // Who else holds the objects the written values hold (only those objects: a scan of
        // every name for each cell would make a notebook of thousands of cells quadratic).
        let writtenObjects = Set(written.flatMap { name in evaluator.globals.lookup(name).map(SharedObjects.identities) ?? [] })
        var holders: [ObjectIdentifier: Set<String>] = [:]
        for name in writtenObjects.isEmpty ? [] : evaluator.globals.localNames {
            guard let value = evaluator.globals.lookup(name) else { continue }
            for object in SharedObjects.identities(in: value) where writtenObjects.contains(object) { holders[object, default: []].insert(name) }
        }
        func sharer(of name: String, _ value: Value) -> String? {
            SharedObjects.identities(in: value).lazy.compactMap { holders[$0]?.subtracting([name]).sorted().first }.first
        }
        var bindings: [CacheEntry.Binding] = []
        var unkept: [CacheEntry.Unkept] = []
        for name in written {
            guard let value = evaluator.globals.lookup(name) else { continue }
            if let other = sharer(of: name, value) {
                unkept.append(.init(name: name, reason: "it shares an object with '\(other)'"))
                continue
            }
            do {
                bindings.append(.init(name: name, value: try storage.store(value, functions: functions[position] ?? CellFunctions())))
            } catch let refusal as ValueStorage.Refusal {
                unkept.append(.init(name: name, reason: refusal.reason))
            } catch {
                unkept.append(.init(name: name, reason: "\(error)"))
            }
        }
        return (bindings, unkept)
    }

    /// Writes the keys of this run (for the next run's explanations) and keeps the cache within its limit.
    public func finish() {
        do {
            try settings.folder.store(RunRecord(cells: recordOrder.compactMap { record[$0] }), notebook: settings.notebook)
        } catch {
            warn("cannot write the cache's run record: \((error as? FileWriteError)?.reason ?? "\(error)")")
        }
        settings.folder.evict()
    }
}

/// The objects a value holds that may change in place (tensors that record gradients,
/// networks, also through a layer or a second wrapper of one tensor), by identity, to find
/// values held under two names. Functions and immutable values are left out.
enum SharedObjects {
    static func identities(in value: Value) -> [ObjectIdentifier] {
        switch value {
        case .record(let record): return record.fields.flatMap { identities(in: $0.value) }
        case .list(let items): return items.flatMap(identities)
        case .host(let host):
            if let holder = host as? any HoldsChangingObjects { return holder.changingObjects }
            if let storable = host as? any StorableHostValue, storable.isImmutable { return [] }
            return type(of: host) is AnyClass ? [ObjectIdentifier(host as AnyObject)] : []
        default: return []
        }
    }
}
