import Testing
@testable import Language

/// An environment's bindings (``NameTable``) against a dictionary, the store
/// they replaced: the same names found, rebound and shadowed.
@Suite struct EnvironmentTests {
    @Test func bindingsMatchADictionaryFromFewNamesToMany() {
        let environment = Environment()
        var model: [String: Double] = [:]
        var order: [String] = []
        var generator = Xorshift(state: 7)
        // Past the one-by-one search and through several growths of the table.
        for step in 0..<3000 {
            let name = "n\(generator.next() % 700)"
            if model[name] == nil { order.append(name) }
            model[name] = Double(step)
            environment.define(name, .number(Double(step)))
            if step % 97 == 0 {
                for probe in 0..<720 {
                    let key = "n\(probe)"
                    #expect(environment.lookup(key)?.number == model[key])
                    #expect(environment.isBoundLocally(key) == (model[key] != nil))
                }
            }
        }
        #expect(environment.localNames == order)
        #expect(environment.lookup("") == nil)
        #expect(environment.lookup("n7000") == nil)
    }

    @Test func anInnerBindingShadowsAnOuterOneOnlyInside() {
        let outer = Environment()
        for index in 0..<20 { outer.define("g\(index)", .number(Double(index))) }
        let inner = Environment(enclosing: outer)
        inner.define("g3", .string("local"))
        #expect(inner.lookup("g3")?.string == "local")
        #expect(outer.lookup("g3")?.number == 3)
        #expect(inner.lookup("g4")?.number == 4)
        #expect(!inner.isBoundLocally("g4"))
        #expect(inner.visibleNames == Set(outer.localNames))
    }

    /// Names are equal as Swift's strings are, as in a dictionary: the
    /// Kelvin sign is canonically "K", and "é" precomposed is "e" and an
    /// accent, in a small environment and in a large one.
    @Test func canonicallyEquivalentNamesAreOneName() {
        for count in [0, 30] {
            let environment = Environment()
            for index in 0..<count { environment.define("x\(index)", .number(Double(index))) }
            environment.define("K", .number(1))
            #expect(environment.lookup("\u{212A}")?.number == 1)
            environment.define("\u{212A}", .number(2))
            #expect(environment.lookup("K")?.number == 2)
            environment.define("caf\u{E9}", .number(3))
            #expect(environment.lookup("cafe\u{301}")?.number == 3)
            environment.define("cafe\u{301}", .number(4))
            #expect(environment.lookup("caf\u{E9}")?.number == 4)
            #expect(environment.localNames.count == count + 2)
            var dictionary: [String: Int] = [:]
            for name in environment.localNames { dictionary[name, default: 0] += 1 }
            #expect(dictionary.count == environment.localNames.count)
        }
    }

    @Test func aNameReboundInsideALoopIsReadAnewEachTime() {
        #expect(display("""
        total = 0
        step = 1
        for i in 1...4 {
          total = total + step
          step = step * 2
        }
        total
        """) == "15")
    }

    @Test func aFunctionReadsTheGlobalAsRebound() {
        #expect(display("""
        scale = 2
        fn f(x) = scale * x
        a = f(1)
        scale = 10
        a + f(1)
        """) == "12")
        // A parameter shadows the global of the same name, then the global is seen again.
        #expect(display("""
        x = 5
        fn g(x) = x + 1
        g(1) + x
        """) == "7")
    }
}

/// A reproducible sequence of names for the test.
private struct Xorshift {
    var state: UInt64

    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }
}
