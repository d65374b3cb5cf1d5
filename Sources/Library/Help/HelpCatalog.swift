/// One-line help for every built-in function and keyword: what `:help` in
/// the REPL shows. `docs/language.md` documents the same names; a test keeps
/// the two in step.
public enum HelpCatalog {
    public struct Entry: Sendable {
        public let name: String
        public let usage: String
        public let summary: String
    }

    public static func entry(_ name: String) -> Entry? { entries.first { $0.name == name } }

    public static let entries: [Entry] = functions + keywords

    public static let functions: [Entry] = [
        Entry(name: "print", usage: "print(a, b, …)", summary: "write values on one line"),
        Entry(name: "exp", usage: "exp(x)", summary: "e^x, elementwise"),
        Entry(name: "log", usage: "log(x)", summary: "natural logarithm, elementwise"),
        Entry(name: "sqrt", usage: "sqrt(x)", summary: "square root, elementwise"),
        Entry(name: "abs", usage: "abs(x)", summary: "absolute value, elementwise"),
        Entry(name: "sin", usage: "sin(x)", summary: "sine, elementwise"),
        Entry(name: "cos", usage: "cos(x)", summary: "cosine, elementwise"),
        Entry(name: "tanh", usage: "tanh(x)", summary: "hyperbolic tangent, elementwise"),
        Entry(name: "sigmoid", usage: "sigmoid(x)", summary: "1 / (1 + e^-x), elementwise"),
        Entry(name: "relu", usage: "relu(x)", summary: "max(0, x), elementwise"),
        Entry(name: "softplus", usage: "softplus(x)", summary: "log(1 + e^x), elementwise"),
        Entry(name: "step", usage: "step(x)", summary: "Heaviside step: 1 where x ≥ 0, else 0"),
        Entry(name: "leaky_relu", usage: "leaky_relu(x, slope: 0.01)", summary: "x where x > 0, slope·x elsewhere"),
        Entry(name: "clamp", usage: "clamp(x, low, high)", summary: "each element limited to [low, high]"),
        Entry(name: "where", usage: "where(condition, a, b)", summary: "a where condition is non-zero, b elsewhere"),
        Entry(name: "sum", usage: "sum(x, axis: k, keep: false)", summary: "sum of all elements, or along an axis"),
        Entry(name: "mean", usage: "mean(x, axis: k, keep: false)", summary: "mean of all elements, or along an axis"),
        Entry(name: "max", usage: "max(x, axis: k) or max(a, b)", summary: "largest element (along an axis), or elementwise maximum"),
        Entry(name: "min", usage: "min(x, axis: k) or min(a, b)", summary: "smallest element (along an axis), or elementwise minimum"),
        Entry(name: "argmax", usage: "argmax(x, axis: k)", summary: "position of the largest element"),
        Entry(name: "logsumexp", usage: "logsumexp(x, axis: k)", summary: "log Σ e^x, computed stably"),
        Entry(name: "softmax", usage: "softmax(x, axis: -1)", summary: "e^x / Σ e^x along an axis"),
        Entry(name: "log_softmax", usage: "log_softmax(x, axis: -1)", summary: "x − logsumexp(x) along an axis"),
        Entry(name: "reshape", usage: "reshape(x, [rows, cols])", summary: "same elements, another shape (one size may be -1)"),
        Entry(name: "transpose", usage: "transpose(x)", summary: "swap the last two axes (also x')"),
        Entry(name: "shape", usage: "shape(x)", summary: "the sizes of x's axes"),
        Entry(name: "size", usage: "size(x)", summary: "the number of elements of x"),
        Entry(name: "concat", usage: "concat(a, b, …, axis: 0)", summary: "join tensors along an existing axis"),
        Entry(name: "stack", usage: "stack(a, b, …, axis: 0)", summary: "join tensors of one shape along a new axis"),
        Entry(name: "number", usage: "number(x)", summary: "a one-element tensor as a plain number"),
        Entry(name: "matmul", usage: "matmul(a, b)", summary: "matrix product (also a @ b)"),
        Entry(name: "conv2d", usage: "conv2d(x, filters, stride: 1, pad: 0)", summary: "2-D convolution of [N, C, H, W] with [O, C, KH, KW]"),
        Entry(name: "maxpool", usage: "maxpool(x, size, stride: size)", summary: "max pooling over [N, C, H, W]"),
        Entry(name: "zeros", usage: "zeros([rows, cols])", summary: "a tensor of zeros"),
        Entry(name: "ones", usage: "ones([rows, cols])", summary: "a tensor of ones"),
        Entry(name: "full", usage: "full(shape, value)", summary: "a tensor filled with one value"),
        Entry(name: "eye", usage: "eye(n)", summary: "the n×n identity matrix"),
        Entry(name: "linspace", usage: "linspace(start, end, count)", summary: "count evenly spaced numbers, both ends included"),
        Entry(name: "arange", usage: "arange(start, end, step: 1)", summary: "numbers from start up to (not including) end"),
        Entry(name: "tensor", usage: "tensor(x)", summary: "a number, range or list as a tensor"),
        Entry(name: "rand", usage: "rand(shape, seed: s, low: 0, high: 1)", summary: "uniform random numbers (NumPy's RandomState(s).rand)"),
        Entry(name: "randn", usage: "randn(shape, seed: s, mean: 0, std: 1)", summary: "normal random numbers (NumPy's RandomState(s).randn)"),
        Entry(name: "permutation", usage: "permutation(n, seed: s)", summary: "a random ordering of 0..<n"),
        Entry(name: "grad", usage: "grad(f, at: p)", summary: "the gradient of a scalar function f at p, by reverse-mode autodiff"),
    ]

    public static let keywords: [Entry] = [
        Entry(name: "fn", usage: "fn f(x) = … or fn f(x) { … }", summary: "define a function"),
        Entry(name: "if", usage: "if cond { … } else { … }", summary: "choose by a bool condition"),
        Entry(name: "for", usage: "for x in 1...10 { … }", summary: "loop over a range, tensor or list"),
        Entry(name: "while", usage: "while cond { … }", summary: "loop while a condition holds"),
        Entry(name: "break", usage: "break", summary: "leave the innermost loop"),
        Entry(name: "continue", usage: "continue", summary: "go to the next iteration"),
        Entry(name: "return", usage: "return value", summary: "leave a function with a value"),
        Entry(name: "expect", usage: "expect a ~= b within tol", summary: "check a value; a failure fails the cell (==, ~=, <, >, <=, >=, !=)"),
        Entry(name: "and", usage: "a and b", summary: "both (short-circuit)"),
        Entry(name: "or", usage: "a or b", summary: "either (short-circuit)"),
        Entry(name: "not", usage: "not a", summary: "negation"),
    ]
}
