/// A file or folder that could not be written, with the system's reason.
public struct FileWriteError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What could not be done.
    public enum Step: String, Sendable {
        case write = "could not be written"
        case putInPlace = "could not be put in place"
        case createFolder = "could not be created"
        /// The destination is not a regular file (a device, a pipe, a folder, a link).
        case refused = "will not be replaced"
    }

    /// The file or folder concerned: the destination, never a temporary file.
    public let path: String
    public let step: Step
    /// The system call and the system's reason ("open: Read-only file
    /// system"), or why the path cannot be used.
    public let reason: String

    public init(path: String, step: Step, reason: String) {
        self.path = path
        self.step = step
        self.reason = reason
    }

    /// "could not be written: open: Read-only file system".
    public var message: String { "\(step.rawValue): \(reason)" }

    public var description: String { "\(path): \(message)" }
}
