import Testing
@testable import Language

@Suite("Builtin reference tables")
struct BuiltinReferenceTests {
    let builtins = StandardLibrary.builtins

    @Test func aMarkedTableIsRewrittenWithOneRowPerBuiltin() throws {
        let document = "# Builtins\n<!-- builtins: General, Numbers -->\nold rows\n<!-- end builtins -->\nafter\n"
        let updated = try BuiltinReference(builtins: builtins).updating(document)
        #expect(updated.hasPrefix("# Builtins\n<!-- builtins: General, Numbers -->\n| builtin | does |\n| --- | --- |\n| `abs(x)` | absolute value |\n"))
        #expect(updated.contains("| `range(n)`, `range(a, b)` | the range `0..<n` or `a..<b` |\n"))
        #expect(updated.hasSuffix("<!-- end builtins -->\nafter\n"))
        #expect(!updated.contains("old rows"))
        #expect(try BuiltinReference(builtins: builtins).updating(updated) == updated)
    }

    @Test func badMarkersAreReported() {
        let reference = BuiltinReference(builtins: builtins)
        #expect(throws: BuiltinReference.MarkerError.self) {
            try reference.updating("<!-- builtins: General, Numbers -->\n")
        }
        #expect(throws: BuiltinReference.MarkerError.self) {
            try reference.updating("<!-- builtins: General, Numbers, Poetry -->\n<!-- end builtins -->")
        }
        #expect(throws: BuiltinReference.MarkerError.self) {
            try reference.updating("<!-- builtins: General -->\n<!-- end builtins -->")
        }
    }

    @Test func helpTextIsPlainAndIndented() {
        let help = BuiltinHelp(.general, "f(x)", "f(x, y)", summary: "uses `x`", details: "one\n\ntwo")
        #expect(help.plainText == "f(x) or f(x, y)\n  uses x\n  one\n\n  two")
    }
}
