import Foundation
import Testing

/// `--precision 64` and a notebook's settings cell, through the built `dln`.
@Suite("Precision") struct PrecisionTests {
    private static func notebook(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dln-precision-\(UUID().uuidString).dln")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func theFlagAndTheSettingsCellChooseFloat64() throws {
        let plain = try Self.notebook("print(log(2 * [3.141592653589793])[0], [1].dtype)\n")
        defer { try? FileManager.default.removeItem(at: plain) }
        let single = try DLNProcess.run(["run", "--quiet", plain.path])
        #expect(single.stdout == "1.837877 float32\n")
        let double = try DLNProcess.run(["run", "--quiet", "--precision", "64", plain.path])
        #expect(double.stdout == "1.8378770664093453 float64\n")

        let settled = try Self.notebook("%% settings\nprecision = 64\n%% use\nprint([1].dtype)\n")
        defer { try? FileManager.default.removeItem(at: settled) }
        #expect(try DLNProcess.run(["run", "--quiet", settled.path]).stdout == "float64\n")
        #expect(try DLNProcess.run(["run", "--quiet", "--precision", "32", settled.path]).stdout == "float32\n")
    }

    @Test func badPrecisionsAreUsageErrors() throws {
        let bad = try Self.notebook("%% settings\nprecision = 16\n")
        defer { try? FileManager.default.removeItem(at: bad) }
        let result = try DLNProcess.run(["run", bad.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("'precision' in the settings cell must be 32 or 64"))
        #expect(try DLNProcess.run(["run", "--precision", "128", bad.path]).status != 0)
    }

    @Test func theReportRecordsThePrecision() throws {
        let plain = try Self.notebook("x = 1\n")
        let report = plain.deletingPathExtension().appendingPathExtension("json")
        defer { try? FileManager.default.removeItem(at: plain); try? FileManager.default.removeItem(at: report) }
        _ = try DLNProcess.run(["run", "--precision", "64", "--report", report.path, plain.path])
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any]
        #expect(object?["precision"] as? Int == 64)
    }
}
