import Foundation

/// Which cells of a notebook each code cell depends on, found from the syntax alone.
///
/// A cell depends on the last earlier cell that bound or changed each name it reads
/// (also the names read by the functions it calls, when they are called), and on every
/// earlier cell that may change objects in place: what such a cell changed may be held
/// under other names too, which the syntax cannot follow.
public struct CellGraph: Sendable {
    /// Where a name a cell reads comes from.
    public struct Source: Sendable, Equatable {
        public var name: String
        /// The position (in the notebook's cells) of the cell that last bound or changed it.
        public var position: Int
    }

    /// One code cell.
    public struct Node: Sendable {
        /// The cell's position in ``Notebook/cells``.
        public var position: Int
        public var usage: CellUsage
        /// Every name it reads from outside, with the names read by functions it calls.
        public var reads: [String]
        /// The earlier cells its read names come from.
        public var sources: [Source]
        /// The positions of every earlier cell it depends on, in order.
        public var dependencies: [Int]
        /// Whether it may change in place objects that other cells made.
        public var changesInPlace: Bool
        /// The names whose values it leaves behind: those it binds and those it may change.
        public var writes: [String]
        /// Why it must run every time, if it must (also when a cell it depends on must).
        public var alwaysRunsBecause: String?
    }

    /// The code cells that parsed, in notebook order.
    public let nodes: [Node]

    /// The graph of `notebook`, given each cell's parsed program (nil for Markdown cells or cells that did not parse).
    private let slots: [Int: Int]

    public init(notebook: Notebook, programs: [Program?]) {
        var index = CellIndex()
        let known = KnownOrigins()
        for (position, program) in programs.enumerated() {
            guard let program, position < notebook.cells.count else { continue }
            index.append(CellGraph.node(position: position, usage: CellUsage(of: program), earlier: index, known: known,
                                        name: { notebook.cells[$0].displayName }))
        }
        nodes = index.nodes
        slots = index.slots
    }

    /// The node of the cell at `position`, if it is a code cell that parsed.
    public func node(at position: Int) -> Node? { slots[position].map { nodes[$0] } }

    /// The positions of the cells that depend on `position`, directly or not.
    public func dependents(of position: Int) -> Set<Int> {
        var found: Set<Int> = []
        for node in nodes where node.position > position {
            if node.dependencies.contains(where: { $0 == position || found.contains($0) }) { found.insert(node.position) }
        }
        return found
    }

    private static func node(position: Int, usage: CellUsage, earlier: CellIndex, known: KnownOrigins,
                             name: (Int) -> String) -> Node {
        func writer(of name: String) -> Node? { earlier.lastWriter(of: name, before: position) }
        // Names read, closed over the functions they may hold: calling `f` reads what `f` reads.
        var reads: [String] = []
        var seen: Set<String> = []
        var pending = usage.reads + usage.functionReads
        var callsChangingFunction = usage.makesChangingFunctions
        var origins = FunctionOrigins(index: earlier, known: known)
        var next = 0
        while next < pending.count {
            let name = pending[next]
            next += 1
            guard seen.insert(name).inserted else { continue }
            reads.append(name)
            for origin in origins.cells(of: name, before: position) {
                guard let maker = earlier.node(at: origin) else { continue }
                pending += maker.usage.functionReads
                if maker.usage.makesChangingFunctions { callsChangingFunction = true }
            }
        }
        let sources = reads.compactMap { name in writer(of: name).map { Source(name: name, position: $0.position) } }
        let changesInPlace = usage.changesWhatItReads || callsChangingFunction
        var dependencies = Set(sources.map(\.position))
        dependencies.formUnion(earlier.changing)
        var writes = usage.defines
        var written = Set(writes)
        let changed = usage.changes + (changesInPlace ? sources.map(\.name) : [])
        for name in changed where written.insert(name).inserted { writes.append(name) }
        let inherited = dependencies.sorted().lazy.compactMap { earlier.node(at: $0) }.first { $0.alwaysRunsBecause != nil }
        return Node(position: position, usage: usage, reads: reads, sources: sources, dependencies: dependencies.sorted(),
                    changesInPlace: changesInPlace, writes: writes,
                    alwaysRunsBecause: usage.alwaysRunsBecause ?? inherited.map { "cell '\(name($0.position))' always runs" })
    }
}

