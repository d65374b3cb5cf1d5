import Testing
@testable import Language

@Suite struct ExpectTests {
    @Test func passingExpectationsReportNothing() {
        let result = evaluate("""
        expect 1 + 1 == 2
        expect 1 < 2
        expect 2 >= 2
        expect 1 != 2
        expect 0.1 + 0.2 ~= 0.3
        expect 1 ~= 1.05 within 0.1
        expect true
        expect [1, 2] == [1, 2]
        expect [1, 2] ~= [1.001, 2] within 1e-2
        """)
        #expect(result.error == nil)
        #expect(result.sink.diagnostics.isEmpty)
    }

    @Test func failuresReportBothSides() {
        let result = evaluate("""
        y = 0.83
        expect y ~= 0.827 within 1e-3
        expect 2 * 3 == 7
        expect [1, 2] ~= [1, 2.5] within 0.1
        expect 1 > 2
        expect 1 == 1 and false
        """, name: "nb.dln")
        #expect(result.error == nil)
        let rendered = result.sink.diagnostics.map(\.description)
        #expect(rendered.count == 5)
        #expect(rendered.first == """
            nb.dln:2:1: expectation failed: y ~= 0.827 within 1e-3
                2 | expect y ~= 0.827 within 1e-3
                  | ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~
            note: left:  0.83
            note: right: 0.827
            note: difference 0.0030000000000000027 exceeds tolerance 0.001
            """)
        #expect(result.sink.diagnostics[1].notes == ["left:  6", "right: 7"])
        #expect(result.sink.diagnostics[2].notes == ["left:  [1, 2]", "right: [1, 2.5]", "difference 0.5 exceeds tolerance 0.1"])
        #expect(result.sink.diagnostics[3].message == "1 > 2")
        #expect(result.sink.diagnostics[4].notes == ["value: false"])
        #expect(result.sink.diagnostics.allSatisfy { $0.kind == .expectation })
    }

    @Test func badExpectationsAreErrors() {
        #expect(errorMessage("expect 1 ~= \"a\"") == "'~=' cannot compare number and string")
        #expect(errorMessage("expect 1 ~= 1 within -1") == "a tolerance must be a non-negative number, got -1")
        #expect(errorMessage("expect 3") == "expected a bool, got number")
    }
}
