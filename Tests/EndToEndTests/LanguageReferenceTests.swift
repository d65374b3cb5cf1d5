import Foundation
import Testing

/// Runs every example of `docs/language.md`, so the reference cannot drift from the code:
/// each ```dln block is a notebook whose stdout (without `%% title` lines) must equal the
/// ```output block after it; each ```dln-error block must fail, and its stderr must equal
/// the ```output block after it. Examples run as `example.dln` in a fresh folder.
@Suite("docs/language.md")
struct LanguageReferenceTests {
    struct Example: CustomTestStringConvertible, Sendable {
        let line: Int
        let code: String
        let expected: String
        let isError: Bool
        var testDescription: String { "example at docs/language.md:\(line)" }
    }

    static let document = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/language.md")

    /// The fenced blocks of the reference, paired with the output block that follows each.
    static var examples: [Example] {
        guard let text = try? String(contentsOf: document, encoding: .utf8) else { return [] }
        var blocks: [(line: Int, info: String, body: String)] = []
        var current: (line: Int, info: String, body: [String])?
        for (number, line) in text.components(separatedBy: "\n").enumerated() {
            if line.hasPrefix("```") {
                if let open = current {
                    blocks.append((open.line, open.info, open.body.joined(separator: "\n")))
                    current = nil
                } else {
                    current = (number + 1, String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces), [])
                }
            } else {
                current?.body.append(line)
            }
        }
        var examples: [Example] = []
        for (index, block) in blocks.enumerated() where block.info == "dln" || block.info == "dln-error" {
            let next = blocks.indices.contains(index + 1) ? blocks[index + 1] : nil
            examples.append(Example(line: block.line, code: block.body,
                                    expected: next?.info == "output" ? next!.body : "<no output block>",
                                    isError: block.info == "dln-error"))
        }
        return examples
    }

    @Test func theReferenceHasExamples() {
        #expect(Self.examples.count >= 40)
    }

    @Test(arguments: examples)
    func example(_ example: Example) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dln-doc-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try (example.code + "\n").write(to: folder.appendingPathComponent("example.dln"), atomically: true, encoding: .utf8)
        let result = try DLNProcess.run(["run", "example.dln"], directory: folder, timeout: 30)
        if example.isError {
            #expect(result.status != 0, "docs/language.md:\(example.line) should fail")
            #expect(result.stderr.trimmingCharacters(in: .newlines) == example.expected,
                    "stderr of docs/language.md:\(example.line)")
        } else {
            let shown = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.hasPrefix("%% ") }.joined(separator: "\n")
            #expect(result.status == 0, "docs/language.md:\(example.line) failed:\n\(result.stderr)")
            #expect(shown.trimmingCharacters(in: .newlines) == example.expected,
                    "stdout of docs/language.md:\(example.line)")
        }
    }
}
