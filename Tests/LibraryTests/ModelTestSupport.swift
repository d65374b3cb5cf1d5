import Foundation
import Language
@testable import Library
import TensorCore

/// A notebook host without progress output, an evaluator on it, and helpers
/// to run dln code and read the values it binds.
final class ModelHarness {
    let host = NotebookHost<Float>()
    let sink = BufferSink()
    let evaluator: Evaluator

    init() {
        host.showsProgress = false
        evaluator = Evaluator(host: host, sink: sink)
    }

    /// Runs `source` in the same global environment as earlier runs; returns
    /// its first diagnostic — an error, or a failed `expect` (which does not
    /// stop a run, but is reported) — or nil when it ran and every `expect` held.
    @discardableResult
    func run(_ source: String, file: String = "models.dln") -> Diagnostic? {
        let parsed = Parser.parse(SourceFile(name: file, text: source))
        if let first = parsed.diagnostics.first { return first }
        let reportedBefore = sink.diagnostics.count
        do {
            _ = try LargeStack.run { try self.evaluator.run(parsed.program, displaysResult: false) }
            return sink.diagnostics.dropFirst(reportedBefore).first
        } catch let error as DiagnosticError {
            return error.diagnostics.first
        } catch {
            return Diagnostic(.runtime, "\(error)")
        }
    }

    /// Everything `print` wrote.
    var printed: String { sink.printed }

    /// The tensor bound to `name` (or the tensor an expression gives).
    func tensor(_ expression: String) -> Tensor<Float>? {
        let parsed = Parser.parse(SourceFile(name: "probe.dln", text: "__probe = \(expression)"))
        guard parsed.diagnostics.isEmpty, (try? LargeStack.run({ try self.evaluator.run(parsed.program, displaysResult: false) })) != nil
        else { return nil }
        return evaluator.globals.lookup("__probe")?.asTensor(Float.self)
    }

    /// The scalars of every parameter of the network bound to `name`, layer by layer.
    func weights(_ name: String) -> [[Float]] {
        guard let network = (evaluator.globals.lookup(name)?.hostValue as? NetworkValue<Float>)?.network else { return [] }
        return network.parameterTensors.map(\.scalars)
    }

    /// A folder of its own for files a test writes.
    static func temporaryFolder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dln-model-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// XOR with a small tanh network, trained by Adam: the smallest real training run.
let xorTraining = """
data d = xor()
network net {
  dense 4, tanh
  dense 1
}
run = train net on d {
  loss: bce
  optimizer: adam(lr: 0.05)
  epochs: 300
  init: glorot(seed: 1)
  record: loss, accuracy every 50
}

"""
