import Gnuplot
import Language

/// Named styles notebooks may use: colours, dashes, markers, legend places, aspects.
extension FigureScope {
    /// Palette colour names, in palette order (Okabe–Ito).
    static let colourNames = ["blue", "vermillion", "green", "orange", "purple", "sky", "black", "yellow"]

    /// Colours outside the palette, and other spellings of palette colours.
    static let extraColours: [(name: String, colour: SeriesColour)] = [
        ("white", .rgb(Colour(hex: 0xFFFFFF))),
        ("grey", .rgb(Colour(hex: 0x999999))), ("gray", .rgb(Colour(hex: 0x999999))),
        ("dark grey", .rgb(Colour(hex: 0x404040))), ("dark gray", .rgb(Colour(hex: 0x404040))),
        ("light grey", .rgb(Colour(hex: 0xDDDDDD))), ("light gray", .rgb(Colour(hex: 0xDDDDDD))),
        ("red", .palette(1)), ("sky blue", .palette(5)), ("bluish green", .palette(2)),
        ("reddish purple", .palette(4)), ("vermilion", .palette(1)),
    ]

    /// `colour: "vermillion"`, `colour: "white"`, `colour: "#D55E00"` or `colour: 2` (a palette position).
    func colour(_ placed: PlacedValue, of owner: String) throws -> SeriesColour {
        if let index = placed.value.integer, (0..<64).contains(index) { return .palette(index) }
        if let text = placed.value.string {
            let name = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "_" }).joined(separator: " ")
            if let index = Self.colourNames.firstIndex(of: name) { return .palette(index) }
            if let extra = Self.extraColours.first(where: { $0.name == name }) { return extra.colour }
            if name.hasPrefix("#"), name.count == 7, name.dropFirst().allSatisfy(\.isHexDigit),
               let hex = UInt32(name.dropFirst(), radix: 16) {
                return .rgb(Colour(hex: hex))
            }
        }
        let names = (Self.colourNames + ["white", "grey", "light grey", "dark grey"]).joined(separator: ", ")
        let guess = placed.value.string.flatMap {
            Suggestions.didYouMean($0.lowercased(), among: Self.colourNames + Self.extraColours.map(\.name))
        }
        throw error(.type, "\(owner): unknown colour \(describe(placed.value))", at: placed.range,
                    hint: (guess.map { "\($0); " } ?? "") + "use one of \(names), a palette position 0–7, or \"#RRGGBB\"")
    }

    /// `dash: "dashed"`.
    func dash(_ placed: PlacedValue, of owner: String) throws -> Dash {
        let choices: [(String, Dash)] = [("solid", .solid), ("dashed", .dashed), ("dotted", .dotted), ("dashdot", .dashDot)]
        return try choose(placed, "dash", of: owner, among: choices)
    }

    /// `marker: "triangle"`.
    func marker(_ placed: PlacedValue, of owner: String) throws -> Marker {
        let choices: [(String, Marker)] = [("circle", .circle), ("triangle", .triangle), ("square", .square),
                                           ("diamond", .diamond), ("down", .invertedTriangle),
                                           ("pentagon", .pentagon), ("cross", .cross), ("plus", .plus)]
        return try choose(placed, "marker", of: owner, among: choices)
    }

    /// `legend: "top left"`, `"none"` or `false`.
    func legend(_ placed: PlacedValue, of owner: String) throws -> LegendPlacement {
        if placed.value.bool == false { return .hidden }
        if placed.value.bool == true { return .automatic }
        let choices: [(String, LegendPlacement)] = [
            ("auto", .automatic), ("none", .hidden), ("top left", .topLeft), ("top right", .topRight),
            ("bottom left", .bottomLeft), ("bottom right", .bottomRight), ("outside", .outsideRight), ("below", .below),
        ]
        return try choose(placed, "legend", of: owner, among: choices)
    }

    /// `aspect: "square"`, `"equal"` or a height/width ratio.
    func aspect(_ placed: PlacedValue, of owner: String) throws -> AspectRatio {
        if placed.value.asNumber != nil { return .ratio(try positiveNumber(placed, "aspect", of: owner)) }
        let choices: [(String, AspectRatio)] = [("auto", .automatic), ("square", .square), ("equal", .equalUnits)]
        return try choose(placed, "aspect", of: owner, among: choices)
    }

    /// `colormap: "diverging"`.
    func colourMap(_ placed: PlacedValue, of owner: String) throws -> ColourMap {
        try choose(placed, "colormap", of: owner, among: [("viridis", .viridis), ("diverging", .diverging), ("classes", .twoClasses)])
    }

    /// `format: "png"`.
    func imageFormat(_ placed: PlacedValue, of owner: String) throws -> OutputSettings.ImageFormat {
        try choose(placed, "format", of: owner, among: OutputSettings.ImageFormat.allCases.map { ($0.rawValue, $0) })
    }

    /// One of several named choices, matched without regard to case, spaces, `-` and `_`.
    func choose<T>(_ placed: PlacedValue, _ option: String, of owner: String, among choices: [(String, T)]) throws -> T {
        func normalised(_ text: String) -> String {
            text.lowercased().filter { $0 != " " && $0 != "-" && $0 != "_" }
        }
        if let text = placed.value.string, let match = choices.first(where: { normalised($0.0) == normalised(text) }) {
            return match.1
        }
        let names = choices.map { "\"\($0.0)\"" }.joined(separator: ", ")
        let guess = placed.value.string.flatMap { Suggestions.didYouMean($0, among: choices.map(\.0)) }
        throw error(.type, "\(owner): '\(option):' cannot be \(describe(placed.value))", at: placed.range,
                    hint: (guess.map { "\($0); " } ?? "") + "use one of \(names)")
    }

    /// A short description of a value for messages.
    private func describe(_ value: Value) -> String {
        if let text = value.string { return "\"\(text)\"" }
        if let number = value.number { return Self.describe(number) }
        return "a \(value.typeName)"
    }
}
