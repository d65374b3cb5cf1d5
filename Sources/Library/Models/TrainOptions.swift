import Language
import NeuralNet
import TensorCore

/// The options of a `train` block, read and checked.
struct TrainOptions<Scalar: TensorScalar> {
    static var keys: [String] { ["loss", "optimizer", "batch", "epochs", "init", "record", "test", "stop", "seed"] }

    var loss: Loss<Scalar>?
    var optimizer: OptimizerValue<Scalar>?
    /// nil: full batch (`batch: all`, the default).
    var batchSize: Int?
    var epochs: Int?
    var initializer: InitializerValue?
    var metrics: [Metric] = [.loss]
    var recordEvery = 1
    var test: DataSetValue<Scalar>?
    var stop: Expr?
    var seed: UInt32 = 0

    /// Reads every option, placing errors at the option they concern.
    init(_ options: [TrainOption], context: EvaluationContext) throws {
        var seen: Set<String> = []
        for option in options {
            let key = option.key.name
            guard Self.keys.contains(key) else {
                let listing = "train's options are \(Self.keys.joined(separator: ", "))"
                throw DiagnosticError(Diagnostic(.name, "train has no option '\(key)'", at: option.key.range,
                                                 hint: Suggestions.didYouMean(key, among: Self.keys).map { "\($0) \(listing)" } ?? listing))
            }
            guard seen.insert(key).inserted else {
                throw DiagnosticError(Diagnostic(.syntax, "the option '\(key)' is given twice", at: option.key.range))
            }
            do {
                try read(key, option.value, context: context)
            } catch let error as DiagnosticError {
                throw error.placed(at: option.range)
            }
        }
        if loss == nil { throw context.error(.syntax, "train needs a loss", hint: "add a line such as 'loss: mse' or 'loss: cross_entropy'") }
        if optimizer == nil { throw context.error(.syntax, "train needs an optimizer", hint: "add a line such as 'optimizer: sgd(lr: 0.1)'") }
        if epochs == nil { throw context.error(.syntax, "train needs a number of epochs", hint: "add a line such as 'epochs: 100'") }
        if let stop, stop.range.text.contains("accuracy"), !metrics.contains(.accuracy) { metrics.append(.accuracy) }
    }

    private mutating func read(_ key: String, _ value: Language.OptionValue, context: EvaluationContext) throws {
        if key == "stop" {
            guard case let .when(condition) = value else { throw DiagnosticError(.syntax, "write the stop condition as 'stop: when loss < 1e-4'") }
            stop = condition
            return
        }
        if key == "record" {
            let (items, interval): ([Expr], Expr?)
            switch value {
            case let .expression(item): (items, interval) = ([item], nil)
            case let .list(list): (items, interval) = (list, nil)
            case let .every(list, every): (items, interval) = (list, every)
            case .when: throw DiagnosticError(.syntax, "write what to record as 'record: loss, accuracy every 10'")
            }
            metrics = try items.map(Self.metric)
            if !metrics.contains(.loss) { metrics.insert(.loss, at: 0) }
            if let interval { recordEvery = try Self.integer(try context.evaluate(interval), "record … every", minimum: 1) }
            return
        }
        guard case let .expression(expression) = value else {
            throw DiagnosticError(.syntax, "the option '\(key)' takes one value")
        }
        if key == "batch", case .name("all", _) = expression { batchSize = nil; return }
        let given = try context.evaluate(expression)
        switch key {
        case "loss": loss = try LossValue<Scalar>.required(given, for: "'loss'")
        case "optimizer": optimizer = try OptimizerValue<Scalar>.from(given)
        case "batch": batchSize = try Self.integer(given, "batch", minimum: 1)
        case "epochs": epochs = try Self.integer(given, "epochs", minimum: 0)
        case "init": initializer = try InitializerValue.from(given, option: "init")
        case "test":
            guard let data = given.hostValue as? DataSetValue<Scalar> else {
                throw DiagnosticError(.type, "'test' expects a data set, got \(given.typeName)")
            }
            test = data
        default:
            seed = UInt32(try Self.integer(given, "seed", minimum: 0, maximum: Int(UInt32.max)))
        }
    }

    private static func metric(_ expression: Expr) throws -> Metric {
        let names = Metric.allCases.map(\.rawValue)
        guard case let .name(name, _) = expression, let metric = Metric(rawValue: name) else {
            let text = expression.range.text
            throw DiagnosticError(Diagnostic(.name, "cannot record '\(text)'", at: expression.range,
                                             hint: Suggestions.didYouMean(text, among: names) ?? "record one of \(names.joined(separator: ", "))"))
        }
        return metric
    }

    private static func integer(_ value: Value, _ what: String, minimum: Int, maximum: Int = 1_000_000_000) throws -> Int {
        guard let number = value.asNumber, number == number.rounded(), number >= Double(minimum), number <= Double(maximum) else {
            let shown = value.asNumber.map(ProgressText.number) ?? value.typeName
            throw DiagnosticError(.type, "'\(what)' must be a whole number ≥ \(minimum), got \(shown)")
        }
        return Int(number)
    }
}

extension DiagnosticError {
    /// A copy whose diagnostics without a place get `range`.
    func placed(at range: SourceRange) -> DiagnosticError {
        DiagnosticError(diagnostics: diagnostics.map { diagnostic in
            var copy = diagnostic
            if copy.range == nil { copy.range = range }
            return copy
        })
    }
}
