import Foundation
import Language
import NeuralNet
import TensorCore

/// Data sets from files (`csv`, `npy`, `idx`), from tensors (`dataset`) and
/// from the seeded generators (`regression1d`, `xor`, `blobs`, `mnist1d`, …).
enum DataBuiltins<Scalar: TensorScalar> {
    static var all: [Builtin] { [
        Builtin("csv", parameters: ["path"], named: ["label"], help: BuiltinHelp(
            .data, "csv(path, label: \"label\")", "csv(path, label: none)",
            summary: "a data set from a CSV file with a header; `label:` names the target column (or gives its 0-based number); text labels become classes 0, 1, … (`d.class_names`)",
            details: "With label: none, every column is a feature and the result is a plain tensor [rows, columns].\n" + pathDetails)) { a, context in
            let path = NotebookPaths.input(try a.string(0), context: context)
            let label: CSVColumn
            switch a.named("label") {
            case nil: label = "label"
            case Value.none?: return .tensor(try ModelErrors.translating { try Tensor<Scalar>.csv(path) })
            case let .string(name)?: label = .name(name)
            case let value?:
                guard let index = value.integer, index >= 0 else {
                    throw DiagnosticError(.type, "'csv' expects a column name or a 0-based column number for 'label:', got \(value.typeName)")
                }
                label = .index(index)
            }
            return .dataSet(try ModelErrors.translating { try Dataset<Scalar>.csv(path, label: label) })
        },
        Builtin("npy", parameters: ["path"], help: help("npy(path)", "a NumPy `.npy` array as a tensor", details: pathDetails)) { a, context in
            let path = NotebookPaths.input(try a.string(0), context: context)
            return .tensor(try ModelErrors.translating { try NPYFile.read(path, as: Scalar.self) })
        },
        Builtin("idx", parameters: ["images", "labels"], named: ["scale"],
                help: help("idx(images, labels, scale: true)", "a data set from MNIST IDX files (gzipped or not); pixels scaled to [0, 1]", details: pathDetails)) { a, context in
            let images = NotebookPaths.input(try a.string(0), context: context)
            let labels = NotebookPaths.input(try a.string(1), context: context)
            let scale = try a.flag(named: "scale", default: true)
            return .dataSet(try ModelErrors.translating { try Dataset<Scalar>.idx(images: images, labels: labels, scale: scale) })
        },
        Builtin("dataset", parameters: ["x", "y"], help: help("dataset(x, y)", "a data set from two tensors with the same number of rows")) { a, _ in
            let (inputs, targets) = (try a.tensor(0, Scalar.self), try a.tensor(1, Scalar.self))
            guard inputs.rank >= 1, targets.rank >= 1 else {
                throw DiagnosticError(.shape, "'dataset' needs inputs and targets with one sample per row, got shapes \(Shape.describe(inputs.shape)) and \(Shape.describe(targets.shape))")
            }
            return .dataSet(try ModelErrors.translating { try Dataset<Scalar>(inputs: inputs, targets: targets) })
        },
        Builtin("regression1d", parameters: ["n"], required: 0, named: ["n", "noise", "seed"],
                help: help("regression1d(n: 30, noise: 0.1, seed:)", "y = sin(2πx) + noise, x in [0, 1)")) { a, _ in
            let (count, noise, seed) = (try a.count(default: 30), try a.number(named: "noise", default: 0.1), try a.seed())
            return .dataSet(try ModelErrors.translating { try Dataset<Scalar>.regression1d(count: count, noise: noise, seed: seed) })
        },
        Builtin("gabor", parameters: ["n"], required: 0, named: ["n", "noise", "seed", "phi0", "phi1"],
                help: help("gabor(n: 30, noise: 0.1, seed:, phi0: 0, phi1: 16)", "the Gabor regression model of the course")) { a, _ in
            let (count, noise, seed) = (try a.count(default: 30), try a.number(named: "noise", default: 0.1), try a.seed())
            let (phi0, phi1) = (try a.number(named: "phi0", default: 0), try a.number(named: "phi1", default: 16))
            return .dataSet(try ModelErrors.translating { try Dataset<Scalar>.gabor(count: count, phi0: phi0, phi1: phi1, noise: noise, seed: seed) })
        },
        Builtin("boolean", parameters: ["name"], help: help("boolean(\"and\")", "the four rows of a Boolean function of two inputs (and, or, nand, nor, xor, xnor)")) { a, _ in
            let name = try a.string(0)
            guard let function = BooleanFunction.named[name.lowercased()] else {
                let names = BooleanFunction.named.keys.sorted()
                throw DiagnosticError(.runtime, "'boolean' knows no function '\(name)'",
                                      hint: Suggestions.didYouMean(name, among: names) ?? "choose one of \(names.joined(separator: ", "))")
            }
            return .dataSet(try ModelErrors.translating { try Dataset<Scalar>.boolean(function) })
        },
        Builtin("xor", help: help("xor()", "the four rows of XOR")) { _, _ in .dataSet(try ModelErrors.translating { try Dataset<Scalar>.boolean(.xor) }) },
        Builtin("blobs", parameters: ["n"], required: 0, named: ["n", "std", "seed"],
                help: help("blobs(n: 100, std: 0.5, seed:)", "two Gaussian blobs in the plane (a toy classification set)")) { a, _ in
            let (count, deviation, seed) = (try a.count(default: 100), try a.number(named: "std", default: 0.5), try a.seed())
            return .dataSet(try ModelErrors.translating { try Dataset<Scalar>.blobs(count: count, deviation: deviation, seed: seed) })
        },
        Builtin("moons", parameters: ["n"], required: 0, named: ["n", "noise", "seed"],
                help: help("moons(n: 100, noise: 0.1, seed:)", "two interleaving half circles (a toy classification set)")) { a, _ in
            let (count, noise, seed) = (try a.count(default: 100), try a.number(named: "noise", default: 0.1), try a.seed())
            return .dataSet(try ModelErrors.translating { try Dataset<Scalar>.moons(count: count, noise: noise, seed: seed) })
        },
        Builtin("spirals", parameters: ["n"], required: 0, named: ["n", "classes", "noise", "seed"],
                help: help("spirals(n: 300, classes: 3, noise: 0.2, seed:)", "interleaved spirals, one per class (a toy classification set)")) { a, _ in
            let (count, noise, seed) = (try a.count(default: 300), try a.number(named: "noise", default: 0.2), try a.seed())
            let classes = try a.integer(named: "classes", default: 3) ?? 3
            return .dataSet(try ModelErrors.translating { try Dataset<Scalar>.spirals(count: count, classes: classes, noise: noise, seed: seed) })
        },
        Builtin("mnist1d", named: ["train", "test", "seed"], help: help(
            "mnist1d(train: 4000, test: 1000, seed: 42)", "MNIST-1D generated natively: a record with `train`, `test` and `t`")) { a, _ in
            let train = try a.integer(named: "train", default: 4000) ?? 4000
            let test = try a.integer(named: "test", default: 1000) ?? 1000
            let seed = a.named("seed") == nil ? 42 : try a.seed()
            let data = try ModelErrors.translating { try MNIST1D(train: train, test: test, seed: seed) }
            return .record(Record([
                ("train", .dataSet(try ModelErrors.translating { try data.trainingSet(as: Scalar.self) })),
                ("test", .dataSet(try ModelErrors.translating { try data.testSet(as: Scalar.self) })),
                ("t", .tensor(data.t.converted(to: Scalar.self))),
            ]))
        },
    ] }

