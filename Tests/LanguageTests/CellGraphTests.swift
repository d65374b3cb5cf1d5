import Testing
@testable import Language

/// The graph of a notebook given as text.
private func graph(_ text: String) -> (CellGraph, Notebook) {
    let notebook = Notebook(name: "nb.dln", text: text)
    let programs = NotebookRunner.parseCells(of: notebook).map { $0?.program }
    return (CellGraph(notebook: notebook, programs: programs), notebook)
}

/// The titles of the cells the cell titled `title` depends on.
private func dependencies(of title: String, in text: String) -> [String] {
    let (graph, notebook) = graph(text)
    guard let node = graph.nodes.first(where: { notebook.cells[$0.position].title == title }) else { return ["<no cell>"] }
    return node.dependencies.map { notebook.cells[$0].title ?? "?" }
}

private func node(_ title: String, in text: String) -> CellGraph.Node? {
    let (graph, notebook) = graph(text)
    return graph.nodes.first { notebook.cells[$0.position].title == title }
}

@Suite struct CellGraphTests {
    @Test func aCellDependsOnTheLastCellThatBoundWhatItReads() {
        let text = "%% a\nx = 1\n%% b\nx = 2\n%% c\ny = x + 1\n%% d\nz = 3\n"
        #expect(dependencies(of: "c", in: text) == ["b"])
        #expect(dependencies(of: "d", in: text) == [])
    }

    @Test func aNameBoundEarlierInTheSameCellShadowsTheEarlierCells() {
        let text = "%% a\nx = 1\n%% b\nx = 5\ny = x * 2\n"
        #expect(dependencies(of: "b", in: text) == [])
        #expect(node("b", in: text)?.usage.defines == ["x", "y"])
    }

    @Test func aReadBeforeTheCellRebindsStillDepends() {
        let text = "%% a\nx = 1\n%% b\nx = x + 1\n"
        #expect(dependencies(of: "b", in: text) == ["a"])
    }

    @Test func parametersShadowGlobalsInsideFunctions() {
        let text = "%% a\nx = 1\n%% b\nfn f(x) = x * 2\ny = f(3)\n"
        #expect(dependencies(of: "b", in: text) == [])
    }

    @Test func callingAFunctionReadsTheGlobalsItsBodyReads() {
        let text = "%% scale\nk = 3\n%% fns\nfn f(x) = k * x\n%% use\ny = f(2)\n%% other\nz = 1\n"
        #expect(dependencies(of: "use", in: text) == ["scale", "fns"])
        // the global is looked up when the function is called: a later rebinding counts
        let rebound = "%% scale\nk = 3\n%% fns\nfn f(x) = k * x\n%% rescale\nk = 4\n%% use\ny = f(2)\n"
        #expect(dependencies(of: "use", in: rebound) == ["fns", "rescale"])
    }

    @Test func functionsAreFollowedThroughOtherNamesAndLambdas() {
        let alias = "%% scale\nk = 3\n%% fns\nfn f(x) = k * x\n%% alias\ng = f\n%% use\ny = g(2)\n"
        // `fns` comes in through `alias`, which depends on it
        #expect(dependencies(of: "use", in: alias) == ["scale", "alias"])
        #expect(dependencies(of: "alias", in: alias) == ["scale", "fns"])  // erring toward more
        let lambda = "%% scale\nk = 3\n%% fns\nh = (x) -> k * x\n%% use\ny = h(2)\n"
        #expect(dependencies(of: "use", in: lambda) == ["scale", "fns"])
        let factory = "%% scale\nk = 3\n%% fns\nfn adder(a) = (x) -> x + a + k\n%% make\nadd = adder(1)\n%% use\ny = add(2)\n"
        #expect(dependencies(of: "use", in: factory) == ["scale", "make"])
    }

    @Test func aValueMadeByCallingAFunctionIsNotTakenForAFunction() {
        let text = "%% scale\nk = 3\n%% fns\nfn f(x) = k * x\n%% make\ny = f(2)\n%% use\nz = y + 1\n"
        #expect(dependencies(of: "use", in: text) == ["make"])
    }

    @Test func aCellThatChangesATensorInPlaceWritesItAndLaterCellsDependOnIt() {
        let text = """
            %% make
            w = randn([3], seed: 1)
            %% alias
            v = w
            %% optimise
            opt = sgd(lr: 0.1)
            l = sum(w * w)
            step(opt, l)
            %% read
            print(v)
            """
        let optimise = node("optimise", in: text)
        #expect(optimise?.changesInPlace == true)
        #expect(optimise?.writes.contains("w") == true)
        // `v` holds the same tensor as `w`: the syntax cannot see it, so every later cell depends on the change
        #expect(dependencies(of: "read", in: text) == ["alias", "optimise"])
    }

