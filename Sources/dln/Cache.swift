import ArgumentParser
import CellCache
import Foundation
import StandardStreams

/// `dln cache clean [PATH…]`: empties cell caches.
struct Cache: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage the cell cache of dln run (docs/caching.md).",
        subcommands: [Clean.self])

    struct Clean: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Empty cell caches: each PATH is a cache folder, or a notebook whose .dln-cache is emptied.",
            discussion: "Only folders dln made (marked by its CACHEDIR.TAG) are touched. Exit status: 0, or 2 when a path is not a dln cache.")

        @ArgumentParser.Argument(help: ArgumentHelp("Cache folders or notebooks (default: ./.dln-cache).", valueName: "path"))
        var paths: [String] = []

        func run() throws {
            var status: Int32 = 0
            for path in paths.isEmpty ? [".dln-cache"] : paths {
                let folder = Clean.cacheFolder(for: path)
                guard FileManager.default.fileExists(atPath: folder.path) else {
                    print("\(folder.relativePath): no cache")
                    continue
                }
                do {
                    let removed = try CacheFolder.open(folder).clean()
                    print("\(folder.relativePath): removed \(removed) cell\(removed == 1 ? "" : "s")")
                } catch {
                    StandardStream.write("error: \(error)\n", to: STDERR_FILENO)
                    status = 2
                }
            }
            if status != 0 { throw ExitCode(status) }
        }

        /// A notebook's cache is beside it; any other path is the cache folder itself.
        static func cacheFolder(for path: String) -> URL {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            if exists && !isDirectory.boolValue && path.hasSuffix(".dln") {
                return URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(".dln-cache")
            }
            return URL(fileURLWithPath: path)
        }
    }
}
