import Language
import TensorCore

/// `record("name", value)`: marks a value as one of the run's results. `dln run --report`
/// writes the results into the report's `results` object, and `dln sweep` gathers them
/// into a table with one row per point.
enum ResultBuiltins<Scalar: TensorScalar> {
    static var all: [Builtin] { [record] }

    static var record: Builtin { Builtin("record", parameters: ["name", "value"], help: BuiltinHelp(
        .general, "record(\"name\", value)",
        summary: "marks a number, string, bool or one-element tensor as a result of the run (for `--report` and `dln sweep`)",
        details: """
        The name is a letter or underscore followed by letters, digits and underscores; recording a name
        again replaces its value, so a loop may record as it goes and the last value counts.
        """)) { a, context in
        let name = try a.string(0)
        guard isResultName(name) else {
            throw DiagnosticError(.type, "'record' expects a name made of letters, digits and underscores, not starting with a digit; got \"\(name)\"",
                                  hint: "the name becomes a column of dln sweep's results.csv, e.g. record(\"final_loss\", loss)")
        }
        let value = try resultValue(a)
        (context.evaluator.host as? HostOutput)?.record(value, as: name)
        return .none
    } }

    /// The second argument as a result: a plain number, string or bool, or a one-element tensor.
    private static func resultValue(_ a: Arguments) throws -> ResultValue {
        switch a[1] {
        case .string(let text)?: return .text(text)
        case .bool(let flag)?: return .flag(flag)
        case let value?:
            if let number = value.asNumber { return .number(number) }
            if let tensor = value.asTensor(Scalar.self) {
                throw DiagnosticError(.type, "'record' takes one value per result, got a tensor of shape \(Shape.describe(tensor.shape))",
                                      hint: "reduce it first, e.g. record(\"loss\", mean(x)) or record(\"last\", x[-1])")
            }
            throw a.typeError(1, expected: "a number, string, bool or one-element tensor")
        case nil: throw a.typeError(1, expected: "a number, string, bool or one-element tensor")
        }
    }

    private static func isResultName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }
}