/// Which cells made the functions a name may hold: follows `fn`, lambdas, `g = f`,
/// `fs = list(f, g)` and calls of functions that make functions, erring toward more.
private struct FunctionOrigins {
    let index: CellIndex
    let known: KnownOrigins
    private var visiting: Set<String> = []
    /// How many times a cycle was cut short: a result found meanwhile may be partial.
    private var cuts = 0

    init(index: CellIndex, known: KnownOrigins) {
        self.index = index
        self.known = known
    }

    /// The cells whose functions `name`, as bound before `position`, may be.
    mutating func cells(of name: String, before position: Int) -> Set<Int> {
        guard let writer = index.lastWriter(of: name, before: position) else { return [] }
        return cells(of: name, boundBy: writer)
    }

    private mutating func cells(of name: String, boundBy writer: CellGraph.Node) -> Set<Int> {
        let key = "\(writer.position):\(name)"
        if let found = known.cells[key] { return found }
        guard visiting.insert(key).inserted else {
            cuts += 1
            return []
        }
        let cutsBefore = cuts
        let found = search(name, boundBy: writer)
        visiting.remove(key)
        if cuts == cutsBefore { known.cells[key] = found }
        return found
    }

    private mutating func search(_ name: String, boundBy writer: CellGraph.Node) -> Set<Int> {
        let usage = writer.usage
        var found: Set<Int> = usage.functionNames.contains(name) ? [writer.position] : []
        func resolve(_ other: String) -> Set<Int> {
            var result = cells(of: other, before: writer.position)
            if usage.defines.contains(other) { result.formUnion(cells(of: other, boundBy: writer)) }
            return result
        }
        for mention in usage.mentions[name] ?? [] { found.formUnion(resolve(mention)) }
        for callee in usage.callees[name] ?? [] {
            let makers = resolve(callee)
            if makers.contains(where: { index.node(at: $0)?.usage.makesFunctionsInFunctions == true }) {
                found.formUnion(makers)
            }
        }
        // Changed in place, or bound only under a condition: what it held before may remain.
        found.formUnion(cells(of: name, before: writer.position))
        return found
    }
}

/// The origins found so far, by "position:name" of the binding: they depend only on the
/// cells up to that position, so every later cell reuses them (a long chain of cells stays linear).
private final class KnownOrigins {
    var cells: [String: Set<Int>] = [:]
}

/// The cells built so far, indexed by position and by the names they write.
private struct CellIndex {
    private(set) var nodes: [CellGraph.Node] = []
    private(set) var slots: [Int: Int] = [:]
    /// For each name, the positions of the cells that write it, in order.
    private var writers: [String: [Int]] = [:]
    /// The cells that may change objects in place (every later cell depends on them).
    private(set) var changing: [Int] = []

    mutating func append(_ node: CellGraph.Node) {
        slots[node.position] = nodes.count
        nodes.append(node)
        for name in node.writes { writers[name, default: []].append(node.position) }
        if node.changesInPlace || !node.usage.changes.isEmpty { changing.append(node.position) }
    }

    func node(at position: Int) -> CellGraph.Node? { slots[position].map { nodes[$0] } }

    /// The last cell before `position` that writes `name`.
    func lastWriter(of name: String, before position: Int) -> CellGraph.Node? {
        guard let positions = writers[name] else { return nil }
        var low = 0, high = positions.count  // the first index whose position is ≥ `position`
        while low < high {
            let middle = (low + high) / 2
            if positions[middle] < position { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? nil : node(at: positions[low - 1])
    }
}
