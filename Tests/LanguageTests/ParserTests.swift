import Testing
@testable import Language

private func tree(_ source: String) -> String { SExpression.parse(source) }

@Suite struct ParserExpressionTests {
    @Test func precedence() {
        #expect(tree("1 + 2 * 3") == "(+ 1 (* 2 3))")
        #expect(tree("1 - 2 - 3") == "(- (- 1 2) 3)")
        #expect(tree("-x^2") == "(- (^ x 2))")
        #expect(tree("2^3^2") == "(^ 2 (^ 3 2))")
        #expect(tree("2^-1") == "(^ 2 -1)")
        #expect(tree("-a * b") == "(* (- a) b)")
        #expect(tree("a @ b + c") == "(+ (@ a b) c)")
        #expect(tree("a % b * c") == "(* (% a b) c)")
        #expect(tree("not a == b and c or d") == "(or (and (not (== a b)) c) d)")
        #expect(tree("a < b + 1") == "(< a (+ b 1))")
        #expect(tree("0..<n + 1") == "(..< 0 (+ n 1))")
        #expect(tree("1...5") == "(... 1 5)")
        #expect(tree("a ~= b within 1e-3") == "(~= a b within 0.001)")
        #expect(tree("a ~= b") == "(~= a b)")
        #expect(tree("x' @ y") == "(@ (' x) y)")
        #expect(tree("phi[0] + phi[1:] @ h") == "(+ (index phi 0) (@ (index phi 1:) h))")
        #expect(tree("-3") == "-3")
    }

    @Test func postfixChains() {
        #expect(tree("f(x, seed: 3)") == "(call f x seed: 3)")
        #expect(tree("f()") == "(call f)")
        #expect(tree("a.b.c") == "(. (. a b) c)")
        #expect(tree("net.layers[0].weight") == "(. (index (. net layers) 0) weight)")
        #expect(tree("f(x)(y)") == "(call (call f x) y)")
        #expect(tree("run.history.loss") == "(. (. run history) loss)")
    }

    @Test func subscriptsAndSlices() {
        #expect(tree("a[1:]") == "(index a 1:)")
        #expect(tree("a[:, 0]") == "(index a : 0)")
        #expect(tree("a[2:5]") == "(index a 2:5)")
        #expect(tree("a[::2]") == "(index a ::2)")
        #expect(tree("a[-1]") == "(index a -1)")
        #expect(tree("a[1:5:2, :3]") == "(index a 1:5:2 :3)")
    }

    @Test func literals() {
        #expect(tree("[1, 2; 3, 4]") == "[1 2; 3 4]")
        #expect(tree("[[1, 2], [3, 4]]") == "[[1 2] [3 4]]")
        #expect(tree("[]") == "[]")
        #expect(tree("[1,\n 2,\n]") == "[1 2]")
        #expect(tree("{lr: 0.1, epochs: 5}") == "{lr: 0.1, epochs: 5}")
        #expect(tree("{\n lr: 0.1\n epochs: 5\n}") == "{lr: 0.1, epochs: 5}")
        #expect(tree("{}") == "{}")
        #expect(tree("\"hi\"") == "\"hi\"")
        #expect(tree("true and none == none") == "(and true (== none none))")
        #expect(tree("640x400") == "640x400")
    }

    @Test func lambdas() {
        #expect(tree("(a, b) -> a + b") == "(lambda (a b) (+ a b))")
        #expect(tree("x -> x * 2") == "(lambda (x) (* x 2))")
        #expect(tree("() -> 1") == "(lambda () 1)")
        #expect(tree("map(xs, x -> x + 1)") == "(call map xs (lambda (x) (+ x 1)))")
        #expect(tree("(a) + 1") == "(+ a 1)")
    }

    @Test func ifExpressions() {
        #expect(tree("if a { 1 } else if b { 2 } else { 3 }") == "(if a {1} b {2} else {3})")
        #expect(tree("y = if a > 0 { a } else { -a }") == "(= y (if (> a 0) {a} else {(- a)}))")
        #expect(tree("if a {\n 1\n}\nelse {\n 2\n}") == "(if a {1} else {2})")
        #expect(tree("if a { 1 }\nb") == "(if a {1})\nb")
    }
}

@Suite struct ParserStatementTests {
    @Test func bindingsAndAssignments() {
        #expect(tree("x = 1 + 2") == "(= x (+ 1 2))")
        #expect(tree("a[0] = 1") == "(= (index a 0) 1)")
        #expect(tree("net.layers[0].weight = w") == "(= (. (index (. net layers) 0) weight) w)")
        #expect(tree("x = 1; y = 2") == "(= x 1)\n(= y 2)")
        #expect(tree("x = 1 +\n  2") == "(= x (+ 1 2))")
    }

