import Foundation
import Testing
@testable import Gnuplot

/// A fresh directory under the system temporary directory.
func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("dln-gnuplot-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func contents(of directory: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
}

/// Compares `actual` with the committed snapshot `name`; with `DLN_UPDATE_SNAPSHOTS=1`
/// rewrites the snapshot in the source tree instead.
func assertSnapshot(_ actual: String, named name: String, sourceFile: String = #filePath,
                    sourceLocation: SourceLocation = #_sourceLocation) throws {
    if ProcessInfo.processInfo.environment["DLN_UPDATE_SNAPSHOTS"] == "1" {
        let directory = URL(fileURLWithPath: sourceFile).deletingLastPathComponent().appendingPathComponent("Snapshots")
        try actual.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        return
    }
    guard let url = Bundle.module.url(forResource: "Snapshots/\(name)", withExtension: nil)
            ?? Bundle.module.resourceURL?.appendingPathComponent("Snapshots/\(name)"),
          let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("missing snapshot \(name); run with DLN_UPDATE_SNAPSHOTS=1 to create it", sourceLocation: sourceLocation)
        return
    }
    guard expected != actual else { return }
    let old = expected.components(separatedBy: "\n"), new = actual.components(separatedBy: "\n")
    let line = zip(old, new).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(old.count, new.count)
    let was = line < old.count ? old[line] : "<end of file>"
    let now = line < new.count ? new[line] : "<end of file>"
    Issue.record("""
        snapshot \(name) differs at line \(line + 1):
          expected: \(was)
          actual:   \(now)
        (run with DLN_UPDATE_SNAPSHOTS=1 to accept the new output)
        """, sourceLocation: sourceLocation)
}

/// Width and height from a PNG's IHDR chunk.
func pngSize(_ data: Data) -> (Int, Int)? {
    let bytes = [UInt8](data)
    guard bytes.count > 24, bytes[0] == 0x89, bytes[1] == 0x50, bytes[12...15] == [0x49, 0x48, 0x44, 0x52] else { return nil }
    func be32(_ offset: Int) -> Int { bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
    return (be32(16), be32(20))
}

/// The `width` and `height` attributes of the root `<svg>` element.
func svgSize(_ text: String) -> (Int, Int)? {
    guard let start = text.range(of: "<svg") else { return nil }
    let tag = text[start.lowerBound...].prefix { $0 != ">" }
    func attribute(_ name: String) -> Int? {
        guard let range = tag.range(of: " \(name)=\"") else { return nil }
        return Int(tag[range.upperBound...].prefix { $0.isNumber })
    }
    guard let width = attribute("width"), let height = attribute("height") else { return nil }
    return (width, height)
}

let gnuplotAvailable = FileManager.default.isExecutableFile(atPath: GnuplotProcess.Configuration.defaultExecutablePath)
