import Foundation

/// An sRGB colour, written into scripts as `'#RRGGBB'`.
public struct Colour: Hashable, Sendable {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    /// Creates a colour from its components.
    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// Creates a colour from a `0xRRGGBB` literal.
    public init(hex: UInt32) {
        self.init(red: UInt8((hex >> 16) & 0xFF), green: UInt8((hex >> 8) & 0xFF), blue: UInt8(hex & 0xFF))
    }

    /// `0xRRGGBB` as a number, for gnuplot's `rgb variable` columns.
    var packed: Int { Int(red) << 16 | Int(green) << 8 | Int(blue) }

    /// This colour moved `amount` (0–1) of the way to `other`, per sRGB component.
    func mixed(with other: Colour, amount: Double) -> Colour {
        func mix(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8((Double(a) + (Double(b) - Double(a)) * amount).rounded()) }
        return Colour(red: mix(red, other.red), green: mix(green, other.green), blue: mix(blue, other.blue))
    }

    /// WCAG's relative luminance: 0 for black, 1 for white.
    var luminance: Double {
        func linear(_ component: UInt8) -> Double {
            let value = Double(component) / 255
            return value <= 0.04045 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    }

    /// White or the house ink, whichever contrasts more with this colour as a background.
    var contrastingText: Colour {
        let white = Colour(hex: 0xFFFFFF), ink = Style.ink
        let onWhite = 1.05 / (luminance + 0.05), onInk = (luminance + 0.05) / (ink.luminance + 0.05)
        return onWhite > onInk ? white : ink
    }

    /// The colour as `#rrggbb`, the only form in which a colour reaches a script.
    public var hexString: String {
        String(format: "#%02X%02X%02X", red, green, blue)
    }
}

/// How a series chooses its colour.
public enum SeriesColour: Hashable, Sendable {
    /// The next unused colour of the palette within the panel.
    case automatic
    /// A fixed entry of the palette (wrapping around).
    case palette(Int)
    /// An explicit colour.
    case rgb(Colour)
}

/// Dash patterns for lines.
public enum Dash: Hashable, Sendable {
    case solid, dashed, dotted, dashDot

    var gnuplot: String {
        switch self {
        case .solid: return "dt solid"
        case .dashed: return "dt (8,4)"
        case .dotted: return "dt (2,3)"
        case .dashDot: return "dt (8,3,2,3)"
        }
    }
}

/// How a line is drawn.
public struct LineStyle: Hashable, Sendable {
    public var colour: SeriesColour
    public var width: Double
    public var dash: Dash

    /// Creates a line style; the defaults give a solid 2-pixel line in the next palette colour.
    public init(colour: SeriesColour = .automatic, width: Double = 2, dash: Dash = .solid) {
        self.colour = colour
        self.width = width
        self.dash = dash
    }
}

/// Point shapes for scatter plots (all filled).
public enum Marker: CaseIterable, Hashable, Sendable {
    case circle, triangle, square, diamond, invertedTriangle, pentagon, cross, plus

    var pointType: Int {
        switch self {
        case .circle: return 7
        case .triangle: return 9
        case .square: return 5
        case .diamond: return 13
        case .invertedTriangle: return 11
        case .pentagon: return 15
        case .cross: return 2
        case .plus: return 1
        }
    }
}

/// Colour maps for heatmaps and surfaces.
public enum ColourMap: Hashable, Sendable {
    /// Perceptually uniform, colour-blind safe, dark to light.
    case viridis
    /// Blue – white – red (Paul Tol's BuRd), for signed values centred on zero.
    case diverging
    /// Tints of the first two class colours (blue, vermillion) through white: a
    /// probability of class 1 under points of classes 0 and 1, in their colours.
    case twoClasses

    /// Equally spaced colours that gnuplot interpolates linearly in RGB.
    var stops: [Colour] {
        switch self {
        case .viridis:
            return [0x440154, 0x472C7A, 0x3B518B, 0x2C718E, 0x21908D, 0x27AD81, 0x5CC863, 0xAADC32, 0xFDE725].map(Colour.init(hex:))
        case .diverging:
            return [0x2166AC, 0x4393C3, 0x92C5DE, 0xD1E5F0, 0xF7F7F7, 0xFDDBC7, 0xF4A582, 0xD6604D, 0xB2182B].map(Colour.init(hex:))
        case .twoClasses:
            // Lighter than the points' colours at the ends, so points of either class show everywhere.
            let white = Colour(hex: 0xFFFFFF)
            return [Style.paletteColour(0).mixed(with: white, amount: 0.4), white, Style.paletteColour(1).mixed(with: white, amount: 0.4)]
        }
    }

