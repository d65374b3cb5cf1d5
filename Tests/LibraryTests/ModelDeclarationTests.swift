import Foundation
import Language
@testable import Library
import Testing
import TensorCore

@Suite struct ModelDeclarationTests {
    @Test func networksCountAndPrintTheirParameters() throws {
        let harness = ModelHarness()
        #expect(harness.run("""
        network lenet {
          input 1, 8, 8
          conv2d 6, kernel: 3, pad: 1, relu
          maxpool 2
          flatten
          dense 10, init: glorot(seed: 2)
        }
        print(params(lenet))
        print(lenet)
        print(lenet(zeros([2, 1, 8, 8])).shape)
        network wide {
          input 40
          dense 100, relu
          dense 100, relu
          dense 10
        }
        expect params(wide) == 15210
        """) == nil)
        #expect(harness.printed == """
        1030
        network lenet (1030 parameters)
          input 1, 8, 8
          conv2d 6, kernel: 3, pad: 1, relu
          maxpool 2
          flatten
          dense 10, init: glorot(seed: 2)
        (2, 10)

        """)
    }

    @Test func parametersCanBeReadAndAssigned() throws {
        let harness = ModelHarness()
        #expect(harness.run("""
        network shallow {
          input 1
          dense 3, relu
          dense 1
        }
        theta1 = [-1.0; 1.8; 0.65]
        shallow.layers[0].weight = theta1'
        shallow.layers[0].bias = [0.3, -1.0, -0.5]
        shallow.layers[1].weight = [2.0, -1.0, 7.0]
        shallow.layers[1].bias = [-0.3]
        y = shallow([0, 0.5, 1])
        """) == nil)
        #expect(harness.tensor("shallow.layers[0].weight")?.scalars == [-1.0, 1.8, 0.65])
        #expect(harness.tensor("shallow.layers[1].weight")?.shape == [3, 1])
        let y = try #require(harness.tensor("y"))
        // y = -0.3 + 2 relu(0.3 - x) - relu(1.8x - 1) + 7 relu(0.65x - 0.5)
        let expected: [Float] = [0.3, -0.3, -0.3 - 0.8 + 7 * 0.15]
        for (a, b) in zip(y.scalars, expected) { #expect(abs(a - b) < 1e-5) }

        let wrong = harness.run("shallow.layers[0].weight = [1, 2]")
        #expect(wrong?.kind == .shape)
        #expect(wrong?.message == "layer 1 (dense 1 → 3, relu) of network shallow: weight must have shape (1, 3), got (2,)")
        #expect(harness.run("shallow.layers[0].gain = 1")?.message == "a layer has no member 'gain'")
    }

    @Test func aNetworkLearnsItsInputSizeFromTheData() throws {
        let harness = ModelHarness()
        #expect(harness.run("""
        network later {
          dense 3, relu
          dense 1
        }
        print(later)
        """) == nil)
        let early = harness.run("params(later)")
        #expect(early?.message == "network later does not know its input size yet")
        #expect(harness.run("y = later([[1, 2, 3]])\nprint(params(later))") == nil)
        #expect(harness.printed.hasSuffix("16\n"))
    }

    @Test func anInputSizeThatDoesNotFitNamesBothShapesAndTheLayer() throws {
        let harness = ModelHarness()
        let diagnostic = harness.run("""
        data d = xor()
        network three {
          input 3
          dense 4, relu
          dense 1
        }
        train three on d {
          loss: bce
          optimizer: sgd(lr: 0.1)
          epochs: 1
        }
        """)
        #expect(diagnostic?.kind == .shape)
        #expect(diagnostic?.message == "network three takes inputs of shape (3,), but the data has inputs of shape (2,): layer 1 (dense 3 → 4, relu) expects 3 inputs, got 2")
    }

    @Test func unknownTrainOptionsListTheValidOnes() throws {
        let harness = ModelHarness()
        let diagnostic = harness.run(xorTraining.replacingOccurrences(of: "epochs: 300", with: "epoch: 300"))
        #expect(diagnostic?.kind == .name)
        #expect(diagnostic?.message == "train has no option 'epoch'")
        #expect(diagnostic?.hint == "did you mean 'epochs'? train's options are loss, optimizer, batch, epochs, init, record, test, stop, seed")
        #expect(diagnostic?.range?.startLocation.line == 9)
    }

    @Test func aLearningRateThatIsNotANumberIsReported() throws {
        let harness = ModelHarness()
        let text = harness.run(xorTraining.replacingOccurrences(of: "adam(lr: 0.05)", with: "sgd(lr: \"fast\")"))
        #expect(text?.kind == .type)
        #expect(text?.message == "sgd: lr must be a number, got \"fast\"")
        let option = harness.run(xorTraining.replacingOccurrences(of: "adam(lr: 0.05)", with: "sgd(rate: 0.1)"))
        #expect(option?.message == "sgd has no option 'rate'; its options are lr, momentum, nesterov")
        let missing = harness.run(xorTraining.replacingOccurrences(of: "adam(lr: 0.05)", with: "sgd"))
        #expect(missing?.message == "sgd needs a learning rate, as in sgd(lr: 0.1)")
    }

    @Test func badLayersAndActivationsAreReported() throws {
        let harness = ModelHarness()
        let layer = harness.run("network n {\n  dense 3, rleu\n}")
        #expect(layer?.message == "unknown activation 'rleu'")
        #expect(layer?.hint == "did you mean 'relu'?")
        let command = harness.run("network n {\n  dens 3\n}")
        #expect(command?.message == "'dens' is not a layer")
        #expect(command?.range?.startLocation.line == 2)
    }

    @Test func lossesCombineAndCanBeCalled() throws {
        let harness = ModelHarness()
        #expect(harness.run("""
        loss reg = cross_entropy + 0.01 * l2
        print(reg)
        loss g = gaussian_nll(sigma: 2)
        print(g)
        logits = [2, 0; 0, 2]
        labels = [0, 1]
        print(cross_entropy(logits, labels) ~= log(1 + exp(-2)) within 1e-6)
        print(mse([1, 2], [1, 4]), accuracy(logits, labels))
        """) == nil)
        #expect(harness.printed == "loss cross_entropy + 0.01 * l2\nloss gaussian_nll(sigma: 2.0)\ntrue\n2.0 1\n")
    }

    @Test func dataSetsPrintAndHaveMembers() throws {
        let harness = ModelHarness()
        #expect(harness.run("""
        data m = moons(n: 100, seed: 0)
        print(m)
        print(m.count, m.classes, m.x.shape, m.y.shape)
        data (a, b) = split(m, 0.8, seed: 0)
        print(a.count, b.count)
        print(len(batches(a, 32, shuffle: true, seed: 1)))
        print(one_hot([0, 2, 1]))
        data r = regression1d(n: 10, seed: 0)
        print(r)
        print(shuffle([1, 2, 3, 4], seed: 0).shape)
        """) == nil)
        #expect(harness.printed.hasPrefix("data set: 100 samples, inputs (2,), 2 classes\n100 2 (100, 2) (100,)\n80 20\n3\n"))
        #expect(harness.printed.contains("data set: 10 samples, inputs (1,), targets (1,)\n(4,)\n"))
    }

    @Test func transformsKeepDataSetsConsistent() throws {
        let harness = ModelHarness()
        #expect(harness.run("""
        data b = blobs(n: 40, std: 0.3, seed: 2)
        data (s, t) = standardise(b, b)
        expect mean(s.x, axis: 0) ~= [0, 0] within 1e-5
        expect s.x ~= t.x within 1e-6
        data h = one_hot(b)
        print(h.y.shape)
        data r = relabel(b, shuffle(b.y, seed: 1))
        expect sum(r.y) == sum(b.y)
        expect r.x == b.x
        network c {
          dense 2
        }
        print(confusion(c, b).shape, predict(c, b).shape, sum(confusion(c, b)))
        """) == nil)
        #expect(harness.printed == "(40, 2)\n(2, 2) (40, 2) 40.0\n")
    }

    @Test func csvPathsAreFoundNextToTheNotebook() throws {
        let folder = ModelHarness.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "a,b,label\n1,2,0\n3,4,1\n5,6,1\n".write(to: folder.appendingPathComponent("small.csv"), atomically: true, encoding: .utf8)
        let harness = ModelHarness()
        let notebook = folder.appendingPathComponent("nb.dln").path
        #expect(harness.run("data s = csv(\"small.csv\", label: \"label\")\nprint(s)", file: notebook) == nil)
        #expect(harness.printed == "data set: 3 samples, inputs (2,), 2 classes\n")
        let missing = harness.run("data s = csv(\"small.csv\", label: \"y\")", file: notebook)
        #expect(missing?.kind == .io)
        #expect(missing?.message.contains("no column") == true)
    }

    @Test func savedModelsLoadBack() throws {
        let folder = ModelHarness.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("xor.safetensors").path
        let harness = ModelHarness()
        #expect(harness.run(xorTraining + "save(net, \"\(path)\")")?.hint?.contains("--allow-write") == true,
                "outside the notebook's folder and --out")
        harness.host.output.allowedWriteFolders = [folder]
        #expect(harness.run("save(net, \"\(path)\")") == nil)
        #expect(harness.host.takeWrittenFiles() == [path])
        let trained = harness.weights("net")
        let fresh = ModelHarness()
        #expect(fresh.run("""
        network net {
          input 2
          dense 4, tanh
          dense 1
        }
        load(net, "\(path)")
        """) == nil)
        #expect(fresh.weights("net") == trained)
        let wrong = fresh.run("network other {\n  input 2\n  dense 3\n}\nload(other, \"\(path)\")")
        #expect(wrong?.kind == .io)
    }
}
