import Testing
@testable import Gnuplot

@Suite struct QuotingTests {
    @Test func quotesBecomeConcatenatedOctalEscapes() {
        #expect(GnuplotSyntax.quoted("it's") == #"'it'."\047".'s'"#)
        #expect(GnuplotSyntax.quoted("'") == #""\047""#)
        #expect(GnuplotSyntax.quoted("''x") == #""\047"."\047".'x'"#)
        #expect(GnuplotSyntax.quoted("") == "''")
        #expect(GnuplotSyntax.quoted("plain") == "'plain'")
    }

    @Test func quotedTextNeverContainsADoubledQuote() {
        for text in ["''''", "a'''b", "'; x; '", #"'"'"'"#] {
            #expect(!GnuplotSyntax.quoted(text).contains("''"))
        }
    }

    @Test func controlCharactersBecomeSpaces() {
        #expect(GnuplotSyntax.quoted("a\nb\rc\td\u{0}e\u{7F}f\u{85}g\u{2028}h") == "'a b c d e f g h'")
        #expect(!GnuplotSyntax.isQuotable("a\nb"))
        #expect(GnuplotSyntax.isQuotable("/tmp/some dir/ü.svg"))
    }

    @Test func otherTextIsKeptVerbatim() {
        let text = #"`touch x` $(y) "z" \n @macro {/Symbol a} ü → 漢"#
        #expect(GnuplotSyntax.quoted(text) == "'" + text + "'")
    }

    @Test func numbersRoundTripAndAreDeterministic() {
        for value in [0.1, -2.5e-300, 1e20, 123456789.125, .pi, -1.0 / 3, .leastNonzeroMagnitude, 1e15, 999999999999999] {
            #expect(Double(GnuplotSyntax.number(value)) == value)
        }
        #expect(GnuplotSyntax.number(3) == "3")
        #expect(GnuplotSyntax.number(-0.0) == "0")
        #expect(GnuplotSyntax.number(.nan) == "NaN")
        #expect(GnuplotSyntax.number(.infinity) == "NaN")
        #expect(GnuplotSyntax.number(-.infinity) == "NaN")
    }

    @Test(arguments: [
        ("shallow_fit", "shallow_fit"), ("../../etc/passwd", "_._.._etc_passwd"), ("..", "_."), (".", "_"),
        (".hidden", "_hidden"), ("a/b\\c\u{0}d", "a_b_c_d"), ("", "figure"), ("loss surface (1)", "loss_surface__1_"),
        ("Ünïcode", "_n_code"), ("ok-1.2_x", "ok-1.2_x"),
    ])
    func fileNamesStayInsideTheFolder(name: String, expected: String) {
        let sanitised = FileNames.sanitised(name)
        #expect(sanitised == expected)
        #expect(!sanitised.contains("/") && !sanitised.hasPrefix(".") && !sanitised.isEmpty)
    }

    @Test func longNamesAreTruncated() {
        #expect(FileNames.sanitised(String(repeating: "a", count: 500)).count == 100)
    }
}
