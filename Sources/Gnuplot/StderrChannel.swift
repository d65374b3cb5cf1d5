import Foundation

/// gnuplot's stderr, collected on a background queue and handed out figure by figure.
final class StderrChannel: @unchecked Sendable {
    enum Outcome {
        /// The marker arrived; the text is everything printed before it.
        case finished(String)
        /// The process ended before the marker; the text is what it printed.
        case exited(String)
        case timedOut
    }

    private let condition = NSCondition()
    private var buffer = Data()
    private var exited = false

    func append(_ data: Data) {
        condition.lock()
        buffer.append(data)
        condition.broadcast()
        condition.unlock()
    }

    func markExited() {
        condition.lock()
        exited = true
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until a line equal to `marker` arrives, the process exits, or `timeout` seconds pass,
    /// and removes what it returns from the buffer.
    func wait(for marker: String, timeout: Double) -> Outcome {
        let deadline = Date(timeIntervalSinceNow: timeout)
        let needle = Data((marker + "\n").utf8)
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let range = markerRange(needle) {
                let text = String(decoding: buffer[buffer.startIndex..<range.lowerBound], as: UTF8.self)
                buffer.removeSubrange(buffer.startIndex..<range.upperBound)
                return .finished(text)
            }
            if exited {
                // Give the reader a moment to deliver the last bytes.
                _ = condition.wait(until: Date(timeIntervalSinceNow: 0.05))
                let text = String(decoding: buffer, as: UTF8.self)
                buffer.removeAll()
                return .exited(text)
            }
            if !condition.wait(until: deadline) { return .timedOut }
        }
    }

    /// The range of `needle` where it starts a line.
    private func markerRange(_ needle: Data) -> Range<Data.Index>? {
        var start = buffer.startIndex
        while let range = buffer.range(of: needle, in: start..<buffer.endIndex) {
            if range.lowerBound == buffer.startIndex || buffer[buffer.index(before: range.lowerBound)] == UInt8(ascii: "\n") {
                return range
            }
            start = range.upperBound
        }
        return nil
    }
}
