import Foundation

/// Formats training progress as text; never prints. The caller chooses
/// where the text goes: `bar(for:)` is a one-line bar for a terminal
/// (redrawn in place with a carriage return), `line(for:)` a plain line for
/// logs.
///
/// ```swift
/// let bar = ProgressBar(width: 24)
/// bar.bar(for: progress)   // epoch  12/100 [█████░░░…] 12%  loss 0.1234  accuracy 0.952  3.2k samples/s
/// bar.line(for: progress)  // epoch 12/100 (12%): loss 0.1234, accuracy 0.952, 3200 samples/s, 1.5 s
/// ```
public struct ProgressBar: Sendable {
    /// Characters between the brackets.
    public var width: Int

    public init(width: Int = 30) {
        self.width = width
    }

    /// A bar: epoch, filled bar, percentage, loss, accuracy, throughput.
    public func bar(for progress: TrainingProgress) -> String {
        let cells = max(width, 1)
        let filled = min(cells, max(0, Int((progress.fraction * Double(cells)).rounded(.down))))
        let digits = String(progress.epochs).count
        let epoch = String(repeating: " ", count: max(digits - String(progress.epoch).count, 0)) + String(progress.epoch)
        var text = "epoch \(epoch)/\(progress.epochs) ["
            + String(repeating: "█", count: filled) + String(repeating: "░", count: cells - filled) + "] "
            + Self.percent(progress.fraction)
        text += "  loss " + Self.number(progress.epochLoss)
        if let accuracy = progress.latest?.accuracy { text += "  accuracy " + Self.number(accuracy) }
        return text + "  " + Self.rate(progress.samplesPerSecond) + " samples/s"
    }

    /// A plain line for non-terminal output.
    public func line(for progress: TrainingProgress) -> String {
        var text = "epoch \(progress.epoch)/\(progress.epochs) (\(Self.percent(progress.fraction))): loss \(Self.number(progress.epochLoss))"
        if let accuracy = progress.latest?.accuracy { text += ", accuracy \(Self.number(accuracy))" }
        return text + ", \(Self.fixed(progress.samplesPerSecond, decimals: 0)) samples/s, \(Self.seconds(progress.elapsed))"
    }

    /// Writes the bar (for a terminal: carriage return, no newline) or the
    /// line (with a newline) to `stream`.
    public func write<Stream: TextOutputStream>(_ progress: TrainingProgress, terminal: Bool, to stream: inout Stream) {
        if terminal {
            stream.write("\r" + bar(for: progress))
        } else {
            stream.write(line(for: progress) + "\n")
        }
    }

    static func percent(_ fraction: Double) -> String {
        let value = Int((fraction * 100).rounded(.down))
        return String(repeating: " ", count: max(3 - String(value).count, 0)) + "\(value)%"
    }

    /// Four significant digits, or scientific notation for tiny and huge values.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        let magnitude = abs(value)
        return magnitude != 0 && (magnitude < 1e-3 || magnitude >= 1e5)
            ? String(format: "%.3e", value) : String(format: "%.4g", value)
    }

    static func rate(_ value: Double) -> String {
        if value >= 1e6 { return fixed(value / 1e6, decimals: 1) + "M" }
        if value >= 1e3 { return fixed(value / 1e3, decimals: 1) + "k" }
        return fixed(value, decimals: 0)
    }

    static func seconds(_ value: Double) -> String {
        guard value >= 60, value.isFinite else { return fixed(value, decimals: 1) + " s" }
        let minutes = (value / 60).rounded(.down), rest = value.truncatingRemainder(dividingBy: 60).rounded(.down)
        return fixed(minutes, decimals: 0) + " min " + fixed(rest, decimals: 0) + " s"
    }

    static func fixed(_ value: Double, decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }
}