    @Test func trainingANetworkChangesItEvenThroughAFunction() {
        let text = """
            %% net
            network n {
              input 2
              dense 1
            }
            %% fit
            fn fit(m) = train m on xor() { epochs: 1 }
            r = fit(n)
            %% direct
            s = train n on xor() { epochs: 1 }
            """
        #expect(node("fit", in: text)?.changesInPlace == true)
        #expect(node("fit", in: text)?.writes.contains("n") == true)
        #expect(node("direct", in: text)?.usage.changes == ["n"])
        // the last cell that changed `n` is `fit` (which depends on `net`)
        #expect(dependencies(of: "direct", in: text) == ["fit"])
    }

    @Test func indexedAssignmentChangesTheNameItStartsFrom() {
        let text = "%% a\nx = [1, 2, 3]\n%% b\nx[0] = 5\n%% c\ny = x\n"
        #expect(node("b", in: text)?.usage.changes == ["x"])
        #expect(dependencies(of: "b", in: text) == ["a"])
        #expect(dependencies(of: "c", in: text) == ["b"])
    }

    @Test func loopVariablesRebindButMayNotBeBound() {
        let text = "%% a\nitem = 0\nxs = [1, 2]\n%% loop\nfor item in xs { print(item) }\nlast = item\n"
        let loop = node("loop", in: text)
        #expect(loop?.usage.defines == ["item", "last"])
        // zero iterations leave `item` as it was: the loop depends on cell a's `item` too
        #expect(loop?.sources.map(\.name) == ["xs", "item"])
        // inside the body the variable is the loop's, not a read of an earlier cell
        let inside = "%% a\nitem = 0\nxs = [1, 2]\n%% loop\nfor item in xs { print(item) }\n"
        #expect(node("loop", in: inside)?.sources.map(\.name) == ["xs"])
    }

    @Test func bindingsUnderAConditionDoNotShadow() {
        let text = "%% a\nx = 1\n%% b\nif true { x = 2 }\ny = x\n"
        #expect(dependencies(of: "b", in: text) == ["a"])
    }

    @Test func stringLiteralsAreKeptForFilesAndSeedsAreInTheCode() {
        let text = "%% data\ndata d = csv(\"data/digits.csv\", label: \"label\")\nw = randn([2], seed: 7)\n"
        #expect(node("data", in: text)?.usage.stringLiterals == ["data/digits.csv", "label"])
    }

    @Test func whatCannotBeKnownMakesACellAlwaysRun() {
        let text = """
            %% path
            p = "data/digits.csv"
            %% load
            data d = csv(p)
            %% after
            n = d.count
            %% timing
            t = r.seconds
            """
        #expect(node("load", in: text)?.alwaysRunsBecause == "'csv' reads a file named by a computed path")
        #expect(node("after", in: text)?.alwaysRunsBecause == "cell 'load' always runs")
        #expect(node("timing", in: text)?.alwaysRunsBecause == "reads a training time ('.seconds')")
    }

    @Test func dependentsAreTransitive() {
        let (graph, _) = graph("%% a\nx = 1\n%% b\ny = x\n%% c\nz = y\n%% d\nq = 2\n")
        #expect(graph.dependents(of: 0) == [1, 2])
    }

    @Test func theNormalisedCodeIgnoresCommentsAndLayout() {
        let one = Notebook(name: "a", text: "%% c\nx = 1   # one\n\n\ny  =  x\n")
        let two = Notebook(name: "a", text: "%% c\n# a comment\nx = 1\ny = x # two\n")
        let three = Notebook(name: "a", text: "%% c\nx = 1\ny = x + 0\n")
        #expect(one.normalisedCode(of: one.cells[0]) == two.normalisedCode(of: two.cells[0]))
        #expect(one.normalisedCode(of: one.cells[0]) != three.normalisedCode(of: three.cells[0]))
        // a string's contents are code, comment signs and all
        let quoted = Notebook(name: "a", text: "%% c\ns = \"# x\"\n")
        let other = Notebook(name: "a", text: "%% c\ns = \"# y\"\n")
        #expect(quoted.normalisedCode(of: quoted.cells[0]) != other.normalisedCode(of: other.cells[0]))
    }

    @Test func theDependencyTextNamesCellsNamesAndFiles() {
        let (graph, notebook) = graph("%% a\nx = 1\n%% b\ny = x\nz = npy(\"w.npy\")\n")
        let text = graph.text(of: notebook) { $0.filter { $0.hasSuffix(".npy") } }
        #expect(text == """
            cell 1 'a'
              binds: x
            cell 2 'b'
              binds: y, z
              uses x from cell 1 'a'
              reads files: w.npy

            """)
    }
}
