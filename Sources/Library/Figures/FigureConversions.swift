import Gnuplot
import Language
import TensorCore
import ResourceLimits

/// Turns notebook values into the plain numbers, strings and styles of the Gnuplot model,
/// with a diagnostic at the value's place when one does not fit.
extension FigureScope {
    /// A vector of numbers: a tensor with at most one axis longer than 1, a range, a
    /// list of numbers or a single number. Non-finite values are kept (gnuplot skips them).
    func numbers(_ placed: PlacedValue, _ role: String, of owner: String) throws -> [Double] {
        // A list built with append(…) may hold one-element tensors, e.g. losses.
        if case .list(let items) = placed.value {
            let numbers = items.compactMap(\.asNumber)
            if numbers.count == items.count { return numbers }
        }
        // Tensors are read directly, in cancellable blocks: millions of points take seconds
        // in a debug build, and Ctrl-C or --timeout must reach them.
        if case .host(let value as TensorValue<Float>) = placed.value {
            return try vector(value.tensor, placed, role, of: owner)
        }
        if case .host(let value as TensorValue<Double>) = placed.value {
            return try vector(value.tensor, placed, role, of: owner)
        }
        guard let tensor = placed.value.asTensor(Double.self) else {
            throw error(.type, "\(owner): \(role) must be a tensor, range or number, got \(placed.value.typeName)",
                        at: placed.range)
        }
        guard tensor.shape.filter({ $0 > 1 }).count <= 1 else {
            throw error(.shape, "\(owner): \(role) must be a vector, got a tensor of shape \(Shape.describe(tensor.shape))",
                        at: placed.range, hint: "pick one row or column, e.g. h[0] or h[:, 0]")
        }
        return try doubles(tensor.scalars)
    }

    private func vector<T: TensorScalar>(_ tensor: Tensor<T>, _ placed: PlacedValue, _ role: String,
                                         of owner: String) throws -> [Double] {
        guard tensor.shape.filter({ $0 > 1 }).count <= 1 else {
            throw error(.shape, "\(owner): \(role) must be a vector, got a tensor of shape \(Shape.describe(tensor.shape))",
                        at: placed.range, hint: "pick one row or column, e.g. h[0] or h[:, 0]")
        }
        return try doubles(tensor.scalars)
    }

    /// The scalars as doubles, checking cancellation every 64k of them.
    private func doubles<T: TensorScalar>(_ scalars: [T]) throws -> [Double] {
        try MemoryBudget.shared.requireRoom(scalars.count &* MemoryLayout<Double>.stride, for: "the figure's data")
        var result: [Double] = []
        result.reserveCapacity(scalars.count)
        var start = 0
        while start < scalars.count {
            try context.checkCancellation()
            let end = min(scalars.count, start + (1 << 16))
            result.append(contentsOf: scalars[start..<end].lazy.map { Double($0) })
            start = end
        }
        return result
    }

    /// A single number (a one-element tensor counts).
    func number(_ placed: PlacedValue, _ role: String, of owner: String) throws -> Double {
        guard let number = placed.value.asNumber else {
            throw error(.type, "\(owner): \(role) must be a number, got \(placed.value.typeName)", at: placed.range)
        }
        return number
    }

    /// A finite number, for positions and sizes.
    func finiteNumber(_ placed: PlacedValue, _ role: String, of owner: String) throws -> Double {
        let value = try number(placed, role, of: owner)
        guard value.isFinite else {
            throw error(.runtime, "\(owner): \(role) must be finite, got \(value)", at: placed.range)
        }
        return value
    }

    /// A positive finite number.
    func positiveNumber(_ placed: PlacedValue, _ role: String, of owner: String) throws -> Double {
        let value = try finiteNumber(placed, role, of: owner)
        guard value > 0 else {
            throw error(.runtime, "\(owner): \(role) must be positive, got \(FigureScope.describe(value))", at: placed.range)
        }
        return value
    }

    /// A number as notebooks write it: `3`, `0.25`.
    static func describe(_ value: Double) -> String {
        value == value.rounded() && Swift.abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// A string.
    func text(_ placed: PlacedValue, _ role: String, of owner: String) throws -> String {
        guard let text = placed.value.string else {
            throw error(.type, "\(owner): \(role) must be a string, got \(placed.value.typeName)", at: placed.range)
        }
        return text
    }

    /// A bool.
    func flag(_ placed: PlacedValue, _ role: String, of owner: String) throws -> Bool {
        guard let flag = placed.value.bool else {
            throw error(.type, "\(owner): \(role) must be true or false, got \(placed.value.typeName)", at: placed.range)
        }
        return flag
    }

    /// Strings: a `list("a", "b")` of strings, or one string.
    func texts(_ placed: PlacedValue, _ role: String, of owner: String) throws -> [String] {
        switch placed.value {
        case .string(let text): return [text]
        case .list(let items):
            let strings = items.compactMap(\.string)
            if strings.count == items.count { return strings }
        default: break
        }
        throw error(.type, "\(owner): \(role) must be a list of strings, got \(placed.value.typeName)",
                    at: placed.range, hint: "write e.g. \(role): list(\"a\", \"b\")")
    }

    /// Two increasing finite numbers, e.g. `xrange: [0, 1]`.
    func bounds(_ placed: PlacedValue, _ role: String, of owner: String) throws -> (Double, Double) {
        let values = (placed.value.asTensor(Double.self)?.scalars ?? []).map { Double($0) }
        guard values.count == 2 else {
            throw error(.type, "\(owner): \(role) must be two numbers such as [0, 1], got \(placed.value.typeName)",
                        at: placed.range)
        }
        guard values[0].isFinite, values[1].isFinite, values[0] < values[1] else {
            throw error(.runtime, "\(owner): \(role) must be two finite numbers, low before high", at: placed.range)
        }
        return (values[0], values[1])
    }

    /// Whole numbers, e.g. class labels.
    func integers(_ placed: PlacedValue, _ role: String, of owner: String) throws -> [Int] {
        let values = try numbers(placed, role, of: owner)
        guard values.allSatisfy({ $0 == $0.rounded() && Swift.abs($0) < 1e9 }) else {
            throw error(.type, "\(owner): \(role) must be whole numbers", at: placed.range)
        }
        return values.map { Int($0) }
    }
}
