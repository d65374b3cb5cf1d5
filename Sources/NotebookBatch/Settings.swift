import Foundation

/// Which `--set` overrides go to which notebook. `name=value` goes to every
/// notebook whose `parameters` cell binds `name`; `notebook:name=value` only
/// to that notebook. (`dln run` rejects a `--set` for a name that is not a
/// parameter, so an override cannot simply go to every notebook.)
public enum Settings {
    /// The overrides of `settings` that apply to the notebook `name` with `source`, in order,
    /// each as `name=value` (the notebook prefix removed).
    static func applying(_ settings: [String], toNotebook name: String, source: String) -> [String] {
        let parameters = parameterNames(in: source)
        return settings.compactMap { setting in
            let (target, override) = split(setting)
            if let target { return target == name ? override : nil }
            return parameters.contains(parameterName(of: override)) ? override : nil
        }
    }

    /// The names bound at the start of a line (`name = …`) in the cell titled `parameters`.
    public static func parameterNames(in source: String) -> Set<String> {
        var names: Set<String> = []
        var inParameters = false
        for line in source.split(whereSeparator: \.isNewline) {
            if line.hasPrefix("%%") {
                inParameters = line.dropFirst(2).trimmingCharacters(in: .whitespaces) == "parameters"
                continue
            }
            guard inParameters, let equal = line.firstIndex(of: "=") else { continue }
            let name = line[..<equal].trimmingCharacters(in: .whitespaces)
            let rest = line[line.index(after: equal)...]
            if isIdentifier(name) && !rest.hasPrefix("=") && line.first.map(isIdentifierStart) == true { names.insert(name) }
        }
        return names
    }

    /// Splits `notebook:name=value` into its notebook and `name=value`.
    static func split(_ setting: String) -> (notebook: String?, override: String) {
        let name = parameterName(of: setting)
        guard let colon = name.firstIndex(of: ":") else { return (nil, setting) }
        return (String(name[..<colon]), String(setting[setting.index(after: colon)...]))
    }

    /// The part before the first `=`, trimmed.
    static func parameterName(of setting: String) -> String {
        String(setting.prefix { $0 != "=" }).trimmingCharacters(in: .whitespaces)
    }

    private static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.first, isIdentifierStart(first) else { return false }
        return text.allSatisfy { $0 == "_" || $0.isLetter || $0.isNumber }
    }

    private static func isIdentifierStart(_ character: Character) -> Bool {
        character == "_" || character.isLetter
    }
}
