import Foundation
import Language
import Testing
@testable import NotebookConversion

/// Seeded random notebooks and random damage to converted ones: every round trip is the
/// identity, and every damaged notebook converts or is diagnosed (a trap would end the test run).
@Suite("Notebook conversion on random input")
struct RandomConversionTests {
    /// SplitMix64: the same sequence for a seed on every machine, so a failure repeats.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let lines = ["%% a", "%% md", "%%", "%% parameters", "%% [markdown] notes", "%% md Title", "x = 1", "", "# comment",
                        "  %% indented", "print(\"%% not a cell\")", "φ ≈ 1 # ü", "\t", "%%   spaced  ", "y = [1,\r", "%%x"]
    static let endings = ["\n", "\n", "\n", "\r\n", "\r"]

    @Test(arguments: 0..<200)
    func randomNotebooksComeBackByteForByte(seed: Int) throws {
        var random = Seeded(state: UInt64(seed))
        var text = ""
        for _ in 0..<Int.random(in: 0...12, using: &random) {
            text += (Self.lines.randomElement(using: &random) ?? "") + (Self.endings.randomElement(using: &random) ?? "\n")
        }
        if Bool.random(using: &random) { text += Self.lines.randomElement(using: &random) ?? "" }
        let ipynb = DLNToIpynb.convert(Notebook(source: SourceFile(name: "r.dln", text: text)))
        let back = try IpynbToDLN.convert(ipynb, name: "r.ipynb").text
        #expect(back == text, "seed \(seed): \(text.debugDescription) came back as \(back.debugDescription)")
    }

    @Test(arguments: 0..<300)
    func damagedNotebooksConvertOrAreDiagnosed(seed: Int) throws {
        var random = Seeded(state: UInt64(seed) &+ 1_000_000)
        let path = ConversionTests.notebooksFolder.appendingPathComponent("examples/xor.dln").path
        let notebook = Notebook(source: SourceFile(name: "xor.dln", text: try String(contentsOfFile: path, encoding: .utf8)))
        var bytes = [UInt8](DLNToIpynb.convert(notebook))
        for _ in 0..<Int.random(in: 1...8, using: &random) {
            let index = Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0..<4, using: &random) {
            case 0: bytes[index] = UInt8.random(in: 0...255, using: &random)
            case 1: bytes.remove(at: index)
            case 2: bytes.insert(Array("{}[]\",:0n".utf8).randomElement(using: &random) ?? 0, at: index)
            default: bytes.removeSubrange(index..<min(bytes.count, index + Int.random(in: 1...40, using: &random)))
            }
            if bytes.isEmpty { bytes = [0x7B] }
        }
        do {
            let result = try IpynbToDLN.convert(Data(bytes), name: "damaged.ipynb")
            _ = Notebook(source: SourceFile(name: "damaged.dln", text: result.text))
        } catch let error as DiagnosticError {
            #expect(error.description.contains("damaged.ipynb"))
        }
    }
}