    @Test func functions() {
        #expect(tree("fn f(x, y) = x + y") == "(fn f (x y) (+ x y))")
        #expect(tree("fn loss(p) {\n  r = p[0] - 1\n  sum(r ^ 2)\n}") == "(fn loss (p) {(= r (- (index p 0) 1)); (call sum (^ r 2))})")
        #expect(tree("fn g() { return 1 }") == "(fn g () {(return 1)})")
        #expect(tree("fn g() { return }") == "(fn g () {(return)})")
    }

    @Test func loops() {
        #expect(tree("for i in 0..<10 { print(i) }") == "(for i (..< 0 10) {(call print i)})")
        #expect(tree("while x < 3 { x = x + 1; if x == 2 { break } else { continue } }")
            == "(while (< x 3) {(= x (+ x 1)); (if (== x 2) {break} else {continue})})")
    }

    @Test func expectations() {
        #expect(tree("expect a == b") == "(expect (== a b))")
        #expect(tree("expect y[50] ~= 0.827 within 1e-3") == "(expect (~= (index y 50) 0.827 within 0.001))")
        #expect(tree("expect a < b") == "(expect (< a b))")
        #expect(tree("expect a >= b") == "(expect (>= a b))")
        #expect(tree("expect a != b") == "(expect (!= a b))")
        #expect(tree("expect done") == "(expect done)")
    }

    @Test func dataAndLossDeclarations() {
        #expect(tree("data toy = regression1d(n: 30, seed: seed)") == "(data toy (call regression1d n: 30 seed: seed))")
        #expect(tree("data (train, test) = split(digits, 0.8, seed: 0)") == "(data (train test) (call split digits 0.8 seed: 0))")
        #expect(tree("loss ce = cross_entropy") == "(loss ce cross_entropy)")
        #expect(tree("loss reg = cross_entropy + 0.01 * l2") == "(loss reg (+ cross_entropy (* 0.01 l2)))")
        // Contextual keywords stay ordinary names elsewhere.
        #expect(tree("data = 3\nloss(p)\ntrain.x\nbatches(train, 32)") == "(= data 3)\n(call loss p)\n(. train x)\n(call batches train 32)")
        #expect(tree("fn loss(p) = p") == "(fn loss (p) p)")
    }

    @Test func networkDeclarations() {
        #expect(tree("network shallow {\n  dense 3, relu   # comment\n  dense 1\n}") == "(network shallow (dense 3 relu) (dense 1))")
        #expect(tree("network lenet {\n input 1, 8, 8\n conv2d 6, kernel: 3, pad: 1, relu\n maxpool 2\n flatten\n dense 10\n}")
            == "(network lenet (input 1 8 8) (conv2d 6 kernel: 3 pad: 1 relu) (maxpool 2) (flatten) (dense 10))")
        #expect(tree("network n { dense 3; dense 1 }") == "(network n (dense 3) (dense 1))")
    }

    @Test func trainExpressions() {
        let source = """
        run = train shallow on toy {
          loss: mse
          optimizer: sgd(lr: lr, momentum: 0.9)
          batch: all
          epochs: 500
          record: loss, accuracy every 10
          stop: when loss < 1e-4
          metrics: loss, accuracy
        }
        """
        #expect(tree(source) == "(= run (train shallow toy loss:mse optimizer:(call sgd lr: lr momentum: 0.9) batch:all epochs:500 record:(every (loss accuracy) 10) stop:(when (< loss 0.0001)) metrics:(loss accuracy)))")
        #expect(tree("train nets[0] on mnist.train { epochs: 1 }") == "(train (index nets 0) (. mnist train) epochs:1)")
    }

    @Test func figureDeclarations() {
        let source = """
        figure "shallow_fit" (xlabel: "x", ylabel: "y", size: 640x400) {
          scatter toy.x, toy.y, title: "data"
          line x, shallow(x), title: "fit"
        }
        """
        #expect(tree(source) == "(figure \"shallow_fit\" (xlabel: \"x\" ylabel: \"y\" size: 640x400) (scatter (. toy x) (. toy y) title: \"data\") (line x (call shallow x) title: \"fit\"))")
        #expect(tree("figure \"s\" {\n  heatmap xs, ys, (a, b) -> f(a, b)\n}") == "(figure \"s\" (heatmap xs ys (lambda (a b) (call f a b))))")
        #expect(tree("figure \"a\" (layout: 2x3) {\n panel \"ReLU\" { line z, relu(z) }\n panel \"tanh\" {\n line z, tanh(z)\n }\n}")
            == "(figure \"a\" (layout: 2x3) (panel \"ReLU\" (line z (call relu z))) (panel \"tanh\" (line z (call tanh z))))")
    }

    @Test func rangesOnEveryNode() {
        let file = SourceFile(name: "t", text: "x = foo(1, 2)")
        let result = Parser.parse(file)
        guard case .assignment(_, let value, let range)? = result.program.statements.first else {
            Issue.record("expected an assignment"); return
        }
        #expect(range.text == "x = foo(1, 2)")
        #expect(value.range.text == "foo(1, 2)")
    }
}
