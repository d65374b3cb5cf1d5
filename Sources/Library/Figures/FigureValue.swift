import Foundation
import Language

/// A drawn figure as a value of the language: its name and the files written for it.
public final class FigureValue: HostValue, CustomStringConvertible {
    public let name: String
    /// The image file; nil when the figure was drawn in the terminal.
    public let image: URL?
    /// The gnuplot script beside the image.
    public let script: URL?
    /// The figure's `title:`, if it has one (reports use it as the image's description).
    public let title: String?

    public init(name: String, image: URL?, script: URL?, title: String? = nil) {
        self.name = name
        self.image = image
        self.script = script
        self.title = title
    }

    public var typeName: String { "figure" }

    /// `figure shallow_fit → plots/shallow_fit.svg`.
    public var description: String {
        guard let image else { return "figure \(name)" }
        return "figure \(name) → \(FigureOutput.displayPath(image))"
    }
}
