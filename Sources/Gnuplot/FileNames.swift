/// File names derived from figure names, which come from notebooks.
public enum FileNames {
    /// `name` made safe as a single file name inside an output folder: only
    /// `[A-Za-z0-9._-]` (anything else becomes `_`), no leading dot (so never `.`,
    /// `..` or hidden), at most 100 characters, never empty.
    public static func sanitised(_ name: String) -> String {
        var result = ""
        for scalar in name.unicodeScalars.prefix(100) {
            let allowed = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                || ("0"..."9").contains(scalar) || scalar == "." || scalar == "_" || scalar == "-"
            result.unicodeScalars.append(allowed ? scalar : "_")
        }
        if result.hasPrefix(".") { result = "_" + result.dropFirst() }
        return result.isEmpty ? "figure" : result
    }
}
