import Foundation

/// What `dln figures` was asked to do.
public struct FiguresOptions: Sendable {
    /// The folder whose `*.dln` notebooks are run (`notebooks`).
    public var notebooks: URL
    /// The folder that gets one subfolder of figures per notebook (`plots`).
    public var output: URL
    /// How many notebooks run at once.
    public var jobs: Int
    /// Run every notebook, up to date or not.
    public var force: Bool
    /// `--set name=value` overrides passed to every notebook.
    public var settings: [String]
    /// Options passed to every `dln run` (`--precision 64`); part of every
    /// fingerprint, so figures made another way run again.
    public var runArguments: [String]
    /// Options passed to every `dln run` that limit how it may run, not what
    /// it draws (`--memory-limit 4G`): not part of fingerprints.
    public var resourceArguments: [String] = []
    /// Whether each run also writes its HTML report, ``pageName``, beside its figures
    /// (`dln figures --html`); part of every fingerprint, so figures made without
    /// pages run again.
    public var writesPages = false
    /// The file name of a notebook's page in its figures folder.
    public static let pageName = "report.html"
    /// The running dln's version (part of every fingerprint).
    public var version: String
    /// The dln executable the notebooks run with.
    public var executable: URL

    public init(notebooks: URL, output: URL, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                force: Bool = false, settings: [String] = [], runArguments: [String] = [], version: String, executable: URL) {
        self.notebooks = notebooks
        self.output = output
        self.jobs = max(jobs, 1)
        self.force = force
        self.settings = settings
        self.runArguments = runArguments
        self.version = version
        self.executable = executable
    }
}

/// A problem that stops a batch before it runs anything (exit status 2).
public struct FiguresUsageError: Error, CustomStringConvertible {
    public let description: String
}
