import Foundation
import Language
import Library
import Testing
@testable import Kernel

@Suite("Completion, inspection and is_complete")
struct CodeQueriesTests {
    static func queries(binding code: String = "") throws -> CodeQueries {
        let session = NotebookSession(sink: BufferSink())
        if !code.isEmpty { try session.evaluator.run(Parser.parse(code).program) }
        return CodeQueries(session: session)
    }

    @Test func isCompleteFollowsTheParser() throws {
        let queries = try Self.queries()
        #expect(queries.isComplete("x = 1")["status"] as? String == "complete")
        #expect(queries.isComplete("x = (1 +")["status"] as? String == "incomplete")
        #expect(queries.isComplete("x = = 1")["status"] as? String == "invalid")
        let block = queries.isComplete("if true {")
        #expect(block["status"] as? String == "incomplete")
        #expect(block["indent"] as? String == "    ")
    }

    @Test func cursorPositionsCountUnicodeCodePoints() throws {
        // "φ" is one code point of two UTF-8 bytes; "𝛉" one code point of two UTF-16 units.
        let queries = try Self.queries(binding: "phase = 2")
        let code = "s = \"𝛉𝛉\" + pha"
        let reply = queries.complete(code, cursor: code.unicodeScalars.count)
        #expect(reply["matches"] as? [String] == ["phase"])
        #expect(reply["cursor_start"] as? Int == 11)
        #expect(reply["cursor_end"] as? Int == 14)
        // A cursor in the middle: the word up to it is completed.
        let middle = queries.complete("φ = ph + 1", cursor: 6)
        #expect(middle["matches"] as? [String] == ["phase"])
        #expect(middle["cursor_start"] as? Int == 4)
        #expect(middle["cursor_end"] as? Int == 6)
    }

    @Test func cursorsOutsideTheCodeAreClamped() throws {
        let queries = try Self.queries()
        #expect(queries.complete("pri", cursor: 99)["cursor_end"] as? Int == 3)
        #expect(queries.complete("pri", cursor: -5)["cursor_start"] as? Int == 0)
        #expect(queries.inspect("", cursor: 3)["found"] as? Bool == false)
    }

    @Test func inspectShowsHelpOrTheValue() throws {
        let queries = try Self.queries(binding: "weights = [1, 2, 3]")
        let help = queries.inspect("print(1)", cursor: 2)
        #expect(help["found"] as? Bool == true)
        #expect(((help["data"] as? [String: Any])?["text/plain"] as? String)?.contains("print(") == true)
        let value = queries.inspect("weights", cursor: 7)
        let text = (value["data"] as? [String: Any])?["text/plain"] as? String ?? ""
        #expect(text.hasPrefix("weights: tensor"), "\(text)")
        #expect(queries.inspect("nothing_here", cursor: 3)["found"] as? Bool == false)
    }
}
