import Foundation
import Testing
@testable import Reports

@Suite struct HTMLReportTests {
    @Test func escapesEverythingTheNotebookPrintsOrNames() {
        let html = htmlOf(runDocument("""
            %% <b>title</b>
            print("<script>alert(1)</script> & \\"quoted\\"")
            "<img src=x onerror=alert(1)>"
            """))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img src=x"))
        #expect(!html.contains("<b>title"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot;"))
        #expect(html.contains("&lt;b&gt;title&lt;/b&gt;"))
    }

    @Test func showsOutputAndValuesInTheOrderTheyCame() throws {
        let html = htmlOf(runDocument("%% cell\nprint(\"first\")\nprint(\"second\")\n1 + 1\n"))
        let printed = try #require(html.range(of: "<pre class=\"output\">first\nsecond\n</pre>"))
        let value = try #require(html.range(of: "<pre class=\"display\">2</pre>"))
        #expect(printed.lowerBound < value.lowerBound)
    }

    @Test func aPassedRunHasNoBannerAndListsItsCells() {
        let html = htmlOf(runDocument("%% parameters\nn = 3\n%% use\nprint(n * 2)\n"))
        #expect(!html.contains("class=\"banner\""))
        #expect(html.contains("<a href=\"#cell-1\">parameters</a>"))
        #expect(html.contains("<a href=\"#cell-2\">use</a>"))
        #expect(html.contains("<dd>n = 3</dd>"))
        #expect(html.contains("Haswell, 2 threads"))
    }

    @Test func aFailedExpectationGetsABannerLinkingToItsCell() {
        let html = htmlOf(runDocument("%% fine\nx = 1\n%% the check\nexpect x == 2\n%% after\nprint(x)\n"))
        #expect(html.contains("<p class=\"banner\" role=\"alert\"><strong>This run failed</strong> (exit status 1) in <a href=\"#cell-2\">the check</a>"))
        #expect(html.contains("id=\"cell-2\" class=\"cell status-failed\""))
        #expect(html.contains("nb.dln:4:1: expectation failed"))
    }

    @Test func aRuntimeErrorLeavesLaterCellsMarkedNotRun() {
        let html = htmlOf(runDocument("%% broken\ny = nope + 1\n%% later\nprint(1)\n"))
        #expect(html.contains("nb.dln:2:5: error: unknown name &#39;nope&#39;"))
        #expect(html.contains("class=\"cell status-skipped\""))
        #expect(html.contains("not run"))
    }

    @Test func highlightsKeywordsNumbersStringsAndComments() {
        let html = htmlOf(runDocument("%% code\n# a comment with \"quotes\"\nfor i in 0..3 { print(\"s\", i) }\n"))
        #expect(html.contains("<span class=\"com\"># a comment with &quot;quotes&quot;</span>"))
        #expect(html.contains("<span class=\"kw\">for</span>"))
        #expect(html.contains("<span class=\"num\">3</span>"))
        #expect(html.contains("<span class=\"str\">&quot;s&quot;</span>"))
    }

    @Test func theSourceIsShownWholeEvenWhenItDoesNotLex() {
        let html = htmlOf(runDocument("%% odd\nx = 1 $ 2 ` \u{7}\n"))
        #expect(html.contains("<span class=\"num\">1</span> $ <span class=\"num\">2</span> ` \u{FFFD}"))
    }

    @Test func forbidsScriptsThroughItsContentSecurityPolicy() {
        #expect(htmlOf(runDocument("%% a\n1\n")).contains("content=\"default-src 'none'; style-src 'unsafe-inline'; img-src * data:\""))
    }
}
