import Foundation

/// The points of a sweep as the command line gives them: `--grid name=v1,v2,…` (the
/// cartesian product, the first grid varying slowest), `--points FILE` (one
/// `name=value …` line per point), and `--seeds N` (every point once per seed 1…N).
public struct GridSpecification: Sendable {
    public var grids: [String] = []
    public var pointsFile: URL?
    public var seeds: Int?

    public init(grids: [String] = [], pointsFile: URL? = nil, seeds: Int? = nil) {
        self.grids = grids
        self.pointsFile = pointsFile
        self.seeds = seeds
    }

    /// The parameter every point gets a value of with `--seeds`.
    public static let seedParameter = "seed"

    /// The points, checked against `parameters`, the names the notebook's `parameters` cell binds.
    ///
    /// - Throws: `SweepUsageError` naming what is wrong.
    public func points(parameters: Set<String>, fixed: [String]) throws -> [SweepPoint] {
        var points = try basePoints()
        if let seeds {
            guard seeds >= 1 else { throw SweepUsageError("--seeds expects a positive number, got \(seeds)") }
            if points.contains(where: { $0.value(of: Self.seedParameter) != nil }) {
                throw SweepUsageError("--seeds and a '\(Self.seedParameter)' in the grid both set the seed", hint: "use one of them")
            }
            points = points.flatMap { point in
                (1...seeds).map { SweepPoint(settings: point.settings + [.init(name: Self.seedParameter, value: String($0))]) }
            }
        }
        try check(points, parameters: parameters, fixed: fixed)
        return points
    }

    private func basePoints() throws -> [SweepPoint] {
        if pointsFile != nil && !grids.isEmpty {
            throw SweepUsageError("--grid and --points cannot be combined", hint: "list every point in the points file, or use --grid only")
        }
        if let pointsFile { return try Self.readPoints(pointsFile) }
        var points = [SweepPoint(settings: [])]
        var seen: Set<String> = []
        for grid in grids {
            let (name, values) = try Self.parseGrid(grid)
            guard seen.insert(name).inserted else {
                throw SweepUsageError("--grid \(grid): '\(name)' is already swept", hint: "give all its values in one --grid \(name)=v1,v2,…")
            }
            points = points.flatMap { point in values.map { SweepPoint(settings: point.settings + [.init(name: name, value: $0)]) } }
        }
        if grids.isEmpty && seeds == nil {
            throw SweepUsageError("nothing to sweep", hint: "give --grid name=v1,v2,…, --points FILE or --seeds N")
        }
        return points
    }

    /// `name=v1,v2,…` → the name and its values.
    static func parseGrid(_ text: String) throws -> (name: String, values: [String]) {
        guard let equal = text.firstIndex(of: "=") else {
            throw SweepUsageError("--grid expects name=v1,v2,…, got '\(text)'", hint: "e.g. --grid lr=0.01,0.1")
        }
        let name = text[..<equal].trimmingCharacters(in: .whitespaces)
        let values = text[text.index(after: equal)...].split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard isParameterName(name) else {
            throw SweepUsageError("--grid \(text): '\(name)' is not a parameter name", hint: "e.g. --grid lr=0.01,0.1")
        }
        if let empty = values.firstIndex(where: \.isEmpty) {
            throw SweepUsageError("--grid \(text): value \(empty + 1) is empty", hint: "values are separated by commas, without a trailing comma")
        }
        if let spaced = values.first(where: { $0.contains(where: \.isWhitespace) }) {
            throw SweepUsageError("--grid \(text): the value '\(spaced)' holds a space", hint: "a sweep's values are single literals such as 0.1, 5 or \"adam\"")
        }
        if let repeated = values.enumerated().first(where: { values[..<$0.offset].contains($0.element) }) {
            throw SweepUsageError("--grid \(text): the value '\(repeated.element)' is given twice")
        }
        return (name, values)
    }

    /// One point per line of `file`: `name=value name=value`; blank lines and `#` comments are skipped.
    static func readPoints(_ file: URL) throws -> [SweepPoint] {
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw SweepUsageError("cannot read the points file '\(file.relativePath)': \((error as NSError).localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SweepUsageError("\(file.relativePath): the points file is not UTF-8 text")
        }
        var points: [SweepPoint] = []
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.prefix { $0 != "#" }.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            points.append(try parsePointLine(line, at: "\(file.relativePath):\(number + 1)"))
        }
        if points.isEmpty { throw SweepUsageError("\(file.relativePath): the points file lists no points", hint: "one line per point: name=value name=value") }
        return points
    }

    private static func parsePointLine(_ line: String, at place: String) throws -> SweepPoint {
        var settings: [SweepPoint.Setting] = []
        for (column, word) in columns(of: line) {
            guard let equal = word.firstIndex(of: "="), isParameterName(String(word[..<equal])),
                  word.index(after: equal) < word.endIndex else {
                throw SweepUsageError("\(place):\(column): expected name=value, got '\(word)'", hint: "one line per point: name=value name=value")
            }
            let name = String(word[..<equal])
            if settings.contains(where: { $0.name == name }) {
                throw SweepUsageError("\(place):\(column): '\(name)' is set twice on this line")
            }
            settings.append(.init(name: name, value: String(word[word.index(after: equal)...])))
        }
        return SweepPoint(settings: settings)
    }

    /// The space-separated words of `line` with their 1-based columns.
    private static func columns(of line: String) -> [(Int, Substring)] {
        var result: [(Int, Substring)] = []
        var offset = 0
        for word in line.split(separator: " ", omittingEmptySubsequences: false) {
            if !word.isEmpty { result.append((offset + 1, word)) }
            offset += word.count + 1
        }
        return result
    }

    /// Every point must set only parameters of the notebook, none also fixed with `--set`,
    /// and no two points may be the same.
    private func check(_ points: [SweepPoint], parameters: Set<String>, fixed: [String]) throws {
        let fixedNames = Set(fixed.map { String($0.prefix { $0 != "=" }).trimmingCharacters(in: .whitespaces) })
        var lines: Set<String> = []
        for point in points {
            for setting in point.settings {
                if !parameters.contains(setting.name) {
                    let known = parameters.sorted().joined(separator: ", ")
                    throw SweepUsageError("the notebook's 'parameters' cell does not bind '\(setting.name)'",
                                          hint: parameters.isEmpty ? "a sweep sets the bindings of a cell titled 'parameters'" : "its parameters are: \(known)")
                }
                if fixedNames.contains(setting.name) {
                    throw SweepUsageError("'\(setting.name)' is both swept and fixed with --set", hint: "drop one of them")
                }
            }
            guard lines.insert(point.line).inserted else {
                throw SweepUsageError("the point '\(point.line)' is listed twice")
            }
        }
    }

    static func isParameterName(_ name: String) -> Bool {
        guard let first = name.first, first == "_" || first.isLetter else { return false }
        return name.allSatisfy { $0 == "_" || $0.isLetter || $0.isNumber }
    }
}
