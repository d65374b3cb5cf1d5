import FileWriting
import Foundation

/// Reading and writing whole files, with failures turned into `DataError`s.
enum FileAccess {
    /// The largest file a loader reads into memory (4 GiB).
    static let maximumFileSize = 1 << 32

    /// The bytes of a file.
    static func bytes(of path: String) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DataError.unreadable(file: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw DataError.unreadable(file: path, reason: "it is a directory") }
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber,
           size.intValue > maximumFileSize {
            throw DataError.unreadable(file: path, reason: "it is larger than \(maximumFileSize) bytes")
        }
        do {
            return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw DataError.unreadable(file: path, reason: error.localizedDescription)
        }
    }

    /// Writes bytes to a temporary file next to `path`, then renames it over
    /// `path`, so that readers never see a partly written file.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        do {
            try AtomicFile.write(Data(bytes), to: URL(fileURLWithPath: path))
        } catch let error as FileWriteError {
            throw DataError.unwritable(file: path, reason: error.reason)
        }
    }
}
