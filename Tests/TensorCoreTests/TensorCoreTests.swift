import Testing
@testable import TensorCore

@Test func tensorCoreBuilds() { #expect(Bool(true)) }
