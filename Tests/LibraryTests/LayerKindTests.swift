import Language
import Testing
@testable import Library

@Suite("Layer kinds")
struct LayerKindTests {
    @Test func everyKindHasItsOwnKeywordAndIsNamedInHints() {
        let keywords = LayerKinds.all.map(\.keyword)
        #expect(Set(keywords).count == keywords.count)
        #expect(Set(keywords).isSubset(of: NetworkDeclaration<Float>.commands))
        let harness = ModelHarness()
        #expect(harness.run("network n {\n  dence 3\n}")?.hint == "did you mean 'dense'?")
    }

    @Test func eachKindPrintsAsDeclaredAndBuildsItsLayer() {
        let harness = ModelHarness()
        #expect(harness.run("""
        network n {
          input 1, 4, 4
          conv2d 2, kernel: 3, stride: 1, pad: 1, bias: false, relu
          maxpool 2, stride: 2
          flatten
          dense 3, tanh, init: glorot(seed: 1)
          sigmoid
        }
        print(n)
        """) == nil)
        #expect(harness.printed == """
        network n (45 parameters)
          input 1, 4, 4
          conv2d 2, kernel: 3, pad: 1, no bias, relu
          maxpool 2
          flatten
          dense 3, tanh, init: glorot(seed: 1)
          sigmoid

        """)
    }

    @Test func aLayerThatDoesNotFitIsNamedAsDeclared() {
        let harness = ModelHarness()
        let diagnostic = harness.run("network n {\n  input 1, 4, 4\n  dense 3, relu\n}")
        #expect(diagnostic?.message == "network n cannot take inputs of shape (1, 4, 4): layer 1 (dense 3, relu) needs samples that are vectors, got samples of shape (1, 4, 4); add a flatten layer before it")
    }
}
