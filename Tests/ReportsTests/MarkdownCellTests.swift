import Foundation
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

    @Test func dollarsInCodeAreNoFormulas() {
        let html = renderer.html(of: "Run `$ dln run` and $x$.\n\n```\n$ dln figures $\n```\n")
        #expect(html.contains("<code>$ dln run</code>"))
        #expect(html.contains("<span class=\"math\">$x$</span>"))
        #expect(html.contains("$ dln figures $"))
        #expect(html.components(separatedBy: "class=\"math\"").count == 2)
    }

    @Test func dropsAddressesWithUnsafeSchemes() {
        let html = renderer.html(of: "[a](javascript:alert(1)) [b](JaVaScRiPt:x) [c](notes/page.html) ![d](data:text/html,x)\n")
        #expect(!html.lowercased().contains("javascript:"))
        #expect(!html.contains("data:text"))
        #expect(html.contains("href=\"notes/page.html\""))
    }

    @Test func anUnclosedFrontMatterIsText() {
        #expect(renderer.html(of: "---\n  \n").contains("<hr>") || !renderer.html(of: "---\n").contains("<p>\u{E005}"))
        #expect(!renderer.html(of: "---\ntitle: x\n").contains("\u{E005}"))
    }

    @Test func quotesCannotLeaveAnAttribute() {
        let html = renderer.html(of: "[x](https://a.b/\"onmouseover=\"alert(1))\n")
        #expect(!html.contains("\"onmouseover"))
    }
}

@Suite struct MarkdownCellRobustnessTests {
    /// Ink reads whatever a Markdown cell holds: random text made of Markdown's own
    /// characters must give HTML with no markup of the cell's own and no crash.
    @Test func randomMarkdownNeverCrashesOrLeaksMarkup() {
        let pieces = ["#", "##", "*", "**", "_", "`", "```", "[", "]", "(", ")", "!", "<", ">", "&", "\"", "$", "$$", "|",
                      "-", "+", "1.", " ", "\n", "\n\n", "\t", "a", "<script>", "</div>", "---", "\\", "é", "x:y", "\r\n",
                      "  ", "    ", "1)", "2.", "> ", "|---|", "<!--", "-->", ":", "=", "===", "[x]: http://a", "~~"]
        var generator = SplitMix64(seed: 17)
        for _ in 0..<(ProcessInfo.processInfo.environment["DLN_MARKDOWN_FUZZ"].flatMap(Int.init) ?? 5000) {
            let text = (0..<Int.random(in: 0...40, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
            let html = MarkdownCellRenderer().html(of: text)
            #expect(!html.contains("<script"), "\(text.debugDescription)")
        }
    }
}

/// A seeded generator, so that a case the random test finds fails again the same way.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
