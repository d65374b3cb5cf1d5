import Foundation
import Testing
@testable import Sweeps

@Suite("Grids and points files")
struct GridSpecificationTests {
    let parameters: Set<String> = ["lr", "depth", "seed", "name"]

    func lines(_ specification: GridSpecification, fixed: [String] = []) throws -> [String] {
        try specification.points(parameters: parameters, fixed: fixed).map(\.line)
    }

    func problem(_ specification: GridSpecification, fixed: [String] = []) -> String {
        do {
            _ = try specification.points(parameters: parameters, fixed: fixed)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func theFirstGridVariesSlowest() throws {
        let points = try lines(GridSpecification(grids: ["lr=0.1,0.01", "depth=1,2,3"]))
        #expect(points == ["lr=0.1 depth=1", "lr=0.1 depth=2", "lr=0.1 depth=3",
                           "lr=0.01 depth=1", "lr=0.01 depth=2", "lr=0.01 depth=3"])
    }

    @Test func seedsRepeatEveryPoint() throws {
        let points = try lines(GridSpecification(grids: ["depth=1,2"], seeds: 2))
        #expect(points == ["depth=1 seed=1", "depth=1 seed=2", "depth=2 seed=1", "depth=2 seed=2"])
        #expect(try lines(GridSpecification(seeds: 3)) == ["seed=1", "seed=2", "seed=3"])
    }

    @Test func readsAPointsFile() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("""
            # lr and depth together
            lr=0.1 depth=1

            lr=0.01   depth=3   # the deep one
            """, to: "points.txt")
        #expect(try lines(GridSpecification(pointsFile: file)) == ["lr=0.1 depth=1", "lr=0.01 depth=3"])
    }

    @Test func pointsFileErrorsNameTheLineAndColumn() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("lr=0.1\nlr=0.2 depth\n", to: "points.txt")
        let message = problem(GridSpecification(pointsFile: file))
        #expect(message.contains("points.txt:2:8: expected name=value, got 'depth'"))
        #expect(message.contains("hint:"))
    }

    @Test(arguments: [
        (["lr"], "--grid expects name=v1,v2,…, got 'lr'"),
        (["lr=0.1,,0.2"], "value 2 is empty"),
        (["lr=0.1,0.1"], "the value '0.1' is given twice"),
        (["lr=0.1", "lr=0.2"], "'lr' is already swept"),
        (["width=1,2"], "does not bind 'width'"),
        (["2x=1"], "'2x' is not a parameter name"),
        ([String](), "nothing to sweep"),
    ])
    func badGridsAreDiagnosed(grids: [String], expected: String) {
        let message = problem(GridSpecification(grids: grids))
        #expect(message.contains(expected), "\(message)")
    }

    @Test func aSweptParameterCannotAlsoBeFixed() {
        #expect(problem(GridSpecification(grids: ["lr=1,2"]), fixed: ["lr=3"]).contains("both swept and fixed"))
    }

    @Test func seedsClashWithASeedGrid() {
        #expect(problem(GridSpecification(grids: ["seed=1,2"], seeds: 2)).contains("both set the seed"))
    }

    @Test func unknownParametersListTheKnownOnes() {
        #expect(problem(GridSpecification(grids: ["width=1"])).contains("its parameters are: depth, lr, name, seed"))
    }
}

@Suite("Point folders")
struct PointFolderTests {
    @Test func readableWhenSafe() {
        let point = SweepPoint(settings: [.init(name: "lr", value: "0.1"), .init(name: "depth", value: "2")])
        #expect(point.folderName == "lr=0.1,depth=2")
    }

    @Test func unsafeCharactersAreReplacedAndHashed() {
        let a = SweepPoint(settings: [.init(name: "name", value: "\"a/b\"")])
        let b = SweepPoint(settings: [.init(name: "name", value: "\"a_b\"")])
        #expect(!a.folderName.contains("/"))
        #expect(a.folderName != b.folderName)
        #expect(a.folderName.hasPrefix("name=_a_b_~"))
    }
}
