import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An SVG file as markup to place inside an HTML page, rebuilt element by element from
/// an XML parse so that only what is drawn comes through: no `<script>`, `<style>`
/// (it would restyle the page), `<foreignObject>`, event attributes (`onload`) or links
/// leaving the figure. Ids are prefixed, since gnuplot gives every figure the same ones
/// (`gpPt0`) and a page holds many; the figure's title becomes its accessible name.
struct SVGSanitiser {
    /// Prefix for this figure's ids, unique in the page.
    let idPrefix: String
    let title: String

    /// Nil when the file is not well-formed XML with an `<svg>` root.
    func markup(of data: Data) -> String? {
        let builder = SVGBuilder(idPrefix: idPrefix, title: title)
        let parser = XMLParser(data: data)
        parser.delegate = builder
        parser.shouldResolveExternalEntities = false
        guard parser.parse(), builder.sawRoot, builder.depth == 0 else { return nil }
        return builder.output
    }
}

private final class SVGBuilder: NSObject, XMLParserDelegate {
    static let droppedElements: Set<String> = ["script", "style", "foreignobject", "iframe", "object", "embed", "audio",
                                               "video", "animate", "set", "animatemotion", "animatetransform", "handler"]
    let idPrefix: String
    let title: String
    var output = ""
    var depth = 0
    var sawRoot = false
    /// Depth of the element being dropped with its content, if any.
    private var droppedAt: Int?

    init(idPrefix: String, title: String) {
        self.idPrefix = idPrefix
        self.title = title
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        depth += 1
        guard droppedAt == nil else { return }
        let local = name.split(separator: ":").last.map { $0.lowercased() } ?? ""
        // gnuplot's own <title>Gnuplot</title> and <desc> give way to the figure's title.
        if Self.droppedElements.contains(local) || (depth == 2 && (local == "title" || local == "desc")) || (depth == 1 && local != "svg") {
            droppedAt = depth
            return
        }
        output += "<\(name)\(attributeMarkup(attributes, isRoot: depth == 1))>"
        if depth == 1 {
            sawRoot = true
            output += "<title id=\"\(idPrefix)title\">\(HTMLText.escaped(title))</title>"
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        defer { depth -= 1 }
        if let dropped = droppedAt {
            if dropped == depth { droppedAt = nil }
            return
        }
        output += "</\(name)>"
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if droppedAt == nil, depth > 0 { output += HTMLText.escaped(string) }
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
        if droppedAt == nil, depth > 0 { output += HTMLText.escaped(String(decoding: block, as: UTF8.self)) }
    }

    /// A `data:` address of a PNG, JPEG or GIF image: pixels, nothing that runs.
    static func isEmbeddedRaster(_ value: String) -> Bool {
        let lowered = value.prefix(32).lowercased()
        return ["data:image/png;", "data:image/jpeg;", "data:image/gif;"].contains { lowered.hasPrefix($0) }
    }

    private func attributeMarkup(_ attributes: [String: String], isRoot: Bool) -> String {
        var kept: [(String, String)] = []
        for (name, value) in attributes.sorted(by: { $0.key < $1.key }) {
            let lowered = name.lowercased()
            if lowered.hasPrefix("on") || lowered == "style" && value.lowercased().contains("url(") { continue }
            if isRoot && (lowered == "role" || lowered.hasPrefix("aria-")) { continue }
            if lowered == "href" || lowered.hasSuffix(":href") {
                // Only references inside the figure (`#gpPt0`) and raster images carried in the
                // figure (gnuplot's heat maps: `data:image/png;base64,…`) are kept.
                if Self.isEmbeddedRaster(value) {
                    kept.append((name, value))
                    continue
                }
                guard value.hasPrefix("#") else { continue }
                kept.append((name, "#" + idPrefix + value.dropFirst()))
            } else if lowered == "id" {
                kept.append((name, idPrefix + value))
            } else {
                kept.append((name, value.replacingOccurrences(of: "url(#", with: "url(#\(idPrefix)")))
            }
        }
        if isRoot { kept += [("role", "img"), ("aria-labelledby", "\(idPrefix)title")] }
        return kept.map { " \($0.0)=\"\(HTMLText.escaped($0.1))\"" }.joined()
    }
}
