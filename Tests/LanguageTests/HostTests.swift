import Testing
@testable import Language

@Suite struct HostTests {
    @Test func tensorLiteralsGoThroughTheHost() {
        #expect(display("[1, 2; 3, 4]") == "[1, 2, 3, 4]")
        #expect(display("[[1, 2], [3, 4]]") == "[1, 2, 3, 4]")
        #expect(display("[]") == "[]")
        #expect(errorMessage("[\"a\"]") == "tensor elements must be numbers, got string")
        let noHost = Evaluator()
        let parsed = Parser.parse("[1]")
        #expect(throws: DiagnosticError.self) { try noHost.run(parsed.program) }
    }

    @Test func operatorsWithHostValuesAndPromotion() {
        #expect(display("[1, 2] + 1") == "[2, 3]")
        #expect(display("2 * [1, 2]") == "[2, 4]")
        #expect(display("-[1, 2]") == "[-1, -2]")
        #expect(display("[1, 2]'") == "[1, 2]")
        #expect(display("[1, 2] @ [3, 4]") == "11")
        #expect(display("[1, 2] == [1, 2]") == "true")
        #expect(errorMessage("[1, 2] / 2") == "cannot apply '/' to tensor and number")
        #expect(errorMessage("[1, 2] + [1, 2, 3]") == "shapes [2] and [3] do not match")
        let result = evaluate("x = [1, 2]\ny = x + [1, 2, 3]", name: "nb.dln")
        #expect(result.error?.first?.kind == .shape)
        #expect(result.error?.first?.range?.text == "x + [1, 2, 3]")
    }

    @Test func indexingMembersAndAssignment() {
        #expect(display("a = [5, 6, 7]\na[-1]") == "7")
        #expect(display("a = [5, 6, 7]\na[1:]") == "[6, 7]")
        #expect(display("a = [5, 6, 7]\na[:]") == "[5, 6, 7]")
        #expect(display("a = [5, 6, 7]\na[0..<2]") == "[5, 6]")
        #expect(display("a = [5, 6, 7]\na.count") == "3")
        #expect(display("a = [5, 6, 7]\nb = a\na[0] = 1\n[a, b]") == "[1, 6, 7, 5, 6, 7]")
        #expect(display("r = {t: [1, 2]}\nr.t[1] = 9\nr") == "{t: [1, 9]}")
        #expect(errorMessage("a = [5, 6, 7]\na.size") == "tensor has no member 'size'")
        #expect(errorMessage("a = [5]\na[1.5]") == "an index must be an integer, got 1.5")
    }

    @Test func iterationTruthinessAndBuiltinOverride() {
        let result = evaluate("for v in [1, 2] { print(v) }\nprint(abs([-1, 2]), abs(-4), sum([1, 2, 3]), len([1, 2]))")
        #expect(result.sink.printed == "1\n2\n[1, 2] 4 6 2\n")
        let failure = evaluate("if [1] { 1 }").error?.first
        #expect(failure?.message == "a tensor is not a bool")
        #expect(failure?.hint == "use all(…) or any(…)")
    }

    @Test func aHostValueDeclinesWhatItDoesNotImplement() {
        final class Opaque: HostValue { var typeName: String { "opaque" } }
        let evaluator = Evaluator(host: FakeHost())
        evaluator.globals.define("o", .host(Opaque()))
        func message(_ source: String) -> String? {
            do {
                try evaluator.run(Parser.parse(source).program)
                return nil
            } catch {
                return (error as? DiagnosticError)?.diagnostics.first?.message
            }
        }
        #expect(message("o.x") == "opaque has no member 'x'")
        #expect(message("o.x = 1") == "member 'x' of opaque cannot be assigned")
        #expect(message("o[0]") == "opaque cannot be indexed")
        #expect(message("o[0] = 1") == "elements of opaque cannot be assigned")
        #expect(message("o(1)") == "opaque is not a function")
        #expect(message("for x in o { }") == "cannot iterate over opaque")
        #expect(message("if o { }") == "opaque cannot be used as a condition")
        #expect(message("o + 1") == "cannot apply '+' to opaque and number")
        #expect(message("-o") == "cannot apply unary '-' to opaque")
        #expect(message("expect o ~= 1") == "'~=' cannot compare opaque and number")
        #expect(evaluator.format(.host(Opaque())) == "<opaque>")
    }

    @Test func listsAndRangesCompareAsTensorsWithApproximatelyEqual() {
        #expect(evaluate("expect list(1, 2) ~= list(1, 2.0000001)\nexpect 0..<2 ~= list(0, 1)").error == nil)
        #expect(errorMessage("expect list(1, \"a\") ~= list(1, 2)") == "'~=' cannot compare list and list")
    }

    @Test func declarationsReachTheHost() {
        let host = FakeHost()
        let result = evaluate("""
        data toy = [1, 2, 3, 4]
        data (train, test) = toy
        loss ce = cross_entropy
        network shallow {
          dense 3, relu
          dense 1
        }
        run = train shallow on toy {
          epochs: 5
          batch: all
        }
        figure "fit" (size: 640x400) {
          line x, y
        }
        print(train, test, ce, shallow, run)
        """, host: host)
        #expect(result.error == nil)
        #expect(result.sink.printed == "[1, 2] [3, 4] loss ce network shallow with 2 layers {epochs: 5}\n")
        #expect(result.sink.displayed == ["\"figure fit\""])
        #expect(host.declarations.count == 5)
        #expect(host.trains.count == 1)
    }

    @Test func destructuringChecksTheCount() {
        let message = errorMessage("data (a, b, c, d, e) = 5")
        #expect(message == "cannot destructure number into 5 names")
    }

    @Test func hostErrorsArePlacedAtTheConstruct() {
        let result = evaluate("x = 1\ny = sum(x)", name: "nb.dln")
        #expect(result.error?.description == """
            nb.dln:2:5: error: 'sum' expects a tensor as argument 1 (x), got number
                2 | y = sum(x)
                  |     ^~~~~~
            """)
    }
}
