import Foundation
import Testing
@testable import NotebookBatch

@Suite("Manifests")
struct ManifestTests {
    let manifest = Manifest(
        notebook: "lesson.dln",
        fingerprint: Fingerprint(source: "aa", inputs: ["data/x.csv": "bb"], settings: ["n=2"], version: "1.0"),
        outputs: ["line.svg": "cc", "line.gp": "dd"])

    @Test func roundTrips() throws {
        let folder = try TemporaryFolder()
        try manifest.write(to: folder.url)
        #expect(Manifest.read(from: folder.url) == manifest)
    }

    @Test func encodesTheSameBytesEveryTime() throws {
        #expect(try manifest.encoded() == manifest.encoded())
        let text = String(decoding: try manifest.encoded(), as: UTF8.self)
        #expect(text.contains("\"data/x.csv\""))
        #expect(!text.contains("date"))
    }

    @Test func unreadableManifestIsNil() throws {
        let folder = try TemporaryFolder()
        #expect(Manifest.read(from: folder.url) == nil)
        try folder.write("{ not json", to: Manifest.fileName)
        #expect(Manifest.read(from: folder.url) == nil)
    }

    @Test func hashesOutputsAndFindsDamage() throws {
        let folder = try TemporaryFolder()
        try folder.write("<svg/>", to: "line.svg")
        try folder.write("plot", to: "sub/line.gp")
        try folder.write("{}", to: Manifest.fileName)
        let outputs = Manifest.hashOutputs(in: folder.url)
        #expect(outputs.keys.sorted() == ["line.svg", "sub/line.gp"])
        let written = Manifest(notebook: "n.dln", fingerprint: manifest.fingerprint, outputs: outputs)
        #expect(written.damagedOutputs(in: folder.url).isEmpty)
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("line.svg"))
        #expect(written.damagedOutputs(in: folder.url) == ["line.svg"])
    }
}
