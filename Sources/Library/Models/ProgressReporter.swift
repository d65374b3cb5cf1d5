import Foundation
import NeuralNet
import StandardStreams

/// Shows training progress on standard error: a bar redrawn in place when
/// stderr is a terminal, a plain line every few seconds otherwise (CI logs).
/// Short runs show nothing. With a stream (a Jupyter notebook), plain lines
/// go there, every two seconds.
final class ProgressReporter {
    private let enabled: Bool
    private let terminal: Bool
    private let bar = ProgressBar(width: 24)
    /// Seconds before the first report, and between plain lines.
    private let delay: Double
    private let lineInterval: Double
    private let stream: ((String) -> Void)?
    private var lastWrite: Double?
    private var latest: TrainingProgress?
    /// Whether `latest` has been shown.
    private var shown = false

    init(enabled: Bool, terminal: Bool = isatty(2) != 0, stream: ((String) -> Void)? = nil) {
        self.enabled = enabled
        self.stream = stream
        self.terminal = terminal && stream == nil
        delay = stream != nil ? 1 : terminal ? 0.25 : 5
        lineInterval = stream != nil ? 2 : 5
    }

    /// Called after every step.
    func report(_ progress: TrainingProgress) {
        guard enabled else { return }
        latest = progress
        shown = false
        guard progress.elapsed >= delay else { return }
        if terminal {
            if let lastWrite, progress.elapsed - lastWrite < 0.1 { return }
            write("\r" + bar.bar(for: progress) + "\u{1B}[K")
        } else {
            if let lastWrite, progress.elapsed - lastWrite < lineInterval { return }
            write(bar.line(for: progress) + "\n")
        }
        lastWrite = progress.elapsed
        shown = true
    }

    /// Ends the report: the final state of the bar and a newline.
    func finish() {
        guard enabled, lastWrite != nil, let latest else { return }
        if terminal {
            write("\r" + bar.bar(for: latest) + "\u{1B}[K\n")
        } else if !shown, let lastWrite, latest.elapsed - lastWrite >= 1 {
            write(bar.line(for: latest) + "\n")
        }
        lastWrite = nil
    }

    private func write(_ text: String) {
        if let stream { return stream(text) }
        StandardStream.write(text, to: STDERR_FILENO)
    }
}
