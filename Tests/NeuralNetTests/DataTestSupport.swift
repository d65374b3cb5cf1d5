import Foundation
import NeuralNet

/// Paths and scratch files for the data tests.
enum DataTestSupport {
    /// The package root, found from this file's path (Tests/NeuralNetTests/…).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `shared/data` beside the repository, where CI and the team keep reference data.
    static let sharedData: URL = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data")

    /// A fresh temporary directory for one test.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dln-data-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `text` to `name` in `directory` and returns its path.
    static func write(_ text: String, named name: String, in directory: URL) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Writes bytes to `name` in `directory` and returns its path.
    static func write(_ bytes: [UInt8], named name: String, in directory: URL) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// Runs a program and returns its exit status, or nil when it cannot start.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) -> Int32? {
        guard FileManager.default.isExecutableFile(atPath: executable) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Whether `python3` with NumPy is available.
    static let hasNumPy: Bool = run("/usr/bin/env", ["python3", "-c", "import numpy"]) == 0

    /// The `DataError` a body throws, or nil when it succeeds or throws something else.
    static func failure<T>(_ body: () throws -> T) -> DataError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error as? DataError
        }
    }
}
