import Foundation
import Language
import Library

/// A cell's output as IOPub messages: printed text as `stdout` streams, problems that fail the
/// cell without stopping it (failed expectations) as `stderr`, figures as `display_data` (SVG, PNG and a text
/// description), other displayed values as `text/plain`. The last displayed value is
/// held back, so that it can become the cell's `execute_result`.
final class KernelSink: OutputSink, @unchecked Sendable {
    /// Sends one IOPub message of a type with its content, answering the running request.
    var publish: (String, JSONObject) -> Void = { _, _ in }
    private let renderer = DiagnosticRenderer()
    private let lock = NSLock()
    private var pendingResult: String?
    private var problems: [Diagnostic] = []

    func write(_ text: String) {
        lock.withLock {
            flushPendingResult()
            publish("stream", ["name": "stdout", "text": text])
        }
    }

    func warn(_ text: String) {
        lock.withLock {
            flushPendingResult()
            publish("stream", ["name": "stderr", "text": text])
        }
    }

    func display(_ value: Value, text: String) {
        lock.withLock {
            flushPendingResult()
            if let figure = value.hostValue as? FigureValue, let image = figure.image {
                publish("display_data", ["data": Self.figureData(figure, image: image, text: text), "metadata": [:] as JSONObject,
                                         "transient": [:] as JSONObject])
            } else {
                pendingResult = text
            }
        }
    }

    func report(_ diagnostic: Diagnostic) {
        lock.withLock {
            flushPendingResult()
            problems.append(diagnostic)
            publish("stream", ["name": "stderr", "text": renderer.render(diagnostic) + "\n"])
        }
    }

    /// Starts a cell: nothing held back, no failures yet.
    func begin() {
        lock.withLock {
            pendingResult = nil
            problems = []
        }
    }

    /// Ends a cell: the held-back display text (the cell's result) and the problems reported,
    /// such as failed expectations (each fails the cell without stopping it, as in `dln run`).
    func end() -> (result: String?, problems: [Diagnostic]) {
        lock.withLock {
            defer { pendingResult = nil; problems = [] }
            return (pendingResult, problems)
        }
    }

    /// A display text followed by more output is shown where it happened, as display data.
    private func flushPendingResult() {
        guard let text = pendingResult else { return }
        pendingResult = nil
        publish("display_data", ["data": ["text/plain": text] as JSONObject, "metadata": [:] as JSONObject,
                                 "transient": [:] as JSONObject])
    }

    /// The figure's SVG (as text), its PNG companion (base64) when there is one, and its description.
    static func figureData(_ figure: FigureValue, image: URL, text: String) -> JSONObject {
        var data: JSONObject = ["text/plain": figure.title.map { "figure \(figure.name): \($0)" } ?? "figure \(figure.name)"]
        if image.pathExtension == "svg", let svg = try? String(contentsOf: image, encoding: .utf8) {
            data["image/svg+xml"] = svg
        }
        let png = image.deletingPathExtension().appendingPathExtension("png")
        if let bytes = try? Data(contentsOf: png) { data["image/png"] = bytes.base64EncodedString() }
        return data
    }
}
