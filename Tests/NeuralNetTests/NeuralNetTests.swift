import Testing
@testable import NeuralNet

@Test func NeuralNetBuilds() { #expect(Bool(true)) }
