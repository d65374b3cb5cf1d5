/// Who a figure is made for: text size and line weight follow from it and from the
/// figure's size.
public enum FigureStyle: String, Hashable, Sendable, CaseIterable {
    /// Projected in a lecture room: text and lines grow with the figure, so a
    /// 1400-pixel figure shown on a slide reads like a 640-pixel one.
    case slides
    /// Printed at column width: small text of one size, thin lines.
    case paper

    /// The font size in points of a figure of `size` laid out as `layout`.
    ///
    /// Slides start at 12 points for 640×400 and grow with the square root of the
    /// figure's larger relative side (at most 1.8×), but never past what a cell of
    /// the layout holds (its height / 17 and width / 22: a title, tick labels and an
    /// axis label still leave room to plot). Paper is 10 points. Cells smaller than
    /// 320×200 shrink either (to at least 8 points).
    func fontSize(for size: PixelSize, layout: Layout) -> Int {
        let cellWidth = Double(size.width) / Double(max(layout.columns, 1))
        let cellHeight = Double(size.height) / Double(max(layout.rows, 1))
        let shrink = min(cellWidth / Double(Style.smallCell.width), cellHeight / Double(Style.smallCell.height), 1)
        switch self {
        case .paper:
            return Int(max((10 * shrink).rounded(), 8))
        case .slides:
            let relative = max(Double(size.width) / Double(Style.singlePanelSize.width),
                               Double(size.height) / Double(Style.singlePanelSize.height))
            let growth = min(max(relative, 1).squareRoot(), 1.8)
            let fitsCell = min(cellHeight / 22, cellWidth / 26)
            let points = min(Style.baseFontSize * growth, max(fitsCell, Style.baseFontSize)) * shrink
            return Int(max(points.rounded(), 8))
        }
    }

    /// The terminal's `linewidth` factor: slides thicken every line as their text grows.
    func lineScale(for size: PixelSize, layout: Layout) -> Double {
        switch self {
        case .paper: return 0.75
        case .slides: return max(1, (Double(fontSize(for: size, layout: layout)) / Style.baseFontSize * 4).rounded() / 4)
        }
    }
}
