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
    private var bufferedStream: (name: String, text: String)?
    private var isFlushScheduled = false

    func write(_ text: String) {
        lock.withLock { stream("stdout", text) }
    }

    func warn(_ text: String) {
        lock.withLock { stream("stderr", text) }
    }

    func display(_ value: Value, text: String) {
        lock.withLock {
            flushStream()
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
            problems.append(diagnostic)
            stream("stderr", renderer.render(diagnostic) + "\n")
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
            flushStream()
            defer { pendingResult = nil; problems = [] }
            return (pendingResult, problems)
        }
    }

    /// Adds text to a stream. Text is sent in batches — when another stream, a display or
    /// the cell's end follows, at 64 KiB, or 50 ms after it was written — so a loop printing
    /// a million lines sends a few hundred messages, not a million the frontend would drop.
    private func stream(_ name: String, _ text: String) {
        flushPendingResult()
        if let buffered = bufferedStream, buffered.name != name { flushStream() }
        bufferedStream = (name, (bufferedStream?.text ?? "") + text)
        if (bufferedStream?.text.utf8.count ?? 0) >= Self.streamBatchBytes { return flushStream() }
        guard !isFlushScheduled else { return }
        isFlushScheduled = true
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(50)) { [weak self] in
            guard let sink = self else { return }
            sink.lock.withLock {
                sink.isFlushScheduled = false
                sink.flushStream()
            }
        }
    }

    static let streamBatchBytes = 1 << 16

    private func flushStream() {
        guard let buffered = bufferedStream else { return }
        bufferedStream = nil
        publish("stream", ["name": buffered.name, "text": buffered.text])
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
