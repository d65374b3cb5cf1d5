import Language
import Testing
@testable import Library

/// `format(x, spec)` and f-strings on tensors: element by element, each
/// element as the number it stands for (a float32 0.1 is 0.1, not 0.100000001).
@Suite("format with a specification")
struct FormatBuiltinTests {
    @Test func tensorsFormatElementByElement() {
        let harness = ModelHarness()
        #expect(harness.run("""
            w = [0.1, -2; 3, 4]
            print(format(w, ".10f"), format(w[0, 0], "e"), f"{w[1]:>4}|{w > 0:d}")
            print(format([], ".2f"), format(5, digits: 1), format("x", ">3"))
            """) == nil)
        #expect(harness.printed == "[[0.1000000000, -2.0000000000], [3.0000000000, 4.0000000000]] 1.000000e-01 [   3,    4]|[[1, 0], [1, 1]]\n[] 5.0   x\n")
    }

    @Test func specificationMistakesAreDiagnosed() {
        let harness = ModelHarness()
        #expect(harness.run("format([0.5], \"d\")")?.message == "format type 'd' needs a whole number, got 0.5")
        #expect(harness.run("format(1, \".2f\", digits: 2)")?.message == "'format' takes a format specification or 'digits:', not both")
        #expect(harness.run("format(1, 2)")?.message == "'format' expects a format specification string such as \".3f\" as argument 2 (spec), got number")
        #expect(harness.run("format(1, \"%%\")")?.message == "'%%' is not a format specification: '%' is left over; the form is [[fill]align][sign][0][width][,][.precision][type]")
    }
}
