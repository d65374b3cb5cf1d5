import Gnuplot
import Language

/// `loss run`: the loss curves of a training run, straight from its history.
extension SeriesCommands {
    /// Metrics drawn by `loss run` when the history's fields cannot be listed (host values).
    static let usualLossMetrics = ["loss", "train_loss", "val_loss", "test_loss"]

    /// `loss run` draws every metric of `run.history` whose name contains `loss` against
    /// `run.history.epoch` (or 1, 2, 3 …); `metrics: list("loss", "accuracy")` chooses.
    /// `run` may be a training run or its history, a record or a host value.
    static func loss(_ arguments: FigureArguments, _ panel: inout Panel) throws {
        let scope = arguments.scope
        let run = try arguments.value(0)
        let context = scope.context(at: arguments.range)
        let history = member("history", of: run.value, context: context) ?? run.value
        var metrics: [String]
        if let placed = arguments.option("metrics") {
            metrics = try scope.texts(placed, "metrics", of: "loss")
        } else if case .record(let record) = history {
            metrics = record.names.filter { $0.contains("loss") }
        } else {
            metrics = usualLossMetrics.filter { member($0, of: history, context: context) != nil }
        }
        guard !metrics.isEmpty else {
            var fields = ""
            if case .record(let record) = history { fields = " (it has \(record.names.joined(separator: ", ")))" }
            throw scope.error(.type, "loss: found no loss in the training history\(fields)", at: run.range,
                              hint: "pass a training run, its history, or choose with metrics: list(\"…\")")
        }
        let epochs = member("epoch", of: history, context: context)
        for metric in metrics {
            guard let values = member(metric, of: history, context: context) else {
                throw scope.error(.name, "loss: the training history has no '\(metric)'", at: run.range)
            }
            let ys = try scope.numbers(PlacedValue(value: values, range: run.range), "history.\(metric)", of: "loss")
            var xs = ys.indices.map { Double($0 + 1) }
            if let epochs, let given = try? scope.numbers(PlacedValue(value: epochs, range: run.range), "epoch", of: "loss"),
               given.count == ys.count {
                xs = given
            }
            let title = metrics.count == 1 ? try arguments.text("title") ?? metric : metric
            var style = LineStyle()
            if let width = arguments.option("width") { style.width = try scope.positiveNumber(width, "width", of: "loss") }
            panel.series.append(.line(Line(xs: xs, ys: ys, title: title, style: style)))
        }
        if panel.x.label == nil { panel.x.label = "epoch" }
        if panel.y.label == nil { panel.y.label = metrics.count == 1 ? metrics[0] : "loss" }
    }

    /// `value.name` for records and host values; nil when there is no such member.
    private static func member(_ name: String, of value: Value, context: EvaluationContext) -> Value? {
        switch value {
        case .record(let record): return record[name]
        case .host(let object): return try? object.member(name, context: context)
        default: return nil
        }
    }
}
