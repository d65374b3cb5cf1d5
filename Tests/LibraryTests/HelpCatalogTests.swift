import Foundation
import Language
import Testing
@testable import Library

/// `:help` in the REPL and `docs/language.md` describe the same names.
@Suite("Help catalog")
struct HelpCatalogTests {
    static let reference: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return (try? String(contentsOf: root.appendingPathComponent("docs/language.md"), encoding: .utf8)) ?? ""
    }()

    @Test func everyHelpEntryIsInTheLanguageReference() {
        #expect(!Self.reference.isEmpty)
        for entry in HelpCatalog.entries {
            #expect(Self.reference.contains("`\(entry.name)") || Self.reference.contains("\(entry.name)("),
                    "docs/language.md does not mention '\(entry.name)'")
        }
    }

    @Test func everyBuiltinHasHelp() {
        let evaluator = Evaluator(host: NotebookHost<Float>())
        let builtins = evaluator.globals.visibleNames.filter { name in
            if case .builtin = evaluator.globals.lookup(name) { return true }
            return false
        }
        let missing = builtins.filter { HelpCatalog.entry($0) == nil }.sorted()
        #expect(missing.isEmpty, "no :help entry for \(missing)")
    }
}
