import Foundation

/// Puts a finished run's folder in place of a notebook's figures in one step,
/// so that readers see the old figures or the new ones, never a mixture, and
/// a failed replacement leaves the old ones.
public enum OutputReplacement {
    /// Replaces `output` (which may not exist yet) with `staging`.
    public static func replace(_ output: URL, with staging: URL) throws {
        let manager = FileManager.default
        guard manager.fileExists(atPath: output.path) else {
            try manager.moveItem(at: staging, to: output)
            return
        }
        // Linux's renameat2(RENAME_EXCHANGE) swaps the two folders atomically.
        if exchange(staging.path, output.path) {
            try? manager.removeItem(at: staging)
            return
        }
        let random = String(UInt64.random(in: .min ... .max), radix: 16)
        let previous = output.deletingLastPathComponent()
            .appendingPathComponent(".\(output.lastPathComponent).dln-old-\(ProcessInfo.processInfo.processIdentifier)-\(random)")
        try manager.moveItem(at: output, to: previous)
        do {
            try manager.moveItem(at: staging, to: output)
        } catch {
            try? manager.moveItem(at: previous, to: output)
            throw error
        }
        try? manager.removeItem(at: previous)
    }

    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// Swaps two paths with renameat2 when the C library has it.
    private static func exchange(_ first: String, _ second: String) -> Bool {
        #if os(Linux)
        guard let symbol = dlsym(nil, "renameat2") else { return false }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let currentDirectory: Int32 = -100  // AT_FDCWD
        let renameExchange: UInt32 = 2      // RENAME_EXCHANGE
        return renameat2(currentDirectory, first, currentDirectory, second, renameExchange) == 0
        #else
        return false
        #endif
    }
}
