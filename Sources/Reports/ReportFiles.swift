import FileWriting
import Foundation

/// The report files a run was asked for (`--html`, `--markdown`), each written whole
/// or not at all, whatever the run's outcome.
public struct ReportFiles {
    public var htmlPath: String?
    public var markdownPath: String?

    public init(htmlPath: String?, markdownPath: String?) {
        self.htmlPath = htmlPath
        self.markdownPath = markdownPath
    }

    public var isEmpty: Bool { htmlPath == nil && markdownPath == nil }

    /// Writes every requested file; throws the first failure with the path that failed.
    public func write(_ document: RunDocument) throws {
        if let htmlPath {
            let url = URL(fileURLWithPath: htmlPath)
            try write(HTMLReport(document: document, pageFolder: url.deletingLastPathComponent()).html(), to: url)
        }
        if let markdownPath {
            let url = URL(fileURLWithPath: markdownPath)
            try write(MarkdownReport(document: document, pageFolder: url.deletingLastPathComponent()).markdown(), to: url)
        }
    }

    private func write(_ text: String, to url: URL) throws {
        do {
            try AtomicFile.write(Data(text.utf8), to: url)
        } catch {
            throw ReportWriteError(path: url.path, reason: (error as? FileWriteError)?.reason ?? error.localizedDescription)
        }
    }
}

/// A report file that could not be written.
public struct ReportWriteError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot write the report '\(path)': \(reason)" }
}
