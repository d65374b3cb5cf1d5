import Foundation
import Testing
@testable import Reports

@Suite struct SVGSanitiserTests {
    let hostile = """
        <?xml version="1.0" encoding="utf-8" standalone="no"?>
        <svg width="600" height="400" viewBox="0 0 600 400" xmlns="http://www.w3.org/2000/svg" \
        xmlns:xlink="http://www.w3.org/1999/xlink" onload="alert(1)">
        <title>Gnuplot</title>
        <desc>Produced by GNUPLOT</desc>
        <script>alert(2)</script>
        <style>body { display: none }</style>
        <defs><path id="gpPt0" d="M0,0"/></defs>
        <g onclick="alert(3)"><use xlink:href="#gpPt0"/><a href="javascript:alert(4)"><text>a &lt; b</text></a></g>
        <foreignObject><div>html</div></foreignObject>
        <rect fill="url(#gpPt0)"/>
        <image xlink:href="data:image/png;base64,iVBORw0KGgo="/><image xlink:href="data:image/svg+xml;base64,PHN2Zz4="/>
        </svg>
        """

    @Test func keepsTheDrawingAndDropsWhatCouldRun() throws {
        let markup = try #require(SVGSanitiser(idPrefix: "f1-", title: "loss <curve>").markup(of: Data(hostile.utf8)))
        #expect(markup.hasPrefix("<svg "))
        #expect(!markup.contains("<script"))
        #expect(!markup.contains("<style"))
        #expect(!markup.contains("foreignObject"))
        #expect(!markup.contains("alert"))
        #expect(!markup.contains("Gnuplot"))
        #expect(markup.contains("<title id=\"f1-title\">loss &lt;curve&gt;</title>"))
        #expect(markup.contains("role=\"img\""))
        #expect(markup.contains("<path d=\"M0,0\" id=\"f1-gpPt0\">"))
        #expect(markup.contains("xlink:href=\"#f1-gpPt0\""))
        #expect(markup.contains("fill=\"url(#f1-gpPt0)\""))
        #expect(markup.contains("a &lt; b"))
        #expect(markup.contains("<image xlink:href=\"data:image/png;base64,iVBORw0KGgo=\"></image>"))
        #expect(!markup.contains("svg+xml"), "an SVG inside an SVG could carry scripts")
    }

    @Test func refusesWhatIsNotSVG() {
        #expect(SVGSanitiser(idPrefix: "x", title: "t").markup(of: Data("<html></html>".utf8)) == nil)
        #expect(SVGSanitiser(idPrefix: "x", title: "t").markup(of: Data("<svg><g></svg>".utf8)) == nil)
        #expect(SVGSanitiser(idPrefix: "x", title: "t").markup(of: Data([0xFF, 0x00])) == nil)
    }
}
