import Foundation
import Language
import Testing
@testable import NotebookConversion

@Suite("Notebook conversion")
struct ConversionTests {
    static let notebooksFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("notebooks")

    /// Every course notebook and example.
    static let courseNotebooks: [String] = {
        let manager = FileManager.default
        let enumerator = manager.enumerator(atPath: notebooksFolder.path)
        var paths: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if path.hasSuffix(".dln") { paths.append(path) }
        }
        return paths.sorted()
    }()

    static func roundTrip(_ text: String, name: String = "n.dln") throws -> String {
        let ipynb = DLNToIpynb.convert(Notebook(source: SourceFile(name: name, text: text)))
        return try IpynbToDLN.convert(ipynb, name: "n.ipynb").text
    }

    @Test func thereAreCourseNotebooks() {
        #expect(Self.courseNotebooks.count >= 12)
    }

    @Test(arguments: courseNotebooks)
    func courseNotebooksComeBackByteForByte(path: String) throws {
        let text = try String(contentsOf: Self.notebooksFolder.appendingPathComponent(path), encoding: .utf8)
        #expect(try Self.roundTrip(text, name: path) == text)
    }

    @Test(arguments: [
        "", "# only a comment\n", "x = 1", "x = 1\n%% a\ny = 2", "# c\n\n%% md\n# Title\n\n\n%% parameters\nn = 3\n",
        "%%\n%%\n", "%% [markdown] notes\ntext\n%% md Heading\nmore", "x = 1\r\n%% b\r\ny = 2\r\n", "%% a",
    ])
    func edgeCasesComeBackByteForByte(text: String) throws {
        #expect(try Self.roundTrip(text) == text)
    }

    @Test func cellsKindsTitlesAndTheParametersTag() throws {
        let text = "%% md\n# Hello\n\n%% parameters\nn = 3\n\n%% fit\nprint(n)\n"
        let ipynb = DLNToIpynb.convert(Notebook(source: SourceFile(name: "a.dln", text: text)))
        let document = try #require(try JSONSerialization.jsonObject(with: ipynb) as? [String: Any])
        #expect(document["nbformat"] as? Int == 4)
        let kernelspec = (document["metadata"] as? [String: Any])?["kernelspec"] as? [String: Any]
        #expect(kernelspec?["name"] as? String == "dln")
        let cells = try #require(document["cells"] as? [[String: Any]])
        #expect(cells.map { $0["cell_type"] as? String } == ["markdown", "code", "code"])
        #expect(cells.map { ($0["source"] as? [String])?.joined() } == ["# Hello", "n = 3", "print(n)"])
        #expect((cells[1]["metadata"] as? [String: Any])?["tags"] as? [String] == ["parameters"])
        #expect((cells[2]["metadata"] as? [String: Any])?["tags"] == nil)
    }

    @Test func aForeignNotebookGetsMarkersForEachCell() throws {
        let json = #"""
        {"nbformat": 4, "nbformat_minor": 2, "metadata": {}, "cells": [
          {"cell_type": "markdown", "metadata": {}, "source": ["# T\n", "text"]},
          {"cell_type": "code", "metadata": {"tags": ["parameters"]}, "source": "n = 3", "outputs": []},
          {"cell_type": "code", "metadata": {"tags": ["injected-parameters"]}, "source": "n = 4\n"},
          {"cell_type": "raw", "metadata": {}, "source": "raw"},
          {"cell_type": "code", "source": ["print(n)"]}]}
        """#
        let result = try IpynbToDLN.convert(Data(json.utf8), name: "f.ipynb")
        #expect(result.text == "%% md\n# T\ntext\n\n%% parameters\nn = 3\n\n%% injected parameters\nn = 4\n\n%% md\nraw\n\n%%\nprint(n)\n")
        #expect(result.warnings.count == 1)
        // What it makes is a notebook dln reads with the same cells.
        let notebook = Notebook(source: SourceFile(name: "f.dln", text: result.text))
        #expect(notebook.cells.map(\.kind) == [.markdown, .code, .code, .markdown, .code])
    }

    @Test(arguments: [
        ("", "is not valid JSON"),
        ("[1, 2]", "not a JSON object"),
        (#"{"nbformat": 3, "worksheets": []}"#, "nbformat 3"),
        (#"{"nbformat": "4", "cells": []}"#, "nbformat '4'"),
        (#"{"nbformat": 4}"#, "no \"cells\" list"),
        (#"{"nbformat": 4, "cells": [7]}"#, "cell 1 is not a JSON object"),
        (#"{"nbformat": 4, "cells": [{"cell_type": "widget"}]}"#, "cell_type 'widget'"),
        (#"{"nbformat": 4, "cells": [{"cell_type": "code", "source": 5}]}"#, "neither text nor a list"),
        (#"{"nbformat": 4, "cells": [{"cell_type": "code", "source": ["a", null]}]}"#, "not text"),
        (#"{"nbformat": 4, "cells": [{"cell_type": "code", "source": "x = 1\n%%time\ny"}]}"#, "line 2 starts with '%%'"),
        ("{\"nbformat\": 4, \"cells\": [" + String(repeating: "[", count: 100_000), "is not valid JSON"),
    ])
    func hostileNotebooksAreDiagnosed(json: String, expected: String) {
        do {
            _ = try IpynbToDLN.convert(Data(json.utf8), name: "bad.ipynb")
            Issue.record("no diagnostic for \(json.prefix(60))")
        } catch let error as DiagnosticError {
            #expect(error.description.contains("bad.ipynb"))
            #expect(error.description.contains(expected), "\(error.description)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func aCellAddedAfterTheLastOneStartsOnItsOwnLine() throws {
        // The last cell of a .dln without a final newline keeps trailing "" — then a cell is added after it.
        let ipynb = DLNToIpynb.convert(Notebook(source: SourceFile(name: "a.dln", text: "%% a\nx = 1")))
        var document = try #require(try JSONSerialization.jsonObject(with: ipynb) as? [String: Any])
        var cells = try #require(document["cells"] as? [[String: Any]])
        cells.append(["cell_type": "code", "metadata": [:] as [String: Any], "source": ["y = 2\n"]])
        document["cells"] = cells
        let edited = try JSONSerialization.data(withJSONObject: document)
        #expect(try IpynbToDLN.convert(edited, name: "a.ipynb").text == "%% a\nx = 1\n%%\ny = 2\n")
    }

    @Test func aKeptMarkerThatNoLongerFitsItsCellIsReplaced() throws {
        // A cell changed from code to Markdown in Jupyter: its old `%% fit` line would make it code again.
        let json = #"{"nbformat": 4, "cells": [{"cell_type": "markdown", "metadata": {"dln": {"marker": "%% fit"}}, "source": "x"},"#
            + #"{"cell_type": "code", "metadata": {"dln": {"marker": "%% a\nb = 1"}}, "source": "y"}]}"#
        #expect(try IpynbToDLN.convert(Data(json.utf8), name: "e.ipynb").text == "%% md\nx\n\n%%\ny\n")
    }
}
