import Foundation
import Testing

/// The run's memory budget, end to end: each notebook runs under a 4 GB
/// virtual-memory limit, so a missed account ends in a trap or a signal
/// (which fails the test) instead of in a diagnostic.
@Suite("memory budget")
struct MemoryBudgetTests {
    /// The first line of stderr that names the budget.
    static func budgetLine(_ result: DLNProcess.Result) -> String? {
        result.stderr.split(separator: "\n").first { $0.contains("memory budget") || $0.contains("the budget is") }.map(String.init)
    }

    @Test func tensorsKeptInALoopEndInADiagnosticAtTheirLine() throws {
        // 40 × 256 MB: past any budget a 4 GB address space leaves (the default budget follows it).
        let source = "l = list()\nfor i in range(40) {\n  l = append(l, zeros([8000, 8000]))\n}\nprint(\"never\")\n"
        let result = try Hostile.run(source)
        Hostile.expectNoCrash(result, "a loop of 256 MB tensors")
        #expect(result.status == 1)
        let line = try #require(Self.budgetLine(result), "\(result.stderr)")
        #expect(line.contains("hostile.dln:3:17: error: a tensor of shape (8000, 8000) needs 256 MB"), "\(line)")
        #expect(result.stderr.contains("--memory-limit"))
        #expect(!result.stdout.contains("never"))
    }

    @Test(arguments: [
        ("a product", "a = ones([14000, 1])\nb = ones([1, 14000])\nc = a @ b\n", "hostile.dln:3:5: error: '@' needs 784 MB"),
        ("broadcasting", "a = ones([14000, 1])\nc = a + ones([14000])\n", "hostile.dln:2:5: error: '+' needs 784 MB"),
        ("an elementwise function", "a = ones([9000, 9000])\nb = exp(a)\n", "hostile.dln:2:5: error: exp needs 324 MB"),
        ("a gradient", "a = ones([9000, 9000])\ng = grad(x -> sum(x * x), at: a)\n", "needs 324 MB"),
        ("random numbers", "a = ones([9000, 9000])\nb = rand([9000, 9000], seed: 1)\n", "random numbers needs 324 MB"),
    ])
    func anOperationIsRefusedBeforeItAllocates(what: String, source: String, message: String) throws {
        let result = try Hostile.run(source, arguments: ["--memory-limit", "512M"])
        Hostile.expectNoCrash(result, what)
        #expect(result.status == 1, "\(what): \(result.stderr)")
        let line = try #require(Self.budgetLine(result), "\(what): \(result.stderr)")
        #expect(line.contains(message), "\(what): \(line)")
        #expect(line.contains("of the 537 MB (536870912 bytes) memory budget are in use"), "\(what): \(line)")
    }

    @Test(arguments: [
        ("doubling a string", "s = \"abcdefgh\"\nfor i in range(40) {\n  s = s + s\n}\n", "hostile.dln:3:7: error: joining strings needs"),
        ("doubling a list", "l = list(1, 2, 3, 4)\nfor i in range(40) {\n  l = l + l\n}\n", "hostile.dln:3:7: error: joining lists needs"),
        ("keeping large strings", "l = list()\ns = \"x\"\nfor i in range(27) {\n  s = s + s\n}\nfor i in range(100) {\n  l = append(l, s + str(i))\n}\n",
         "memory budget"),
    ])
    func valuesThatAreNotTensorsAreBoundedToo(what: String, source: String, message: String) throws {
        // The default budget, from the 4 GB address space.
        let result = try Hostile.run(source)
        Hostile.expectNoCrash(result, what)
        #expect(result.status == 1, "\(what): \(result.stderr)")
        #expect(result.stderr.contains(message), "\(what): \(result.stderr)")
    }

