import Foundation
import Language
import NeuralNet
import TensorCore

/// `save` and `load`: networks, tensors and records of tensors to and from
/// files, chosen by the file's extension. Writes go through `AtomicFile`
/// (whole or not at all) and only where `NotebookPaths.requireWritable` allows.
enum SaveBuiltins<Scalar: TensorScalar> {
    static var all: [Builtin] { [save, load] }

    static var saveHelp: BuiltinHelp { BuiltinHelp(
        .data, "save(net, \"m.safetensors\", layout: \"dln\")", "save(x, \"x.npy\")", "save(x, \"x.csv\")",
        "save(r, \"w.npz\")", "save(r, \"w.safetensors\")",
        summary: "writes a network's parameters, a tensor (.npy, .csv) or a record of tensors (.npz, .safetensors)",
        details: """
        The file is replaced whole or not at all. layout: "pytorch" names a network's parameters as
        nn.Sequential's state dict does (0.weight, …) with dense weights [outputs, inputs].
        A .csv holds a vector or a matrix, with a header x0, x1, …
        """) }

    static var save: Builtin { Builtin("save", parameters: ["value", "path"], named: ["layout"], help: saveHelp) { a, context in
        let url = NotebookPaths.resolved(try a.string(1), context: context)
        let host = context.evaluator.host as? HostOutput
        try NotebookPaths.requireWritable(url, context: context, output: host?.output ?? OutputSettings(), callee: "save")
        let format = url.pathExtension.lowercased()
        if let network = a[0]?.hostValue as? NetworkValue<Scalar> {
            // Always safetensors, whatever the name (as before extensions chose formats).
            let built = try network.built()
            let layout = try layoutArgument(a)
            try ModelErrors.translating { try built.save(to: url, layout: layout) }
        } else if case let .record(record)? = a[0] {
            let tensors = try tensorFields(record, a)
            switch format {
            case "npz": try ModelErrors.translating { try NPZFile.write(tensors, to: url.path) }
            case "safetensors": try ModelErrors.translating { try Safetensors.write(tensors, to: url) }
            default: throw unknownFormat(a, url, "a record of tensors is saved as .npz or .safetensors")
            }
        } else if let tensor = a[0]?.asTensor(Scalar.self) {
            switch format {
            case "npy": try ModelErrors.translating { try NPYFile.write(tensor, to: url.path) }
            case "csv": try ModelErrors.translating { try CSVWriter.write(tensor, to: url.path) }
            default: throw unknownFormat(a, url, "a tensor is saved as .npy or .csv (a record of tensors as .npz or .safetensors)")
            }
        } else {
            throw a.typeError(0, expected: "a network, a tensor or a record of tensors")
        }
        host?.recordWrittenFile(url)
        return .none
    } }

    static var load: Builtin { Builtin("load", parameters: ["net", "path"], required: 1, named: ["layout"], help: BuiltinHelp(
        .data, "load(net, \"m.safetensors\", layout: \"dln\")", "load(\"x.npy\")", "load(\"x.csv\")", "load(\"w.npz\")", "load(\"w.safetensors\")",
        summary: "reads a network's parameters back, or a tensor (.npy, .csv without labels) or a record of tensors (.npz, .safetensors)",
        details: "A network's file is checked whole (every name and shape) before any parameter changes.")) { a, context in
        guard a.count == 2 else { return try loadFile(a, context: context) }
        let network = try NetworkValue<Scalar>.required(a, 0).built()
        let url = NotebookPaths.resolved(try a.string(1), context: context)
        let layout = try layoutArgument(a)
        try ModelErrors.translating { try network.load(from: url, layout: layout) }
        return .none
    } }

    /// `load(path)`: the file's tensor or record of tensors.
    private static func loadFile(_ a: Arguments, context: EvaluationContext) throws -> Value {
        let url = NotebookPaths.resolved(try a.string(0), context: context)
        func record(_ tensors: [(name: String, tensor: Tensor<Scalar>)]) -> Value {
            .record(Record(tensors.map { (name: $0.name, value: .tensor($0.tensor)) }))
        }
        switch url.pathExtension.lowercased() {
        case "npy": return .tensor(try ModelErrors.translating { try NPYFile.read(url.path, as: Scalar.self) })
        case "csv": return .tensor(try ModelErrors.translating { try Tensor<Scalar>.csv(url.path) })
        case "npz": return record(try ModelErrors.translating { try NPZFile.read(url.path, as: Scalar.self) })
        case "safetensors":
            let file = try ModelErrors.translating { try Safetensors.read(from: url) }
            return record(file.tensors.map { (name: $0.name, tensor: $0.tensor.converted(to: Scalar.self)) })
        default: throw unknownFormat(a, url, "load reads .npy, .csv, .npz and .safetensors files (and a network's parameters with load(net, path))")
        }
    }

    private static func layoutArgument(_ a: Arguments) throws -> ParameterLayout {
        guard let value = a.named("layout") else { return .dln }
        guard let name = value.string, let layout = ParameterLayout(rawValue: name) else {
            let names = ParameterLayout.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or ")
            throw DiagnosticError(.type, "'\(a.callee)' expects \(names) for 'layout:'")
        }
        return layout
    }

    /// The fields of a record as named tensors, or a type error naming the first that is not one.
    private static func tensorFields(_ record: Record, _ a: Arguments) throws -> [(name: String, tensor: Tensor<Scalar>)] {
        try record.fields.map { field in
            guard let tensor = field.value.asTensor(Scalar.self) else {
                throw DiagnosticError(.type, "'save' writes records of tensors; field '\(field.name)' is \(field.value.typeName)")
            }
            return (field.name, tensor)
        }
    }

    private static func unknownFormat(_ a: Arguments, _ url: URL, _ rule: String) -> DiagnosticError {
        DiagnosticError(.io, "'\(a.callee)' does not know the format of '\(url.lastPathComponent)': \(rule)")
    }
}
