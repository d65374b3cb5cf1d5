import Foundation
import Testing

/// The files dln writes and reads against the real `numpy` and `safetensors`
/// packages, bit for bit, in a virtual environment under `.build/interop-venv`
/// (made once, with packages from PyPI, and reused). Skipped only when
/// `python3 -m venv` is unavailable; `scripts/test` installs python3-venv.
@Suite("Python interop", .enabled(if: PythonEnvironment.python != nil, "python3 -m venv is unavailable"))
struct PythonInteropTests {
    /// Writes NumPy's and safetensors' files from the same values in `dtype`.
    static let writeScript = """
    import sys, numpy as np
    from safetensors.numpy import save_file
    dtype = sys.argv[1]
    values = np.array([[0.1, -0.0, np.inf, -np.inf], [np.nan, 1e-40, 3.4e38, 1 / 3], [2.5, -7, 1e-8, 65504]], dtype=dtype)
    ints = np.arange(6, dtype=dtype).reshape(2, 3) * 3
    np.save('p.npy', values)
    np.save('pf.npy', np.asfortranarray(values))
    np.savez('p.npz', values=values, ints=ints)
    np.savez_compressed('pc.npz', values=values, ints=ints)
    save_file({'values': values, 'ints': ints}, 'p.safetensors')
    """

    /// Checks dln's files against NumPy's own bytes and reading, and dln's copies
    /// of the Python files against their originals; prints what differs.
    static let checkScript = """
    import io, sys, numpy as np
    from safetensors.numpy import load_file
    dtype = sys.argv[1]
    problems = []
    def same(name, a, b):
        if a.dtype != b.dtype or a.shape != b.shape or a.tobytes() != b.tobytes():
            problems.append('%s: %s %s %r differs from %s %s %r' % (name, a.dtype, a.shape, a, b.dtype, b.shape, b))
    x = np.array([[0.1, -2.5, 3e-8], [1e30, 7, 1 / 3]], dtype=dtype)
    v = np.array([1, 2, 3], dtype=dtype)
    same('x.npy', np.load('x.npy'), x)
    expected = io.BytesIO(); np.save(expected, x)
    if open('x.npy', 'rb').read() != expected.getvalue(): problems.append('x.npy: not the bytes numpy.save writes')
    w = np.load('w.npz')
    if list(w.keys()) != ['x', 'v']: problems.append('w.npz: members %s' % list(w.keys()))
    same('w.npz x', w['x'], x); same('w.npz v', w['v'], v)
    s = load_file('w.safetensors')
    same('w.safetensors x', s['x'], x); same('w.safetensors v', s['v'], v)
    torch = load_file('torch.safetensors')
    shapes = {name: t.shape for name, t in torch.items()}
    if shapes != {'0.weight': (3, 2), '0.bias': (3,), '2.weight': (1, 3), '2.bias': (1,)}:
        problems.append('torch.safetensors: %s' % shapes)
    original = np.load('p.npy')
    same('back.npy', np.load('back.npy'), original)
    same('backf.npy', np.load('backf.npy'), original)
    for name in ('p.npz', 'pc.npz'):
        back = np.load('back' + name[1:])
        for key, value in np.load(name).items(): same('back' + name[1:] + ' ' + key, back[key], value)
    back = load_file('back.safetensors')
    for key, value in load_file('p.safetensors').items(): same('back.safetensors ' + key, back[key], value)
    print('\\n'.join(problems))
    sys.exit(1 if problems else 0)
    """

    /// Loads the Python files and writes them back; writes its own values.
    static let notebook = """
    save(load("p.npy"), "back.npy")
    save(load("pf.npy"), "backf.npy")
    save(load("p.npz"), "back.npz")
    save(load("pc.npz"), "backc.npz")
    save(load("p.safetensors"), "back.safetensors")
    x = [[0.1, -2.5, 3e-8], [1e30, 7, 1 / 3]]
    v = [1, 2, 3]
    save(x, "x.npy")
    save({x: x, v: v}, "w.npz")
    save({x: x, v: v}, "w.safetensors")
    network net {
      input 2
      dense 3, relu
      dense 1
    }
    save(net, "torch.safetensors", layout: "pytorch")
    """

    @Test(arguments: [("float32", "32"), ("float64", "64")])
    func filesMatchNumPyAndSafetensorsBitForBit(dtype: String, precision: String) throws {
        let python = try #require(PythonEnvironment.python)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dln-interop-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let written = try PythonEnvironment.run(python, ["-c", Self.writeScript, dtype], in: folder)
        try #require(written.status == 0, "writing with numpy: \(written.output)")
        try (Self.notebook + "\n").write(to: folder.appendingPathComponent("interop.dln"), atomically: true, encoding: .utf8)
        let run = try DLNProcess.run(["run", "--precision", precision, "interop.dln"], directory: folder, timeout: 60)
        try #require(run.status == 0, "dln run: \(run.stderr)")
        let checked = try PythonEnvironment.run(python, ["-c", Self.checkScript, dtype], in: folder)
        #expect(checked.status == 0, "\(checked.output)")
    }
}

/// A Python virtual environment with numpy and safetensors, made on first use.
enum PythonEnvironment {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(".build/interop-venv")

    /// The environment's python with both packages importable; nil only when no venv can be made.
    /// A failing `pip install` is not a reason to skip: the test then fails and says why.
    static let python: URL? = {
        let python = folder.appendingPathComponent("bin/python")
        if (try? run(python, ["-c", "import numpy, safetensors"]))?.status == 0 { return python }
        guard let made = try? run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-m", "venv", "--clear", folder.path]),
              made.status == 0 else { return nil }
        _ = try? run(python, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "numpy", "safetensors"])
        return python
    }()

    struct Result {
        let status: Int32
        let output: String
    }

    /// Runs `executable` with stdout and stderr together.
    static func run(_ executable: URL, _ arguments: [String], in directory: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }
}
