import Foundation
import Language
@testable import Library

/// A notebook host writing figures into a fresh temporary folder, and an evaluator on it.
final class FigureHarness {
    let directory: URL
    let host: NotebookHost<Float>
    let sink = BufferSink()
    let evaluator: Evaluator

    init(format: OutputSettings.ImageFormat = .svg, terminal: Bool = false) {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("dln-figure-tests-\(UUID().uuidString)")
            .appendingPathComponent("plots")
        host = NotebookHost<Float>(output: OutputSettings(directory: directory, imageFormat: format, drawsInTerminal: terminal))
        evaluator = Evaluator(host: host, sink: sink)
    }

    deinit {
        host.stopGnuplot()
        try? FileManager.default.removeItem(at: directory.deletingLastPathComponent())
    }

    /// Runs `source`; the first problem it threw or reported (a figure gnuplot
    /// could not draw is reported, and the code after it still runs).
    @discardableResult
    func run(_ source: String) -> Diagnostic? {
        let parsed = Parser.parse(SourceFile(name: "figures.dln", text: source))
        if let first = parsed.diagnostics.first { return first }
        let reportedBefore = sink.diagnostics.count
        do {
            _ = try LargeStack.run { try self.evaluator.run(parsed.program) }
            return sink.diagnostics.dropFirst(reportedBefore).first
        } catch let error as DiagnosticError {
            return error.diagnostics.first
        } catch {
            return Diagnostic(.runtime, "\(error)")
        }
    }

    /// The file `name` in the output folder.
    func file(_ name: String) -> URL { directory.appendingPathComponent(name) }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: file(name).path) }

    func text(_ name: String) -> String { (try? String(contentsOf: file(name), encoding: .utf8)) ?? "" }

    /// `width` and `height` of an SVG written by gnuplot, from its `<svg … width="W" height="H"`.
    func svgSize(_ name: String) -> (Int, Int)? {
        let svg = text(name)
        func attribute(_ key: String) -> Int? {
            guard let start = svg.range(of: " \(key)=\"") else { return nil }
            let digits = svg[start.upperBound...].prefix { $0.isNumber }
            return Int(digits)
        }
        guard let width = attribute("width"), let height = attribute("height") else { return nil }
        return (width, height)
    }

    /// How many `<path` elements an SVG has.
    func pathCount(_ name: String) -> Int { text(name).components(separatedBy: "<path").count - 1 }
}

/// The lecture's three-unit shallow network (the design document's parameters).
let shallowNetwork = """
theta0 = [0.3, -1.0, -0.5]
theta1 = [-1.0, 1.8, 0.65]
phi = [-0.3, 2.0, -1.0, 7.0]
x = linspace(0, 1, 101)
pre = reshape(theta0, [3, 1]) + reshape(theta1, [3, 1]) * x'
h = relu(pre)
weighted = reshape(phi[1:], [3, 1]) * h
y = phi[0] + phi[1:] @ h

"""
