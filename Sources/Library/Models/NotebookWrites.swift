import Foundation
import Language

extension NotebookPaths {
    /// The folder relative paths of `save` and `load` are resolved against:
    /// the notebook's folder when a notebook file runs, else the current directory.
    static func base(_ context: EvaluationContext) -> URL {
        guard let notebook = notebookFile(context) else {
            return URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        }
        return notebook.deletingLastPathComponent()
    }

    /// `path` resolved as `save` and `load` both resolve it (see `base`).
    static func resolved(_ path: String, context: EvaluationContext) -> URL {
        if path.hasPrefix("/") { return URL(fileURLWithPath: path).standardizedFileURL }
        return base(context).appendingPathComponent(path).standardizedFileURL
    }

    /// The notebook file being run, if any (not the REPL or `--set` text).
    private static func notebookFile(_ context: EvaluationContext) -> URL? {
        guard let name = context.range?.file.name, name.hasSuffix(".dln") else { return nil }
        return URL(fileURLWithPath: name).standardizedFileURL
    }

    /// Throws unless a notebook may write `url`: inside the notebook's folder
    /// (the current directory when no notebook file runs), `--out`, or a
    /// folder given with `--allow-write`, and never the notebook itself.
    static func requireWritable(_ url: URL, context: EvaluationContext, output: OutputSettings, callee: String) throws {
        if let notebook = notebookFile(context), realPath(url) == realPath(notebook) {
            throw DiagnosticError(.io, "'\(callee)' will not overwrite the notebook itself ('\(url.path)')")
        }
        let allowed = [base(context), output.directory] + output.allowedWriteFolders
        let target = realPath(url)
        guard !allowed.contains(where: { isInside(target, folder: realPath($0)) }) else { return }
        throw DiagnosticError(.io, "'\(callee)' may not write '\(url.path)': it is outside the notebook's folder and --out",
                              hint: "to allow it, run with --allow-write \(URL(fileURLWithPath: target).deletingLastPathComponent().path)")
    }

    /// `url` with `..` removed and the links of its folders resolved, so a
    /// link inside an allowed folder cannot lead outside it.
    private static func realPath(_ url: URL) -> String {
        let standard = url.standardizedFileURL
        let folder = standard.deletingLastPathComponent().resolvingSymlinksInPath()
        return folder.appendingPathComponent(standard.lastPathComponent).path
    }

    private static func isInside(_ path: String, folder: String) -> Bool {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return path.hasPrefix(prefix)
    }
}