    /// a [1, 2000, 2000] broadcast over 60 batches of b: the gradient of a is the sum
    /// of 60 products, added into one 2000 × 2000 matrix. Materialising the 60 copies
    /// first (960 MB) used to take this case to 7 GB with larger sizes.
    @Test func aBroadcastProductsGradientIsNotMaterialised() throws {
        let source = """
            b = ones([60, 2000, 1])
            g = grad(a -> sum(a @ b), at: ones([1, 2000, 2000]))
            print(shape(g), number(g[0, 1999, 5]), number(sum(g)))
            """
        let result = try Hostile.run(source, arguments: ["--memory-limit", "400M"])
        Hostile.expectNoCrash(result, "a broadcast product under grad")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("(1, 2000, 2000) 60 240000000"), "\(result.stdout)")
    }

    @Test func theREPLGoesOnAfterItsBudgetIsExceeded() throws {
        let input = "x = 41\ny = zeros([14000, 14000])\nprint(x + 1)\nz = ones([100, 100])\nprint(number(sum(z)))\n"
        let result = try DLNProcess.run(["repl", "--memory-limit", "512M"], input: input, timeout: 60,
                                        memoryLimit: DLNProcess.hostileMemoryLimit)
        Hostile.expectNoCrash(result, "the REPL over its budget")
        #expect(result.stderr.contains("a tensor of shape (14000, 14000) needs 784 MB"), "\(result.stderr)")
        #expect(result.stdout.contains("42"), "\(result.stdout)")
        #expect(result.stdout.contains("10000"), "\(result.stdout)")
    }

    @Test func aFigureOfManyPointsEndsInADiagnostic() throws {
        let source = """
            x = linspace(0, 1, 20000000)
            figure "many" {
              line x, x
            }
            """
        let result = try Hostile.run(source, arguments: ["--memory-limit", "300M"])
        Hostile.expectNoCrash(result, "a line of 2×10^7 points")
        #expect(result.status == 1, "\(result.stderr)")
        // Its data (2 × 160 MB as Double) or its script, whichever passes the budget first.
        #expect(result.stderr.contains("hostile.dln:2:1: error: the figure's"), "\(result.stderr)")
        #expect(result.stderr.contains("memory budget are in use"), "\(result.stderr)")
    }

    @Test func aHugeNotebookIsRefusedWhileItIsRead() throws {
        // 4 million one-byte tokens: far more token storage than 64 MB allows.
        let source = String(repeating: "1+", count: 2_000_000) + "1\n"
        let result = try Hostile.run(source, arguments: ["--memory-limit", "64M"])
        Hostile.expectNoCrash(result, "a huge notebook")
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("error: the notebook is too large to read: lexing needs"), "\(result.stderr.prefix(500))")
    }

    @Test func aCSVFileLargerThanTheBudgetIsRefusedWhileItIsRead() throws {
        let folder = try Hostile.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var text = "a,b,c,d,label\n"
        text += String(repeating: "1,2,3,4,0\n", count: 600_000)
        try Data(text.utf8).write(to: folder.appendingPathComponent("big.csv"))
        try Data("d = csv(\"big.csv\")\nprint(\"loaded\")\n".utf8).write(to: folder.appendingPathComponent("n.dln"))
        let result = try DLNProcess.run(["run", "n.dln", "--memory-limit", "8M"], directory: folder, timeout: 60,
                                        memoryLimit: DLNProcess.hostileMemoryLimit)
        Hostile.expectNoCrash(result, "a CSV over the budget")
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("n.dln:1:5: error: reading ") && result.stderr.contains("big.csv needs"), "\(result.stderr)")
    }

    @Test func badLimitsAreUsageErrors() throws {
        for text in ["abc", "0", "-5G", "200%", "1e30"] {
            let result = try DLNProcess.run(["run", "x.dln", "--memory-limit=\(text)"])
            #expect(result.status == 64 || result.status == 2, "\(text): \(result.status)")
            #expect(result.stderr.contains("--memory-limit expects a size such as 4G"), "\(text): \(result.stderr)")
        }
    }

    @Test func infoShowsTheBudget() throws {
        let result = try DLNProcess.run(["info"])
        #expect(result.stdout.contains("memory budget: "), "\(result.stdout)")
        let limited = try DLNProcess.run(["info"], memoryLimit: DLNProcess.hostileMemoryLimit)
        #expect(limited.stdout.contains("of address space left"), "\(limited.stdout)")
    }
}
