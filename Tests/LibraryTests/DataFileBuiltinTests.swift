import Foundation
import Language
@testable import Library
import Testing
import TensorCore

/// `csv` with and without labels, data sets as sequences, and `save`/`load` of
/// tensors and records, run as notebook code.
@Suite struct DataFileBuiltinTests {
    @Test func csvClassNamesKeepTheOrderOfFirstAppearance() throws {
        let folder = ModelHarness.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("iris.csv").path
        try "a,b,species\n1,2,setosa\n3,4,virginica\n5,6,setosa\n7,8,versicolor\n".write(toFile: path, atomically: true, encoding: .utf8)
        let harness = ModelHarness()
        #expect(harness.run("""
        data d = csv("\(path)", label: "species")
        print(d.class_names)
        expect d.y == [0, 1, 0, 2]
        expect d[1:].class_names == d.class_names
        data r = regression1d(n: 3, seed: 0)
        print(r.class_names)
        """) == nil)
        #expect(harness.printed == "(\"setosa\", \"virginica\", \"versicolor\")\nnone\n")
        let message = harness.run("m = csv(\"\(path)\", label: none)")?.message ?? ""
        #expect(message.contains("'setosa' is not a number"), "\(message)")
    }

    @Test func dataSetsHaveALengthSamplesAndSlices() throws {
        let harness = ModelHarness()
        #expect(harness.run("""
        data d = dataset([[1, 2], [3, 4], [5, 6], [7, 8], [9, 10]], [0, 1, 2, 3, 4])
        expect len(d) == 5
        expect d[0].x == [1, 2] and d[0].y == 0
        expect d[-1].y == 4
        expect d[1:3].y == [1, 2]
        expect d[::-2].y == [4, 2, 0]
        expect d[-2:].y == [3, 4]
        expect d[[4, 0]].y == [4, 0]
        expect len(d[10:]) == 0
        total = 0
        for s in d { total = total + s.y }
        expect total == 10
        """) == nil)
        #expect(harness.run("d[5]")?.message == "index 5 is out of range for a data set of 5 samples")
        #expect(harness.run("d[::0]")?.message == "slice step cannot be zero")
        #expect(harness.run("d[0, 1]")?.message.contains("one index") == true)
    }

    @Test func tensorsAndRecordsRoundTripThroughEveryFormat() throws {
        let folder = ModelHarness.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let harness = ModelHarness()
        let base = folder.path
        #expect(harness.run("""
        x = [[0.1, -2.5, 3e-8], [1e30, 7, 1 / 3]]
        save(x, "\(base)/x.npy")
        save(x, "\(base)/x.csv")
        save({x: x, v: [1, 2]}, "\(base)/r.npz")
        save({x: x, v: [1, 2]}, "\(base)/r.safetensors")
        expect load("\(base)/x.npy") == x
        expect load("\(base)/x.csv") == x
        expect csv("\(base)/x.csv", label: none) == x
        r = load("\(base)/r.npz")
        expect keys(r)[0] == "x" and keys(r)[1] == "v" and r.x == x and r.v == [1, 2]
        s = load("\(base)/r.safetensors")
        expect s["x"] == x and s["v"] == [1, 2]
        """, file: folder.appendingPathComponent("n.dln").path) == nil)
        let wrong = harness.run("save(x, \"\(base)/x.txt\")", file: folder.appendingPathComponent("n.dln").path)?.message ?? ""
        #expect(wrong.contains("does not know the format of 'x.txt'"), "\(wrong)")
        let notTensors = harness.run("save({a: \"text\"}, \"\(base)/t.npz\")", file: folder.appendingPathComponent("n.dln").path)?.message ?? ""
        #expect(notTensors.contains("field 'a' is string"), "\(notTensors)")
        let cube = harness.run("save(zeros([2, 2, 2]), \"\(base)/c.csv\")", file: folder.appendingPathComponent("n.dln").path)?.message ?? ""
        #expect(cube.contains("a vector or a matrix"), "\(cube)")
        let layout = harness.run("network n {\n input 1\n dense 1\n}\nsave(n, \"\(base)/n.safetensors\", layout: \"keras\")",
                                 file: folder.appendingPathComponent("n.dln").path)?.message ?? ""
        #expect(layout.contains("\"dln\" or \"pytorch\""), "\(layout)")
    }
}
