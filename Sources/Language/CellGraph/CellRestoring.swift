import Foundation

/// Restores notebook cells instead of running them (a cell cache). The runner asks it
/// before each code cell, and shows what it says about each cell in the report.
public protocol CellRestoring: AnyObject {
    /// Called once before the first cell runs, with every cell's parse (nil for Markdown).
    func prepare(notebook: Notebook, programs: [Program?])
    /// Replays the cell's output into `sink` and binds what it bound, returning true;
    /// false when the cell must run.
    func restore(_ cell: Cell, at position: Int, into sink: any OutputSink) -> Bool
    /// Why the cell was restored or ran: `cached`, `ran: cell 'data' changed`.
    func explanation(at position: Int) -> String?
}

/// A value the cell cache can keep between runs, as a kind and bytes from which the host makes it again.
public struct StoredHostForm: Sendable, Equatable {
    /// When a restored cell makes its values again: plain values first, then (after the
    /// cell's own declarations ran again) values made into what a name holds, then
    /// values that refer to the others.
    public enum Stage: Int, Codable, Sendable, Comparable {
        case plain, intoTemplate, referring

        public static func < (a: Stage, b: Stage) -> Bool { a.rawValue < b.rawValue }
    }

    public var kind: String
    public var bytes: Data
    public var stage: Stage

    public init(kind: String, bytes: Data, stage: Stage = .plain) {
        self.kind = kind
        self.bytes = bytes
        self.stage = stage
    }
}

/// A host value that can be kept between runs.
public protocol StorableHostValue: HostValue {
    /// The value as bytes, or nil when this one cannot be kept (``unstorableReason`` says why).
    var storedForm: StoredHostForm? { get }
    /// Why ``storedForm`` is nil.
    var unstorableReason: String { get }
    /// Whether the value never changes once made: then it may be held under several names
    /// and still be kept (restored as copies, which no one can tell apart).
    var isImmutable: Bool { get }
    /// The value as bytes, for a value that refers to objects other names hold (an
    /// optimiser's state names the parameters it belongs to by where `globals` holds them).
    func storedForm(in globals: Environment) -> StoredHostForm?
}

extension StorableHostValue {
    public func storedForm(in globals: Environment) -> StoredHostForm? { storedForm }
}

/// A value that stands for objects which may change in place and that other values can
/// hold too (a layer stands for its network, a tensor value for its tensor): the cell
/// cache follows them to find an object held under two names.
public protocol HoldsChangingObjects {
    /// The identities of those objects; empty when the value holds none.
    var changingObjects: [ObjectIdentifier] { get }
}

/// A host that makes values again from their stored forms.
public protocol StoredValueRestoring: AnyObject {
    /// The value `form` stands for; nil when the bytes are not a value of this host
    /// (another precision, damaged). `template` is the value the name holds at this point
    /// of a run (a network made again by the cell's own declaration, or an earlier
    /// cell's), and `globals` the names as this cell left them, for values that refer
    /// to others.
    func restoredValue(_ form: StoredHostForm, template: Value?, globals: Environment) -> Value?
}
