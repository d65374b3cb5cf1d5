import Testing
@testable import Gnuplot

@Test func GnuplotBuilds() { #expect(Bool(true)) }
