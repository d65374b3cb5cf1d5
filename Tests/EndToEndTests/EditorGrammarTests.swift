import Foundation
import Testing

/// The editor files under `editors/` colour every notebook as dln's own lexer reads it:
/// for each byte of each token, comment, `%%` line and Markdown body that
/// `dln fmt --lexical-classes` reports, the real Vim (headless, `synID`) and a real
/// TextMate engine (textmate-grammar-python, vscode-textmate's algorithm on Oniguruma,
/// in a venv under `.build/editor-venv`) name a group or scope of the same class.
/// Identifiers must get no class of their own, punctuation at most an operator's.
@Suite("Editor grammars")
struct EditorGrammarTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The course notebooks, the examples, and tricky spellings of each token class.
    static var notebooks: [URL] {
        let folders = ["notebooks", "notebooks/examples"].map { root.appendingPathComponent($0) }
        let files = folders.flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? [])
                .filter { $0.pathExtension == "dln" }
        }
        return files.sorted { $0.path < $1.path }
    }

    static let tricky = """
    # a header comment
    %%   code: "quotes" and # hashes in a title
    x1.5 = a.0 + 1e-5 * 2E+3 - 1e + 3.e2 ..< 1...2 ..3   # 1..<5 in a comment
    s = "esc \\" # not a comment \\\\" + f"loss {l:.3f} {{braces}}" + ff"x" + if"y"
    size = 640x400 + 12x3y + 2x
    iffy = fn_ + not_a or not b and true_ == none != false ~= c'
    fn f(x) -> x ^ 2 @ y % 3 <= 4 >= 5 < 6 > 7
    expect f(1) == 1 within 1e-9
    %% MD
    # prose, not a comment: "not a string" if 640x400
    %% mdx
    for i in 0..<3 { if i > 1 { break } else { continue } }
    %% [markdown] notes
    while true { return }
    %%
    y = "unterminated
    """

    @Test func vimSyntaxAgreesWithTheLexer() throws {
        let vim = try #require(Tool.find("vim"), "vim is not installed (scripts/test installs it)")
        for notebook in try Self.notebooks + [Self.write(Self.tricky)] {
            let dump = FileManager.default.temporaryDirectory.appendingPathComponent("dln-vim-\(UUID()).txt")
            defer { try? FileManager.default.removeItem(at: dump) }
            let run = try Tool.run(vim, ["-N", "-u", "NONE", "-i", "NONE", "-n", "-es",
                                         "--cmd", "set rtp^=\(Self.root.path)/editors/vim", "-c", "syntax on", "-c", "filetype on",
                                         "-c", "edit \(notebook.path)", "-c", "source \(Self.root.path)/editors/tests/vim_syntax.vim"],
                                   environment: ["DLN_SYNTAX_DUMP": dump.path])
            try #require(run.status == 0, "vim: \(run.output)")
            let names = try String(contentsOf: dump, encoding: .utf8)
            try compare(notebook, names, classOf: Self.vimClass)
        }
    }

    @Test func textMateGrammarAgreesWithTheLexer() throws {
        let python = try #require(EditorEnvironment.python, "python3 -m venv is unavailable")
        for notebook in try Self.notebooks + [Self.write(Self.tricky)] {
            let run = try Tool.run(python, [Self.root.appendingPathComponent("editors/tests/textmate_scopes.py").path,
                                            Self.root.appendingPathComponent("editors/vscode/syntaxes/dln.tmLanguage.json").path,
                                            notebook.path], separateErrors: true)
            try #require(run.status == 0, "textmate engine: \(run.output)")
            try compare(notebook, run.output, classOf: Self.textMateClass)
        }
    }

    static func vimClass(_ group: String) -> String {
        switch group {
        case "dlnKeyword", "dlnConstant", "dlnOperatorWord": return "keyword"
        case "dlnNumber", "dlnSize": return "number"
        case "dlnString", "dlnEscape": return "string"
        case "dlnComment": return "comment"
        case "dlnCellMarker": return "cell-marker"
        case "dlnMarkdown": return "markdown"
        case "dlnOperator": return "punctuation"
        case "-": return "none"
        default: return "unknown group \(group)"
        }
    }

    static func textMateClass(_ scope: String) -> String {
        switch scope {
        case "keyword.control.dln", "keyword.other.expect.dln", "constant.language.dln", "keyword.operator.word.dln": return "keyword"
        case "constant.numeric.dln", "constant.numeric.size.dln": return "number"
        case "string.quoted.double.dln", "string.quoted.double.format.dln", "constant.character.escape.dln": return "string"
        case "comment.line.number-sign.dln": return "comment"
        case "markup.heading.cell.dln": return "cell-marker"
        case "meta.embedded.block.markdown.dln": return "markdown"
        case "keyword.operator.symbol.dln", "punctuation.separator.dln": return "punctuation"
        case "-": return "none"
        default: return "unknown scope \(scope)"
        }
    }

    /// Every byte the lexer classifies against the editor's class there; bytes between
    /// tokens (blanks) must have none.
    private func compare(_ notebook: URL, _ dump: String, classOf: (String) -> String) throws {
        let listing = try DLNProcess.run(["fmt", "--lexical-classes", notebook.path])
        try #require(listing.status == 0, "dln fmt --lexical-classes: \(listing.stderr)")
        let editor = dump.split(separator: "\n", omittingEmptySubsequences: false).map { $0.split(separator: " ").map(String.init) }
        let lines = try String(contentsOf: notebook, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        var expected = lines.map { Array(repeating: "none", count: $0.utf8.count) }
        for entry in listing.stdout.split(separator: "\n") {
            let fields = entry.split(separator: " ")
            guard fields.count == 5, let line = Int(fields[0]), let column = Int(fields[1]),
                  let endLine = Int(fields[2]), let endColumn = Int(fields[3]) else {
                Issue.record("unreadable line '\(entry)'")
                return
            }
            for row in line...endLine where row <= expected.count {
                let from = row == line ? column - 1 : 0
                let to = row == endLine ? endColumn - 1 : expected[row - 1].count
                for index in from..<max(from, min(to, expected[row - 1].count)) { expected[row - 1][index] = String(fields[4]) }
            }
        }
        var mismatches: [String] = []
        for (row, classes) in expected.enumerated() {
            for (index, lexer) in classes.enumerated() {
                let name = row < editor.count && index < editor[row].count ? editor[row][index] : "missing"
                let seen = classOf(name)
                let agrees = seen == lexer || (lexer == "identifier" && seen == "none")
                    || (lexer == "punctuation" && seen == "none")
                if !agrees, mismatches.count < 20 {
                    mismatches.append("\(notebook.lastPathComponent):\(row + 1):\(index + 1) lexer \(lexer), editor \(name) in '\(lines[row].prefix(80))'")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
    }

    private static func write(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dln-tricky-\(UUID()).dln")
        try (text + "\n").write(to: url, atomically: true, encoding: .utf8)
        return url
    }
}

/// The venv with textmate-grammar-python, made on first use.
enum EditorEnvironment {
    static let python: URL? = {
        let folder = EditorGrammarTests.root.appendingPathComponent(".build/editor-venv")
        let python = folder.appendingPathComponent("bin/python")
        if (try? Tool.run(python, ["-c", "import textmate_grammar"]))?.status == 0 { return python }
        guard let made = try? Tool.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-m", "venv", "--clear", folder.path]),
              made.status == 0 else { return nil }
        _ = try? Tool.run(python, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "textmate-grammar-python==0.6.1"])
        return python
    }()
}

/// Runs other programs than dln.
enum Tool {
    struct Result {
        let status: Int32
        let output: String
    }

    static func find(_ name: String) -> URL? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Runs `executable`; the output is stdout and stderr together unless `separateErrors`.
    static func run(_ executable: URL, _ arguments: [String], environment: [String: String] = [:],
                    separateErrors: Bool = false) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = separateErrors ? FileHandle.nullDevice : pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }
}
