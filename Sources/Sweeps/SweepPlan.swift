import FileWriting
import Foundation

/// What a sweep runs, kept in its folder as `sweep.json` so that a Slurm task and
/// `dln sweep --gather DIR` know the points, and so that dln knows the folder is its own.
public struct SweepPlan: Codable, Equatable, Sendable {
    /// The notebook, as an absolute path (tasks run from wherever Slurm starts them).
    public var notebook: String
    /// The swept parameters in the order of the grid.
    public var parameters: [String]
    public var points: [SweepPoint]
    /// `--set name=value` values every point gets.
    public var fixed: [String]
    /// Options of every `dln run` that change what it computes (`--precision 64`); fingerprinted.
    public var runArguments: [String]
    /// What the summary figure shows.
    public var figure: FigureChoice
    /// The dln version that wrote the plan (part of every point's fingerprint).
    public var version: String

    public init(notebook: String, points: [SweepPoint], fixed: [String], runArguments: [String],
                figure: FigureChoice, version: String) {
        self.notebook = notebook
        self.points = points
        var names: [String] = []
        for setting in points.flatMap(\.settings) where !names.contains(setting.name) { names.append(setting.name) }
        self.parameters = names
        self.fixed = fixed
        self.runArguments = runArguments
        self.figure = figure
        self.version = version
    }

    public static let fileName = "sweep.json"
    /// One point per line, the line of task N being line N + 1.
    public static let gridFileName = "grid.txt"

    /// Writes `sweep.json` and the grid file into `folder`, each whole or not at all.
    public func write(into folder: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try AtomicFile.write(try encoder.encode(self) + Data("\n".utf8), to: folder.appendingPathComponent(Self.fileName))
        let grid = points.map { $0.line + "\n" }.joined()
        try AtomicFile.write(Data(grid.utf8), to: folder.appendingPathComponent(Self.gridFileName))
    }

    /// The plan in `folder`.
    ///
    /// - Throws: `SweepUsageError` when the folder holds no sweep or its plan cannot be read.
    public static func read(from folder: URL) throws -> SweepPlan {
        let file = folder.appendingPathComponent(fileName)
        guard let data = try? Data(contentsOf: file) else {
            throw SweepUsageError("'\(folder.relativePath)' holds no sweep (no \(fileName))", hint: "give the folder a sweep wrote with --out")
        }
        do {
            return try JSONDecoder().decode(SweepPlan.self, from: data)
        } catch {
            throw SweepUsageError("\(file.relativePath) cannot be read: \(error)", hint: "run the sweep again to rewrite it")
        }
    }

    /// The folder of each point's run.
    public static func pointsFolder(in folder: URL) -> URL { folder.appendingPathComponent("points") }
}

/// Which result the summary figure draws against which parameter, one line per value of
/// another; nil fields are chosen from the results.
public struct FigureChoice: Codable, Equatable, Sendable {
    public var result: String?
    public var x: String?
    public var lines: String?

    public init(result: String? = nil, x: String? = nil, lines: String? = nil) {
        self.result = result
        self.x = x
        self.lines = lines
    }
}
