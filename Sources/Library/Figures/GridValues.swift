import Gnuplot
import Language
import TensorCore

/// The values of a heatmap, contour or surface on the grid `xs × ys`: a tensor of shape
/// `[len(ys), len(xs)]`, or a dln function of two variables evaluated at every point.
struct GridValues {
    /// Most points a grid may have.
    static let maximumPoints = 1_000_000

    let scope: FigureScope
    let owner: String
    /// The command's line, where errors from calling the function are placed.
    let range: SourceRange

    /// `values[j][i]` is the value at `(xs[i], ys[j])`.
    func values(_ placed: PlacedValue, xs: [Double], ys: [Double]) throws -> [[Double]] {
        guard !xs.isEmpty, !ys.isEmpty else {
            throw scope.error(.shape, "\(owner): the grid needs at least one x and one y (got \(xs.count) and \(ys.count))", at: range)
        }
        guard xs.allSatisfy(\.isFinite), ys.allSatisfy(\.isFinite) else {
            throw scope.error(.runtime, "\(owner): grid coordinates must be finite", at: range)
        }
        guard xs.count * ys.count <= Self.maximumPoints else {
            throw scope.error(.limit, "\(owner): a grid of \(ys.count)×\(xs.count) points is more than \(Self.maximumPoints)", at: range,
                              hint: "use fewer points, e.g. linspace(-1, 1, 101)")
        }
        if placed.value.isCallable { return try evaluating(placed, xs: xs, ys: ys) }
        guard let tensor = placed.value.asTensor(Double.self) else {
            throw scope.error(.type, "\(owner): values must be a tensor or a function (a, b) -> …, got \(placed.value.typeName)",
                              at: placed.range)
        }
        guard tensor.shape == [ys.count, xs.count] else {
            throw scope.error(.shape, "\(owner): values have shape \(Shape.describe(tensor.shape)) but the grid needs "
                              + "[len(ys), len(xs)] = [\(ys.count), \(xs.count)]", at: placed.range,
                              hint: "values[j, i] is the value at (xs[i], ys[j]); ' transposes")
        }
        return rows(tensor.scalars.map { Double($0) }, columns: xs.count)
    }

    /// Calls the function once on the whole grid if it is vectorisable (checked at a few
    /// points), otherwise once per point.
    private func evaluating(_ placed: PlacedValue, xs: [Double], ys: [Double]) throws -> [[Double]] {
        if case .function(let closure) = placed.value, closure.parameterNames.count != 2 {
            throw scope.error(.type, "\(owner): the function must take two arguments (a, b), it takes \(closure.parameterNames.count)",
                              at: placed.range)
        }
        let function = placed.value
        let context = scope.context(at: range)
        if let grid = try vectorised(function, xs: xs, ys: ys, context: context) { return grid }
        var result: [[Double]] = []
        result.reserveCapacity(ys.count)
        for y in ys {
            try context.checkCancellation()
            result.append(try xs.map { x in try point(function, x, y, context: context) })
        }
        return result
    }

    /// The function's value at `(x, y)`, which must be a number.
    private func point(_ function: Value, _ x: Double, _ y: Double, context: EvaluationContext) throws -> Double {
        let value = try context.call(function, Arguments(positional: [.number(x), .number(y)], callee: owner))
        guard let number = value.asNumber else {
            let what = value.asTensor(Double.self).map { "a tensor of shape \(Shape.describe($0.shape))" } ?? "a \(value.typeName)"
            throw scope.error(.type, "\(owner): the function returned \(what) at (\(FigureScope.describe(x)), \(FigureScope.describe(y))); it must return a number",
                              at: range)
        }
        return number
    }

    /// The grid from one call with meshgrid tensors, if that gives a `[len(ys), len(xs)]`
    /// tensor that agrees with point-wise calls at corners and centre; nil otherwise.
    private func vectorised(_ function: Value, xs: [Double], ys: [Double], context: EvaluationContext) throws -> [[Double]]? {
        let columns = xs.count, shape = [ys.count, xs.count]
        let a = ys.flatMap { _ in xs }
        let b = ys.flatMap { y in Array(repeating: y, count: columns) }
        guard let aTensor = try? context.tensorValue(shape: shape, numbers: a),
              let bTensor = try? context.tensorValue(shape: shape, numbers: b) else { return nil }
        let result: Value
        do {
            result = try context.call(function, Arguments(positional: [aTensor, bTensor], callee: owner))
        } catch let error as DiagnosticError where error.diagnostics.contains(where: { $0.kind == .interrupted }) {
            throw error
        } catch {
            return nil
        }
        guard let tensor = result.asTensor(Double.self), tensor.shape == shape else { return nil }
        let grid = rows(tensor.scalars.map { Double($0) }, columns: columns)
        let samples = [(0, 0), (columns - 1, ys.count - 1), (columns / 2, ys.count / 2), (columns - 1, 0)]
        for (i, j) in samples {
            guard let expected = try? point(function, xs[i], ys[j], context: context) else { return nil }
            let actual = grid[j][i]
            let agree = (expected.isNaN && actual.isNaN) || expected == actual
                || Swift.abs(expected - actual) <= 1e-4 * Swift.max(1, Swift.abs(expected), Swift.abs(actual))
            if !agree { return nil }
        }
        return grid
    }

    private func rows(_ values: [Double], columns: Int) -> [[Double]] {
        stride(from: 0, to: values.count, by: columns).map { Array(values[$0..<Swift.min($0 + columns, values.count)]) }
    }
}
