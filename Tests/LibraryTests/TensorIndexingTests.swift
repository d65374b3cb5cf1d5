import Language
import Testing
@testable import Library

/// Indexing tensors with tensors of positions and masks from the language:
/// which values are masks, how subscripts reach the engine, and the
/// diagnostics for indices the engine cannot take.
@Suite("Tensor indexing")
struct TensorIndexingTests {
    @Test func comparisonsAndTheirCombinationsAreMasks() {
        let harness = ModelHarness()
        #expect(harness.run("x = [3, -1, 4]") == nil)
        #expect(harness.run("""
            print((x > 0).dtype, (not (x > 0)).dtype, ((x > 0) * (x < 4)).dtype, isnan(x).dtype, (x > 0)[1:].dtype)
            print((x > 0 + 0).dtype, ((x > 0) * 1).dtype, ((x > 0) != 0).dtype)
            """) == nil)
        #expect(harness.printed == "bool bool bool bool bool\nbool float32 bool\n")
    }

    @Test func aMaskAndPositionsOfTheSameNumbersSelectDifferently() {
        let harness = ModelHarness()
        #expect(harness.run("v = [10, 20, 30]\nprint(v[[1, 0, 1]], v[[1, 0, 1] == 1], v[[1, 0, 1] * 1])") == nil)
        #expect(harness.printed == "[20, 10, 20] [10, 30] [20, 10, 20]\n")
    }

    @Test func aOneElementTensorOfPositionsKeepsItsAxis() {
        let harness = ModelHarness()
        #expect(harness.run("m = reshape(arange(6), [2, 3])\nprint(shape(m[[1], 0]), shape(m[1, 0]), shape(m[[1]]))") == nil)
        #expect(harness.printed == "(1,) () (1, 3)\n")
    }

    @Test func assignmentThroughMasksAndPositionsKeepsOtherBindings() {
        let harness = ModelHarness()
        #expect(harness.run("m = reshape(arange(6), [2, 3])\nold = m\nm[m > 3] = -1\nm[:, [0, 0]] = [7, 8; 9, 10]") == nil)
        #expect(harness.tensor("m")?.scalars == [8, 1, 2, 10, -1, -1])
        #expect(harness.tensor("old")?.scalars == [0, 1, 2, 3, 4, 5])
    }

    @Test func indicesTheEngineCannotTakeAreDiagnosedNamingTheAxis() {
        let harness = ModelHarness()
        #expect(harness.run("m = reshape(arange(6), [2, 3])") == nil)
        let cases: [(String, String)] = [
            ("m[[0, 2]]", "index 2 is out of range for axis 0 of size 2"),
            ("m[:, [-4]]", "index -4 is out of range for axis 1 of size 3"),
            ("m[:, [1e30]]", "index 1e+30 is out of range for axis 1 of size 3"),
            ("m[1, [nan]]", "the index for axis 1 holds nan, not a whole number"),
            ("m[[0, 1], [[0.25]]]", "the index for axis 1 holds 0.25, not a whole number"),
            ("m[:, [1, 0] > 0]", "index: a mask of shape (2,) does not match axis 1 of size 3"),
            ("m[m[0] > 0]", "index: a mask of shape (3,) does not match axis 0 of size 2"),
            ("m[[0, 1], [0, 1, 2]]", "index: the index tensors' shapes (2,), (3,) do not broadcast together"),
            ("m[m > 0, 0]", "index: the subscript covers 3 axes of a tensor of rank 2"),
            ("m[true]", "a bool cannot index a tensor"),
            ("m[sum(m) > 0]", "a mask of rank 0 cannot index a tensor"),
            ("m[\"a\"]", "a tensor index must be a whole number, a slice, a tensor of positions or a mask, got string"),
            ("m[m > 2] = [1, 2]", "index assignment: shapes (3,) and (2,) do not match"),
            ("m[:, [0, 1]] = \"x\"", "cannot store a string in a tensor"),
        ]
        for (source, message) in cases {
            #expect(harness.run(source)?.message == message, "\(source)")
        }
    }
}