    var gnuplot: String {
        "set palette defined (" + stops.enumerated().map { "\($0.offset) '\($0.element.hexString)'" }.joined(separator: ", ") + ")"
    }

    /// The colour gnuplot gives to `fraction` (0 at the low end of the colour bar, 1 at the high end).
    func colour(at fraction: Double) -> Colour {
        let stops = self.stops
        let position = min(max(fraction.isFinite ? fraction : 0, 0), 1) * Double(stops.count - 1)
        let index = min(Int(position), stops.count - 2)
        return stops[index].mixed(with: stops[index + 1], amount: position - Double(index))
    }
}

/// The house style: one palette, one font, one set of defaults.
public enum Style {
    /// The Okabe–Ito palette, ordered so that the first colours are the most distinct
    /// on white (yellow comes last).
    public static let palette: [Colour] = [
        Colour(hex: 0x0072B2), // blue
        Colour(hex: 0xD55E00), // vermillion
        Colour(hex: 0x009E73), // bluish green
        Colour(hex: 0xE69F00), // orange
        Colour(hex: 0xCC79A7), // reddish purple
        Colour(hex: 0x56B4E9), // sky blue
        Colour(hex: 0x000000), // black
        Colour(hex: 0xF0E442), // yellow
    ]

    /// Light tints that alternate behind shaded x-intervals.
    public static let intervalTints: [Colour] = [
        Colour(hex: 0xDCEBF5), Colour(hex: 0xFBE6D6), Colour(hex: 0xDDF1EA), Colour(hex: 0xFBF0D5),
    ]

    /// Colour of reference lines, axes and annotations.
    public static let ink = Colour(hex: 0x404040)
    /// Colour of the background grid.
    public static let gridColour = Colour(hex: 0xE5E5E5)
    /// Size of a single-panel figure: fits a 16:10 slide.
    public static let singlePanelSize = PixelSize(width: 640, height: 400)
    /// Size of one cell of a multi-panel figure.
    public static let gridCellSize = PixelSize(width: 420, height: 300)
    /// Font size in points of a 640×400 slide; ``FigureStyle`` scales it.
    public static let baseFontSize = 12.0
    /// Cells smaller than this (in pixels) get a proportionally smaller font (at least 8 points).
    static let smallCell = PixelSize(width: 320, height: 200)
    /// The average width of a character relative to the font size, a little generous
    /// for the sans-serif fonts of the terminals (DejaVu Sans averages about 0.6).
    static let characterWidthRatio = 0.66

    /// How far class regions are lightened towards white, so the full colours of the
    /// points drawn over them stand out.
    static let classTintAmount = 0.6

    /// The light tint of the palette colour at `index`, for class regions.
    static func classTint(_ index: Int) -> Colour {
        paletteColour(index).mixed(with: Colour(hex: 0xFFFFFF), amount: classTintAmount)
    }

    /// The palette colour at `index`, wrapping around.
    public static func paletteColour(_ index: Int) -> Colour {
        let count = palette.count
        return palette[((index % count) + count) % count]
    }

}

/// How much text fits where: the size of one cell of the layout and the average
/// width of a character, in the same units (pixels, or characters for `dumb`).
struct TextMetrics {
    var cellWidth: Double
    var cellHeight: Double
    var figureWidth: Double
    var characterWidth: Double
    /// The figure's font size in points (about pixels); 1 on `dumb`.
    var fontSize: Double

    /// How many characters fit on a line `width` wide, leaving `padding` characters free.
    func characters(in width: Double, padding: Double = 0) -> Int {
        max(Int((width / characterWidth - padding).rounded(.down)), 8)
    }

    /// `text` broken at spaces into lines of at most `limit` characters (a longer word
    /// stays whole), and at most `maximumLines` lines (the last takes the rest).
    static func wrap(_ text: String, limit: Int, maximumLines: Int = 3) -> [String] {
        guard text.count > limit else { return [text] }
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if lines.count == maximumLines - 1 {
                current += current.isEmpty ? String(word) : " " + word
                continue
            }
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= limit {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        lines.append(current)
        return lines
    }
}
