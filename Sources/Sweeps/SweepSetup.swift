import Foundation
import NotebookBatch

/// Turns a `dln sweep` command line into a plan written into the sweep's folder, after
/// checking the points against the notebook's parameters and that the folder is
/// dln's own (new, empty, or holding a `sweep.json`).
public enum SweepSetup {
    /// - Throws: `SweepUsageError` for anything wrong with the notebook, the points or the folder.
    public static func prepare(notebook: URL, specification: GridSpecification, fixed: [String], runArguments: [String],
                               figure: FigureChoice, version: String, folder: URL) throws -> SweepPlan {
        let data: Data
        do {
            data = try Data(contentsOf: notebook)
        } catch {
            throw SweepUsageError("cannot read the notebook '\(notebook.relativePath)': \((error as NSError).localizedDescription)")
        }
        let parameters = Settings.parameterNames(in: String(decoding: data, as: UTF8.self))
        for setting in fixed {
            let name = String(setting.prefix { $0 != "=" }).trimmingCharacters(in: .whitespaces)
            if !parameters.contains(name) {
                throw SweepUsageError("--set \(setting): the notebook's 'parameters' cell does not bind '\(name)'",
                                      hint: parameters.isEmpty ? nil : "its parameters are: \(parameters.sorted().joined(separator: ", "))")
            }
        }
        let points = try specification.points(parameters: parameters, fixed: fixed)
        let swept = Set(points.flatMap(\.settings).map(\.name))
        for (flag, name) in [("--against", figure.x), ("--lines-by", figure.lines)] {
            if let name, !swept.contains(name) {
                throw SweepUsageError("\(flag) \(name): not a swept parameter", hint: "the swept parameters are: \(swept.sorted().joined(separator: ", "))")
            }
        }
        let plan = SweepPlan(notebook: notebook.standardizedFileURL.path, points: points, fixed: fixed,
                             runArguments: runArguments, figure: figure, version: version)
        try claim(folder)
        do {
            try plan.write(into: folder)
        } catch {
            throw SweepUsageError("cannot write the sweep's plan into '\(folder.relativePath)': \(error)")
        }
        return plan
    }

    /// Creates `folder`, or accepts it when it is empty or a sweep's; anything else may be the user's.
    static func claim(_ folder: URL) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) {
            guard isFolder.boolValue else {
                throw SweepUsageError("--out '\(folder.relativePath)' is not a folder", hint: "choose another --out")
            }
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            if !entries.isEmpty && !entries.contains(SweepPlan.fileName) {
                throw SweepUsageError("refusing to use '\(folder.relativePath)': it was not made by dln sweep (it has no \(SweepPlan.fileName))",
                                      hint: "choose a new or empty --out folder")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw SweepUsageError("cannot create the sweep folder '\(folder.relativePath)': \((error as NSError).localizedDescription)")
        }
    }
}
