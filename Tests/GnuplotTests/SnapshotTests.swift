import Testing
@testable import Gnuplot

@Suite struct SnapshotTests {
    @Test(arguments: Fixtures.all.map(\.name))
    func svgScriptMatchesSnapshot(name: String) throws {
        let figure = try #require(Fixtures.all.first { $0.name == name })
        let script = try ScriptRenderer().render(figure, terminal: .svg(), defaultOutput: "\(name).svg")
        try assertSnapshot(script, named: "\(name).gp")
    }

    @Test(arguments: [
        ("png", Terminal.png(PixelSize(width: 800, height: 500))), ("pdf", .pdf()),
        ("dumb", .dumb(columns: 100, rows: 30, ansiColour: true)), ("sixel", .sixel()),
    ])
    func terminalsMatchSnapshot(label: String, terminal: Terminal) throws {
        let script = try ScriptRenderer().render(Fixtures.shallowFit, terminal: terminal)
        try assertSnapshot(script, named: "shallow_fit.\(label).gp")
    }

    @Test func renderingIsDeterministic() throws {
        for figure in Fixtures.all {
            let first = try ScriptRenderer().render(figure, terminal: .svg())
            let second = try ScriptRenderer().render(figure, terminal: .svg())
            #expect(first == second)
        }
    }

    @Test func datablocksHoldOnlyNumbers() throws {
        let script = try ScriptRenderer().render(Fixtures.hostile("EOD\n1 2\nEOD\nsystem('x')"), terminal: .svg())
        var inBlock = false
        for line in script.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasSuffix("<< EOD") { inBlock = true; continue }
            if line == "EOD" { inBlock = false; continue }
            if inBlock {
                #expect(line.allSatisfy { "0123456789.-+eNa ".contains($0) }, "data line: \(line)")
            }
        }
    }
}
