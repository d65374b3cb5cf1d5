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
    public var kind: String
    public var bytes: Data

    public init(kind: String, bytes: Data) {
        self.kind = kind
        self.bytes = bytes
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
}

/// A host that makes values again from their stored forms.
public protocol StoredValueRestoring: AnyObject {
    /// The value `form` stands for; nil when the bytes are not a value of this host
    /// (another precision, damaged).
    func restoredValue(_ form: StoredHostForm) -> Value?
}
