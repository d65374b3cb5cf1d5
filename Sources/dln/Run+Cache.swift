import ArgumentParser
import CellCache
import Console
import Foundation
import Language
import Library
import TensorCore
import StandardStreams

/// `dln run`'s cell cache options (docs/caching.md).
struct CacheOptions: ParsableArguments {
    @Option(name: .customLong("cache"), help: ArgumentHelp(
        "The cell cache's folder (default: .dln-cache beside the notebook).", valueName: "dir"))
    var folder: String?

    @Flag(name: .customLong("no-cache"), help: "Run every cell and keep nothing.")
    var disabled = false

    @Flag(help: "Run every cell and store the results again.")
    var refresh = false

    @Flag(help: "Say for each cell whether it was restored from the cache or why it ran (on standard error).")
    var explain = false

    @Option(name: .customLong("cache-limit"), help: ArgumentHelp(
        "The most megabytes the cache keeps; the least recently used cells go first (default 1024).", valueName: "MB"))
    var limitMegabytes: Int?

    func validate() throws {
        if let limitMegabytes, limitMegabytes < 1 || limitMegabytes > 1 << 30 {
            throw ValidationError("--cache-limit expects a number of megabytes from 1, got \(limitMegabytes)")
        }
        if disabled && (folder != nil || refresh) { throw ValidationError("--no-cache cannot be combined with --cache or --refresh") }
        if let folder { try requireUTF8(("--cache", folder)) }
    }

    static func isRegularFile(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
    }

    /// The cache folder to use, nil without one. A folder named with `--cache` that is not
    /// dln's is a usage error; the default folder that cannot be made only costs the cache.
    func open(notebook: String, sink: StandardStreamsSink) throws -> CacheFolder? {
        if disabled { return nil }
        // A notebook read from a pipe or a device (`/dev/stdin`) has no folder of its own for a cache.
        if folder == nil && !Self.isRegularFile(notebook) { return nil }
        let limit = limitMegabytes.map { $0 << 20 } ?? CacheFolder.defaultLimit
        let url = folder.map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: notebook).deletingLastPathComponent().appendingPathComponent(".dln-cache", isDirectory: true)
        do {
            return try CacheFolder.open(url, limit: limit)
        } catch let refusal as CacheFolder.Refusal {
            if folder != nil {
                sink.report(Diagnostic(.io, refusal.description, hint: "name an empty or new folder, or one dln made"))
                throw ExitCode(2)
            }
            sink.report(Diagnostic(.io, "\(refusal.description); running without the cache"))
            return nil
        }
    }
}

extension Run {
    /// Builds the cache of a run and the sink its session writes to; without a cache the sink is `transcript`.
    func cachedRun(folder: CacheFolder?, session makeSession: (any OutputSink) -> NotebookSession, transcript: any OutputSink,
                   sink: StandardStreamsSink, precision: Precision) -> (NotebookSession, CachedRun?) {
        guard let folder else { return (makeSession(transcript), nil) }
        let recorder = CellOutputRecorder(target: transcript, outputDirectory: URL(fileURLWithPath: out))
        let session = makeSession(recorder)
        session.host.keepsRecordedResults = true
        let settings = CachedRun.Settings(
            folder: folder, notebook: URL(fileURLWithPath: notebook), overrides: overrides.compactMap(RunOptions.override),
            precision: precision.rawValue.description, version: Self.buildIdentity, outputDirectory: URL(fileURLWithPath: out),
            refreshes: cacheOptions.refresh)
        let cache = CachedRun(settings: settings, evaluator: session.evaluator, recorder: recorder,
                              restoring: session.host as? any StoredValueRestoring,
                              noteWrittenFile: { session.host.recordWrittenFile($0) },
                              recordResult: { session.host.record($0, as: $1) },
                              warn: { sink.report(Diagnostic(.io, $0)) })
        return (session, cache)
    }

    /// What a cached result was computed with besides its inputs: dln's version, this
    /// build of it (a rebuilt dln may compute differently) and the OpenBLAS kernels (whose
    /// last bits differ between kernel families).
    static var buildIdentity: String {
        var status = stat()
        let build = stat("/proc/self/exe", &status) == 0 ? "\(status.st_size)-\(status.st_mtim.tv_sec)" : "unknown"
        let kernels = (try? BLASLibrary.shared.get().coreName) ?? "none"
        return "\(DLN.version); build \(build); OpenBLAS kernels \(kernels)"
    }

    /// `cell 3 'data': cached`, on standard error.
    static func explain(_ report: CellReport) {
        guard let explanation = report.cacheExplanation else { return }
        let name = report.title.map { "cell \(report.index) '\($0)'" } ?? "cell \(report.index)"
        StandardStream.write("\(name): \(explanation)\n", to: STDERR_FILENO)
    }
}