    private static func help(_ form: String, _ summary: String, details: String = "") -> BuiltinHelp {
        BuiltinHelp(.data, form, summary: summary, details: details)
    }

    private static var pathDetails: String {
        "A relative path is looked up next to the notebook first, then in the current directory."
    }
}

extension Arguments {
    /// The sample count: `n:` or the first positional argument, else `defaultValue`.
    func count(default defaultValue: Int) throws -> Int {
        if let value = named("n") ?? self[0] {
            guard let n = value.integer, n >= 1, n <= 100_000_000 else {
                throw DiagnosticError(.type, "'\(callee)' expects a whole number of samples from 1 to 100000000 for 'n:', got \(value.typeName == "number" ? "\(value.number ?? 0)" : value.typeName)")
            }
            return n
        }
        return defaultValue
    }

    /// The named argument `label` as a bool, `defaultValue` when absent.
    func flag(named label: String, default defaultValue: Bool) throws -> Bool {
        guard let value = named(label) else { return defaultValue }
        guard let flag = value.bool else {
            throw DiagnosticError(.type, "'\(callee)' expects true or false for '\(label):', got \(value.typeName)")
        }
        return flag
    }
}

/// Where relative paths in a notebook point.
enum NotebookPaths {
    /// A file to read: relative paths are looked up next to the notebook
    /// first, then in the current directory.
    static func input(_ path: String, context: EvaluationContext) -> String {
        guard !path.hasPrefix("/"), let notebook = context.range?.file.name, notebook.hasSuffix(".dln") else { return path }
        let folder = URL(fileURLWithPath: notebook).deletingLastPathComponent()
        let candidate = folder.appendingPathComponent(path).path
        return FileManager.default.fileExists(atPath: candidate) ? candidate : path
    }
}
