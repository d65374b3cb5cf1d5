import Foundation
import StandardStreams

/// The notebooks of a batch with, for each, its current fingerprint and why
/// its figures must be made again (nothing when they are up to date).
struct BatchPlan {
    struct Entry {
        var job: NotebookJob
        var fingerprint: Fingerprint?
        /// The `--set` overrides that apply to this notebook.
        var settings: [String] = []
        /// Why the figures must be made again; empty when up to date.
        var reasons: [String]
        /// Why the notebook cannot be run at all (it cannot be read).
        var problem: String?
    }

    var entries: [Entry]

    /// Plans a batch for `options`.
    ///
    /// - Throws: `FiguresUsageError` when the notebooks folder cannot be listed.
    init(options: FiguresOptions) throws {
        let notebooks: [URL]
        do {
            notebooks = try NotebookJob.discover(in: options.notebooks)
        } catch {
            throw FiguresUsageError(description: "cannot read the notebooks folder '\(options.notebooks.relativePath)'")
        }
        entries = notebooks.map { notebook in
            let job = NotebookJob(notebook: notebook, outputRoot: options.output)
            guard let data = try? Data(contentsOf: notebook) else {
                return Entry(job: job, fingerprint: nil, reasons: ["unreadable"], problem: "cannot read \(notebook.lastPathComponent)")
            }
            let settings = Settings.applying(options.settings, toNotebook: job.name, source: String(decoding: data, as: UTF8.self))
            let warn = { (message: String) in
                StandardStream.write("warning: \(notebook.lastPathComponent): \(message)\n", to: STDERR_FILENO)
            }
            guard let fingerprint = try? Fingerprint(notebook: notebook, settings: settings + Self.fingerprinted(options.runArguments)
                                                        + (options.writesPages ? ["--html"] : []),
                                                     version: options.version, warn: warn) else {
                return Entry(job: job, fingerprint: nil, reasons: ["unreadable"], problem: "cannot read \(notebook.lastPathComponent)")
            }
            let reasons = options.force ? ["--force"] : job.staleness(of: fingerprint)
            return Entry(job: job, fingerprint: fingerprint, settings: settings, reasons: reasons)
        }
        try Self.checkEverySettingApplies(options.settings, entries: entries)
    }

    /// Rejects an override that no notebook takes (a misspelt name would otherwise do nothing).
    private static func checkEverySettingApplies(_ settings: [String], entries: [Entry]) throws {
        for setting in settings {
            let (target, override) = Settings.split(setting)
            let used = entries.contains { entry in
                target.map { $0 == entry.job.name } ?? entry.settings.contains(override)
            }
            if !used {
                let whom = target.map { "there is no notebook '\($0)'" } ?? "no notebook's 'parameters' cell binds '\(Settings.parameterName(of: override))'"
                throw FiguresUsageError(description: "--set \(setting): \(whom)")
            }
        }
    }

    /// The entries whose figures are out of date.
    var stale: [Entry] { entries.filter { !$0.reasons.isEmpty } }

    /// Run options as one fingerprint entry (`--precision 64`); none when there are none,
    /// so that manifests made without options stay current.
    private static func fingerprinted(_ runArguments: [String]) -> [String] {
        runArguments.isEmpty ? [] : [runArguments.joined(separator: " ")]
    }
}
