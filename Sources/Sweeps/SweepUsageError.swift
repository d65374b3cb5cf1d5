/// A problem that stops a sweep before it runs anything (exit status 2): a bad grid,
/// points file or flag, with a hint where one helps.
public struct SweepUsageError: Error, CustomStringConvertible {
    public let message: String
    public let hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    public var description: String {
        message + (hint.map { "\n  hint: \($0)" } ?? "")
    }
}
