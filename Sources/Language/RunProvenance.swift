import Foundation

/// What a run was made with and how it ended: the header of an HTML or Markdown
/// report, and the matching fields of the JSON `--report`.
public struct RunProvenance: Codable, Equatable, Sendable {
    /// A name and a value's text: a `--set` pair as typed, or a parameter's final value.
    public struct NamedValue: Codable, Equatable, Sendable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The notebook's path as given on the command line.
    public var notebookPath: String
    /// The `--set` values, in the order given.
    public var overrides: [NamedValue]
    /// Every binding of the `parameters` cell with its value after the run.
    public var parameters: [NamedValue]
    public var dlnVersion: String
    public var precision: Int
    /// OpenBLAS's kernel family, nil when OpenBLAS could not be loaded.
    public var openBLASCoreType: String?
    public var threads: Int
    /// When the run started, ISO 8601 in UTC.
    public var startTime: String
    public var durationSeconds: Double
    public var exitStatus: Int

    public init(notebookPath: String, overrides: [NamedValue], parameters: [NamedValue], dlnVersion: String,
                precision: Int, openBLASCoreType: String?, threads: Int, startTime: Date, durationSeconds: Double,
                exitStatus: Int) {
        self.notebookPath = notebookPath
        self.overrides = overrides
        self.parameters = parameters
        self.dlnVersion = dlnVersion
        self.precision = precision
        self.openBLASCoreType = openBLASCoreType
        self.threads = threads
        self.startTime = Self.timestamp(startTime)
        self.durationSeconds = durationSeconds
        self.exitStatus = exitStatus
    }

    /// `2026-12-03T19:58:25Z`.
    public static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}

extension NotebookRunner {
    /// The top-level bindings of the notebook's `parameters` cell with their current
    /// values (after a run: their final values), in the order the cell binds them.
    public func parameterValues(of notebook: Notebook) -> [RunProvenance.NamedValue] {
        guard let cell = notebook.cells.first(where: { $0.title == "parameters" && $0.kind == .code }) else { return [] }
        let program = Parser.parse(notebook.source, range: cell.bodyRange).program
        return NotebookRunner.topLevelBindings(program).compactMap { name in
            evaluator.globals.lookup(name).map { RunProvenance.NamedValue(name: name, value: evaluator.formatInline($0)) }
        }
    }
}
