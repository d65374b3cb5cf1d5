import Foundation

/// Paths as a page links to them: relative to the page's folder, so that a report
/// and its figures can move together.
enum RelativePath {
    /// `target` relative to `folder` (both made absolute against the working directory),
    /// percent-encoded for an `href`.
    static func link(to target: String, from folder: URL) -> String {
        let targetParts = URL(fileURLWithPath: target).standardizedFileURL.pathComponents
        let folderParts = folder.standardizedFileURL.pathComponents
        var common = 0
        while common < min(targetParts.count, folderParts.count), targetParts[common] == folderParts[common] { common += 1 }
        let parts = Array(repeating: "..", count: folderParts.count - common) + targetParts[common...]
        return parts.map(encoded).joined(separator: "/")
    }

    private static func encoded(_ component: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return component.addingPercentEncoding(withAllowedCharacters: allowed) ?? component
    }
}
