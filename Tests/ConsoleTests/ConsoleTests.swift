import Testing
@testable import Console

@Test func consoleBuilds() { #expect(Bool(true)) }
