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
        Entry(name: "step", usage: "step(x) or step(opt, loss)", summary: "Heaviside step; or back-propagate a loss and take an optimiser step"),
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
    ] + models

    /// Data sets, networks, losses, optimisers and training.
    public static let models: [Entry] = [
        Entry(name: "csv", usage: "csv(path, label: \"label\")", summary: "a data set from a CSV file with a header"),
        Entry(name: "npy", usage: "npy(path)", summary: "a NumPy .npy array as a tensor"),
        Entry(name: "idx", usage: "idx(images, labels, scale: true)", summary: "a data set from MNIST IDX files"),
        Entry(name: "dataset", usage: "dataset(x, y)", summary: "a data set from inputs and targets"),
        Entry(name: "regression1d", usage: "regression1d(n: 30, noise: 0.1, seed: s)", summary: "y = sin(2πx) + noise on [0, 1)"),
        Entry(name: "gabor", usage: "gabor(n: 30, noise: 0.1, seed: s)", summary: "the Gabor regression model of the course"),
        Entry(name: "xor", usage: "xor()", summary: "the four rows of XOR"),
        Entry(name: "boolean", usage: "boolean(\"and\")", summary: "the four rows of a Boolean function of two inputs"),
        Entry(name: "blobs", usage: "blobs(n: 100, std: 0.5, seed: s)", summary: "two Gaussian blobs in the plane"),
        Entry(name: "moons", usage: "moons(n: 100, noise: 0.1, seed: s)", summary: "two interleaving half circles"),
        Entry(name: "spirals", usage: "spirals(n: 300, classes: 3, seed: s)", summary: "interleaved spirals, one per class"),
        Entry(name: "mnist1d", usage: "mnist1d(train: 4000, test: 1000, seed: 42)", summary: "MNIST-1D generated natively: .train, .test, .t"),
        Entry(name: "split", usage: "split(d, 0.8, seed: s)", summary: "(train, test): a random fraction and the rest"),
        Entry(name: "shuffle", usage: "shuffle(d, seed: s)", summary: "samples or rows in a random order"),
        Entry(name: "batches", usage: "batches(d, 32, shuffle: true, seed: s)", summary: "a list of mini-batches"),
        Entry(name: "one_hot", usage: "one_hot(labels, classes)", summary: "labels as one-hot rows"),
        Entry(name: "standardise", usage: "standardise(train, test)", summary: "features to mean 0, deviation 1 (statistics of the first)"),
        Entry(name: "relabel", usage: "relabel(d, labels)", summary: "the same inputs with other targets"),
        Entry(name: "params", usage: "params(net)", summary: "the number of parameters of a network"),
        Entry(name: "predict", usage: "predict(net, x)", summary: "a network's outputs, without recording gradients"),
        Entry(name: "evaluate", usage: "evaluate(net, data, metric: accuracy)", summary: "accuracy, or a loss, of a network on a data set"),
        Entry(name: "accuracy", usage: "accuracy(outputs, labels)", summary: "the fraction classified correctly"),
        Entry(name: "confusion", usage: "confusion(net, data)", summary: "counts of (true, predicted) class pairs"),
        Entry(name: "save", usage: "save(net, \"model.safetensors\")", summary: "write a network's parameters (safetensors)"),
        Entry(name: "load", usage: "load(net, \"model.safetensors\")", summary: "read a network's parameters back"),
        Entry(name: "sgd", usage: "sgd(lr: 0.1, momentum: 0.9, nesterov: false)", summary: "stochastic gradient descent"),
        Entry(name: "gd", usage: "gd(lr: 0.1)", summary: "gradient descent"),
        Entry(name: "adam", usage: "adam(lr: 0.001)", summary: "the Adam optimiser"),
        Entry(name: "he", usage: "he(seed: s)", summary: "He normal initialisation (for ReLU layers)"),
        Entry(name: "glorot", usage: "glorot(seed: s)", summary: "Glorot uniform initialisation"),
        Entry(name: "normal", usage: "normal(mean: 0, std: 1, seed: s)", summary: "normal initialisation"),
        Entry(name: "uniform", usage: "uniform(low: -1, high: 1, seed: s)", summary: "uniform initialisation"),
        Entry(name: "constant", usage: "constant(c)", summary: "every parameter c"),
        Entry(name: "mse", usage: "mse(outputs, targets)", summary: "mean squared error (a loss)"),
        Entry(name: "least_squares", usage: "least_squares(outputs, targets)", summary: "sum of squared errors (a loss)"),
        Entry(name: "bce", usage: "bce(logits, labels)", summary: "binary cross-entropy from logits (a loss)"),
        Entry(name: "cross_entropy", usage: "cross_entropy(logits, labels)", summary: "softmax cross-entropy from logits (a loss)"),
        Entry(name: "nll", usage: "nll(log_probabilities, labels)", summary: "negative log-likelihood (a loss)"),
        Entry(name: "gaussian_nll", usage: "gaussian_nll(sigma: 1)", summary: "Gaussian negative log-likelihood (a loss)"),
        Entry(name: "hinge", usage: "hinge(outputs, labels)", summary: "hinge loss against labels ±1"),
        Entry(name: "l2", usage: "l2(net)", summary: "the sum of squared weights (a regulariser)"),
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
        Entry(name: "data", usage: "data d = csv(…)", summary: "declare a data set (data (a, b) = split(…) for two)"),
        Entry(name: "network", usage: "network net { dense 3, relu … }", summary: "declare a network, one layer per line"),
        Entry(name: "loss", usage: "loss l = cross_entropy + 0.01 * l2", summary: "declare a loss"),
        Entry(name: "train", usage: "train net on data { loss: …; optimizer: …; epochs: … }", summary: "train a network natively; gives a run with its history"),
    ]
}
