import Testing
@testable import Reports

@Suite struct MarkdownCellTests {
    let renderer = MarkdownCellRenderer()

    @Test func rendersCommonMarkdown() {
        let html = renderer.html(of: "# Title\n\nSome *emphasis*, `code <b>` and a [link](https://example.org).\n\n- one\n- two\n")
        #expect(html.contains("<h2>Title</h2>"))
        #expect(html.contains("<em>emphasis</em>"))
        #expect(html.contains("<code>code &lt;b&gt;</code>"))
        #expect(html.contains("<a href=\"https://example.org\">link</a>"))
        #expect(html.contains("<li>one</li>"))
    }

    @Test func rawHTMLStaysText() {
        let html = renderer.html(of: "Hello <script>alert(1)</script> <img src=x onerror=alert(1)> &amp;\n\n<div onclick=\"x\">block</div>\n")
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<div"))
        #expect(html.contains("&lt;script&gt;") || html.contains("&lt;script>"))
        #expect(html.contains("&amp;amp;"))
    }

    @Test func leavesLaTeXAsWritten() {
        let html = renderer.html(of: "Loss $L = \\sum_i (y_i - f_i)^2$ and $$a_1 * b_2 < c$$ cost $5.\n")
        #expect(html.contains("<span class=\"math\">$L = \\sum_i (y_i - f_i)^2$</span>"))
        #expect(html.contains("<span class=\"math\">$$a_1 * b_2 &lt; c$$</span>"))
        #expect(html.contains("cost $5."))
    }

    @Test func dropsAddressesWithUnsafeSchemes() {
        let html = renderer.html(of: "[a](javascript:alert(1)) [b](JaVaScRiPt:x) [c](notes/page.html) ![d](data:text/html,x)\n")
        #expect(!html.lowercased().contains("javascript:"))
        #expect(!html.contains("data:text"))
        #expect(html.contains("href=\"notes/page.html\""))
    }

    @Test func quotesCannotLeaveAnAttribute() {
        let html = renderer.html(of: "[x](https://a.b/\"onmouseover=\"alert(1))\n")
        #expect(!html.contains("\"onmouseover"))
    }
}
