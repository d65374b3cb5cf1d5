import Language
@testable import Library
import Testing

@Suite("record")
struct ResultBuiltinTests {
    @Test func recordsScalarsAndKeepsTheLastValueOfAName() throws {
        let harness = ModelHarness()
        #expect(harness.run("""
            record("loss", 0.5)
            record("loss", mean([1, 2, 3]))
            record("name", "adam")
            record("ok", 1 < 2)
            record("_first", [7])
            """) == nil)
        #expect(harness.host.results == ["loss": .number(2), "name": .text("adam"), "ok": .flag(true), "_first": .number(7)])
    }

    @Test func aFloatIsRecordedAsItsShortestDecimal() {
        let harness = ModelHarness()
        #expect(harness.run("record(\"x\", [0.1])") == nil)
        #expect(harness.host.results["x"] == .number(0.1))
    }

    @Test(arguments: [
        ("record(\"bad name\", 1)", "letters, digits and underscores"),
        ("record(\"1st\", 1)", "not starting with a digit"),
        ("record(\"x\", [1, 2])", "got a tensor of shape (2,)"),
        ("record(\"x\", list(1, 2))", "got a tensor of shape (2,)"),
        ("record(\"x\", none)", "expects a number, string, bool or one-element tensor"),
        ("record(1, 2)", "expects a string"),
    ])
    func refusesWhatIsNotOneNamedValue(source: String, message: String) {
        let harness = ModelHarness()
        let diagnostic = harness.run(source)
        #expect(diagnostic?.message.contains(message) == true, "\(String(describing: diagnostic?.message))")
        #expect(harness.host.results.isEmpty)
    }
}
