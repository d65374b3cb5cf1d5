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

@Suite("Convolution layer kinds")
struct ConvolutionLayerKindTests {
    @Test func signalLayersPrintAsDeclaredAndRun() {
        let harness = ModelHarness()
        #expect(harness.run("""
        network n {
          input 2, 12
          conv1d 3, kernel: 3, stride: 1, pad: 2, dilation: 2, bias: false, relu
          avgpool 2, stride: 2
          upsample 3, mode: "linear"
          avgpool 3, stride: 1, pad: 1
          maxpool 2
          flatten
        }
        print(n)
        print(n(zeros([4, 2, 12])).shape)
        """) == nil)
        #expect(harness.printed == """
        network n (18 parameters)
          input 2, 12
          conv1d 3, kernel: 3, pad: 2, dilation: 2, no bias, relu
          avgpool 2
          upsample 3, mode: "linear"
          avgpool 3, stride: 1, pad: 1
          maxpool 2
          flatten
        (4, 27)

        """)
    }

    @Test func imageLayersTakeDilationAndBilinearUpsampling() {
        let harness = ModelHarness()
        #expect(harness.run("""
        network n {
          input 1, 6, 6
          conv2d 2, kernel: 3, dilation: 2
          upsample 2, mode: "bilinear"
          avgpool 2
        }
        print(n(zeros([1, 1, 6, 6])).shape)
        """) == nil)
        #expect(harness.printed == "(1, 2, 2, 2)\n")
    }

    @Test func malformedLinesAreNamed() {
        let harness = ModelHarness()
        #expect(harness.run("network n {\n  input 1, 8\n  upsample 2, mode: \"cubic\"\n}")?.message
            == "'mode:' must be \"nearest\", \"linear\" or \"bilinear\"")
        #expect(harness.run("network n {\n  input 1, 8\n  upsample 2, mode: \"bilinear\"\n}")?.message
            == "network n cannot take inputs of shape (1, 8): layer 1 (upsample 2, mode: \"bilinear\") interpolates samples of shape (1, 8) with mode: \"linear\", not \"bilinear\"")
        #expect(harness.run("network n {\n  input 1, 8\n  conv1d 2, kernel: 3, dilation: 0\n}")?.message
            == "dilation must be a whole number ≥ 1, got 0")
        #expect(harness.run("network n {\n  input 1, 8\n  avgpool 2, pad: 2\n}")?.message
            == "network n cannot take inputs of shape (1, 8): layer 1 (avgpool 2, pad: 2) needs a window and a stride ≥ 1 and padding from 0 to half the window")
        #expect(harness.run("network n {\n  input 1, 2, 8\n  conv1d 2, kernel: 3\n}")?.message
            == "network n cannot take inputs of shape (1, 2, 8): layer 1 (conv1d 2, kernel: 3) needs samples of shape (channels, length), got (1, 2, 8); declare them with input")
    }
}

@Suite("Convolution builtins in notebooks")
struct ConvolutionBuiltinTests {
    @Test func gradientsFlowThroughEveryWindowOperation() {
        let harness = ModelHarness()
        #expect(harness.run("""
        x = reshape([1, 2, 4, 7], [1, 1, 4])
        # d/dw of sum(conv1d(x, w)) is the sum of the inputs each tap reads.
        print(grad(w -> sum(conv1d(x, w, pad: 1)), at: reshape([0, 0], [1, 1, 2])))
        print(grad(v -> sum(avgpool(v, 2)), at: x), grad(v -> sum(maxpool(v, 2)), at: x))
        print(grad(v -> sum(upsample(v, 2, mode: "linear")), at: x))
        """) == nil)
        #expect(harness.printed == """
        [[[14, 14]]]
        [[[0.5, 0.5, 0.5, 0.5]]] [[[0, 1, 0, 1]]]
        [[[2, 2, 2, 2]]]

        """)
    }

    @Test func badArgumentsAreDiagnosedByName() {
        let harness = ModelHarness()
        #expect(harness.run("conv2d(zeros([1, 1, 3, 3]), zeros([1, 1, 1, 1]), pad: [1, 2, 3])")?.message
            == "'conv2d' expects a whole number or [h, w] for 'pad:', got tensor")
        #expect(harness.run("upsample(zeros([1, 1, 3, 3]), 2, mode: \"linear\")")?.message
            == "'upsample' expects mode: \"nearest\" or \"bilinear\" for a tensor of rank 4, got \"linear\"")
        #expect(harness.run("conv1d(zeros([1, 2, 3]), zeros([1, 2, 2]), stride: 0)")?.message
            == "conv1d: stride must be ≥ 1, got 0 (input (1, 2, 3), filters (1, 2, 2))")
        #expect(harness.run("avgpool(zeros([1, 2, 3]), 0.5)")?.message
            == "'avgpool' expects an integer as argument 2 (size), got number")
    }
}
