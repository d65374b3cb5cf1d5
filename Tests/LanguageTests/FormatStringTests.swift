import Testing
@testable import Language

/// Format specifications and f-strings. The expected texts are what Python
/// 3 gives for `format(x, spec)` (checked with CPython 3.11 on 576 pairs of
/// values and specifications), except where dln's printed form differs on
/// purpose (no type and no precision: `1`, not `1.0`).
@Suite struct FormatSpecTests {
    private func format(_ x: Double, _ spec: String) throws -> String { try FormatSpec(spec).format(x) }

    @Test func numbersFormatAsInPython() throws {
        let cases: [(Double, String, String)] = [
            (3.14159265, ".3f", "3.142"), (-0.0, ".3f", "-0.000"), (2.5, ".0f", "2"), (-1.5, ".0f", "-2"),
            (1234567.891, "e", "1.234568e+06"), (0.000123456, ".2e", "1.23e-04"), (0.0, ".0e", "0e+00"),
            (1234567.891, "g", "1.23457e+06"), (0.000123456, "g", "0.000123456"), (1e-5, ".3g", "1e-05"), (42, ".0g", "4e+01"),
            (0.25, "%", "25.000000%"), (3.14159265, ".1%", "314.2%"), (.nan, ".0%", "nan%"),
            (1, "+.2f", "+1.00"), (1, " .2f", " 1.00"), (-0.001, "+.2f", "-0.00"), (.nan, "+.2f", "+nan"), (-.infinity, "f", "-inf"),
            (-1.5, "10.3f", "    -1.500"), (-1.5, "<10.2f", "-1.50     "), (-42, "^10.2f", "  -42.00  "), (-1.5, "=+10.2f", "-     1.50"),
            (-1.5, "010.2f", "-000001.50"), (.infinity, "010.2f", "0000000inf"), (-1.5, "0<8.1f", "-1.50000"),
            (1234567.891, "*>12,.2f", "1,234,567.89"), (0.5, "*>12,.2f", "********0.50"), (1e20, ",.0f", "100,000,000,000,000,000,000"),
            (1, ".3", "1.0"), (123456789, ".10", "123456789.0"), (42, ".1", "4e+01"), (1234567.891, ".3", "1.23e+06"), (0.5, ".1", "0.5"),
            (42, "d", "42"), (-42, "08d", "-0000042"), (123456789, ",d", "123,456,789"), (0.5, ">8", "     0.5"),
        ]
        for (x, spec, expected) in cases {
            #expect(try format(x, spec) == expected, "format(\(x), \"\(spec)\")")
        }
    }

    @Test func stringsTakeWidthAlignmentAndPrecision() throws {
        #expect(try FormatSpec(">6").format(text: "abc") == "   abc")
        #expect(try FormatSpec("*^9").format(text: "abc") == "***abc***")
        #expect(try FormatSpec(".2").format(text: "abc") == "ab")
        #expect(try FormatSpec("<5.1s").format(text: "abc") == "a    ")
        #expect(throws: FormatSpec.Invalid(reason: "this format specification needs a number, got a string")) {
            try FormatSpec(".2f").format(text: "abc")
        }
    }

    @Test func malformedSpecificationsAreExplained() {
        let cases: [(String, String)] = [
            ("q", "unknown format type 'q'; use f, e, g, %, d or s"),
            (".f", "'.' must be followed by a precision, as in '.3f'"),
            ("5.2fx", "'5.2fx' is not a format specification: 'x' is left over; the form is [[fill]align][sign][0][width][,][.precision][type]"),
            ("1001f", "a format's width must be at most 1000, got 1001"),
            (".101f", "a format's precision must be at most 100, got 101"),
            ("99999999999999999999f", "a format's width must be at most 1000, got 99999999999999999999"),
            (".2d", "a precision is not allowed with 'd'"),
            ("+s", "a sign is not allowed with 's'"),
        ]
        for (spec, reason) in cases {
            #expect(throws: FormatSpec.Invalid(reason: reason), "\(spec)") { try FormatSpec(spec) }
        }
        #expect(throws: FormatSpec.Invalid(reason: "format type 'd' needs a whole number, got 2.5")) { try format(2.5, "d") }
        #expect(throws: FormatSpec.Invalid(reason: "format type 'd' needs a whole number, got inf")) { try format(.infinity, "d") }
    }
}

@Suite struct FormatStringTests {
    @Test func valuesAreWrittenPrintedOrBySpecification() {
        #expect(display("l = 0.123456\nn = 3\nf\"loss {l:.3f} after {n} steps\"") == "\"loss 0.123 after 3 steps\"")
        #expect(display("s = \"net\"\nf\"{{{s:>5}}} {s} {1 < 2} {{}}\"") == "\"{  net} net true {}\"")
        #expect(display("f\"{ {a: 1}.a }|{list(1, 2)}|{(x -> x * 2)(2):.1f}|{true:>5}\"") == "\"1|(1, 2)|4.0| true\"")
        #expect(display("f\"tab\\t{1}\\\"\"") == "\"tab\\t1\\\"\"")
        #expect(display("f\"\"") == "\"\"")
        #expect(display("f = 2\nf\"{f}\" + f\"{f}\"") == "\"22\"")
    }

    @Test func aValueTheSpecificationDoesNotFitIsAnErrorAtTheValue() {
        let result = evaluate("s = \"a\"\nf\"x {s:.2f}\"")
        #expect(result.error?.first?.message == "this format specification needs a number, got a string")
        #expect(result.error?.first?.range?.text == "s")
        #expect(errorMessage("f\"{none:+}\"") == "this format specification needs a number, got none")
    }

    @Test func mistakesAreSyntaxErrorsPointingIntoTheString() {
        let cases: [(String, String, String)] = [
            ("f\"{x +}\"", "expected an expression, found the end of the braces", ""),
            ("f\"{}\"", "empty expression in an f-string's braces", "{}"),
            ("f\"{1:q}\"", "unknown format type 'q'; use f, e, g, %, d or s", "q"),
            ("f\"a } b\"", "single '}' in an f-string", "}"),
            ("f\"{1:{2}}\"", "a format specification cannot hold braces", "{"),
            ("f\"{1\"", "unclosed '{' in an f-string", "{"),
            ("f\"{\"a\"}\"", "unclosed '{' in an f-string", "{"),
            ("f\"{1:>5", "unterminated string", "f\"{1:>5"),
            ("f\"{1} \\q\"", "unknown escape sequence", "\\q"),
        ]
        for (source, message, text) in cases {
            let diagnostics = Parser.parse(source).diagnostics
            #expect(diagnostics.first?.message == message, "\(source)")
            #expect(diagnostics.first?.range?.text == text, "\(source)")
            #expect(diagnostics.allSatisfy { !$0.isIncompleteInput }, "\(source)")
        }
    }

    @Test func theParserSeesTheExpressions() {
        #expect(SExpression.parse("f\"a{x + 1:.2f}b{y}\"") == "(f \"a\" (+ x 1):spec \"b\" y)")
        #expect(SExpression.parse("f\"{a[1:]} {g(x, k: 2)}\"") == "(f (index a 1:) \" \" (call g x k: 2))")
        #expect(SExpression.parse("f \"x\"") != "(f \"x\")")
    }
}
