// dln-fuzz: four fuzz targets over the same code, built two ways.
//
// - Built by `scripts/fuzz` (-DFUZZING -sanitize=fuzzer -parse-as-library), this file
//   defines libFuzzer's `LLVMFuzzerTestOneInput` and libFuzzer provides `main`.
// - In a normal build it is a corpus replayer: `dln-fuzz [parse|eval|load|format] FILE|DIR…` runs
//   every file through the same target and exits 0 when nothing trapped (a trap kills
//   the process, so the regression test sees a signal instead of status 0).
//
// Targets (argument, or `DLN_FUZZ_TARGET` under libFuzzer):
//   parse  the lexer and parser on arbitrary bytes (UTF-8 check first, as `dln run` does),
//          cells split and diagnostics rendered;
//   eval   the whole notebook through `NotebookSession` with limits: call depth 64, a
//          cancellation timer of 1 s per input, figures written to a temporary folder with
//          no gnuplot (so drawing fails fast with its diagnostic);
//   load   the bytes as a data file read by every loader: .npy, CSV, IDX (plain and gzip),
//          safetensors and `Network.load` (LoadTarget.swift);
//   format the bytes as a tensor's shape and values, printed by TensorFormatter and
//          NumberText (FormatTarget.swift).
import Foundation
import Language
import Library

enum FuzzTarget: String {
    case parse, eval, load, format
}

enum Fuzz {
    /// Call depth for the evaluator target: deep enough to exercise recursion, shallow
    /// enough that a runaway recursion ends in microseconds.
    static let maximumCallDepth = 64
    /// Per-input time budget of the evaluator target.
    static let timeLimit: Double = 1.0

    static let outputDirectory: URL = {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("dln-fuzz-\(getpid())", isDirectory: true)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// Runs one input through `target`.
    static func run(_ bytes: [UInt8], target: FuzzTarget) {
        switch target {
        case .parse: parse(bytes)
        case .eval: evaluate(bytes)
        case .load: LoadTarget.run(bytes)
        case .format: FormatTarget.run(bytes)
        }
    }

    static func parse(_ bytes: [UInt8]) {
        guard let file = try? SourceFile(name: "fuzz.dln", utf8: bytes) else { return }
        let notebook = Notebook(source: file)
        var diagnostics: [Diagnostic] = []
        for result in NotebookRunner.parseCells(of: notebook) {
            if let result { diagnostics += result.diagnostics }
        }
        // The whole file as one program too (what the REPL's multi-line input does).
        diagnostics += Parser.parse(file).diagnostics
        // Diagnostics are rendered with source excerpts: exercise that as well.
        for diagnostic in diagnostics.prefix(20) { _ = diagnostic.description }
    }

    static func evaluate(_ bytes: [UInt8]) {
        guard let file = try? SourceFile(name: "fuzz.dln", utf8: bytes) else { return }
        let notebook = Notebook(source: file)
        let cancellation = CancellationFlag()
        let session = NotebookSession(output: OutputSettings(directory: outputDirectory), sink: NullSink(),
                                      cancellation: cancellation)
        session.evaluator.limits = EvaluationLimits(maximumCallDepth: maximumCallDepth)
        session.host.showsProgress = false
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + timeLimit)
        timer.setEventHandler { cancellation.cancel() }
        timer.resume()
        _ = session.runner.run(notebook)
        timer.cancel()
    }

    /// No gnuplot: figures fail fast with "cannot draw" instead of spawning processes.
    static func configureEnvironment() {
        setenv("DLN_GNUPLOT", "/nonexistent/dln-fuzz/gnuplot", 1)
    }
}

#if FUZZING

private let selectedTarget: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["DLN_FUZZ_TARGET"] ?? "parse"
    guard let target = FuzzTarget(rawValue: name) else {
        fputs("dln-fuzz: DLN_FUZZ_TARGET must be 'parse', 'eval', 'load' or 'format', got '\(name)'\n", stderr)
        exit(2)
    }
    return target
}()

// SwiftPM links executables with `--defsym main=<module>_main` (so that tests can link
// them), which hides libFuzzer's own `main`; this entry point hands over to libFuzzer's
// driver instead, with the same callback.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("dln_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzzerTestOneInput(data, size) }
}

@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    Fuzz.configureEnvironment()
    _ = selectedTarget
    _ = Fuzz.outputDirectory
    _ = LoadTarget.network
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    Fuzz.run(bytes, target: selectedTarget)
    return 0
}

#else

/// Replays files (folders are walked, hidden files skipped) through a target.
func replay(arguments: [String]) -> Int32 {
    var arguments = arguments
    var target = FuzzTarget.parse
    if let first = arguments.first, let named = FuzzTarget(rawValue: first) {
        target = named
        arguments.removeFirst()
    } else if let name = ProcessInfo.processInfo.environment["DLN_FUZZ_TARGET"], let named = FuzzTarget(rawValue: name) {
        target = named
    }
    guard !arguments.isEmpty else {
        fputs("usage: dln-fuzz [parse|eval|load|format] FILE|FOLDER…\n", stderr)
        return 2
    }
    var files: [String] = []
    for path in arguments {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            fputs("dln-fuzz: no such file '\(path)'\n", stderr)
            return 2
        }
        if isDirectory.boolValue {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            files += names.filter { !$0.hasPrefix(".") && !$0.hasSuffix(".md") }.sorted().map { path + "/" + $0 }
        } else {
            files.append(path)
        }
    }
    Fuzz.configureEnvironment()
    for path in files {
        guard let data = FileManager.default.contents(atPath: path) else {
            fputs("dln-fuzz: cannot read '\(path)'\n", stderr)
            return 2
        }
        let start = Date()
        Fuzz.run([UInt8](data), target: target)
        let seconds = Date().timeIntervalSince(start)
        print("\(target.rawValue) \(path): ok (\(String(format: "%.3f", seconds)) s)")
    }
    try? FileManager.default.removeItem(at: Fuzz.outputDirectory)
    return 0
}

// A declaration rather than a bare expression, so that this inactive branch still parses
// when the fuzz build compiles the file with -parse-as-library.
let replayStatus: Never = exit(replay(arguments: Array(CommandLine.arguments.dropFirst())))

#endif
