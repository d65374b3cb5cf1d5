import Foundation
import Testing

/// `dln kernel` and `dln convert` on bad input: diagnostics and exit status 2, never a crash.
@Suite("dln kernel and dln convert on bad input")
struct KernelCommandLineTests {
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dln-kernel-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test(arguments: [
        ("", "is not a Jupyter connection file"),
        ("[]", "is not a Jupyter connection file"),
        (#"{"shell_port": 1}"#, "it has no \"iopub_port\""),
        (#"{"shell_port": "x", "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5}"#, "\"shell_port\" has the wrong type"),
        (#"{"shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 70000, "key": ""}"#, "ports must be between"),
        (#"{"shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5, "key": "k", "signature_scheme": "hmac-md5"}"#,
         "signature scheme 'hmac-md5'"),
        (#"{"shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5, "transport": "udp"}"#, "transport 'udp'"),
    ])
    func aBadConnectionFileIsDiagnosed(json: String, expected: String) throws {
        let file = try Self.folder().appendingPathComponent("kernel.json")
        try Data(json.utf8).write(to: file)
        let result = try DLNProcess.run(["kernel", "--connection-file", file.path], timeout: 60)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains(file.path) && result.stderr.contains(expected), "\(result.stderr)")
    }

    @Test func aMissingConnectionFileIsDiagnosed() throws {
        let result = try DLNProcess.run(["kernel", "--connection-file", "/nonexistent/kernel-1.json"], timeout: 60)
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot read the connection file '/nonexistent/kernel-1.json'"), "\(result.stderr)")
    }

    @Test func anAddressInUseIsDiagnosed() throws {
        // Two kernels cannot listen on the same ports: the second says which address.
        let socket = try TCPListener()
        let file = try Self.folder().appendingPathComponent("kernel.json")
        let port = socket.port
        try Data(#"{"shell_port": \#(port), "iopub_port": \#(port), "stdin_port": \#(port), "control_port": \#(port), "hb_port": \#(port), "ip": "127.0.0.1", "key": "k"}"#.utf8)
            .write(to: file)
        let result = try DLNProcess.run(["kernel", "--connection-file", file.path], timeout: 60)
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot bind tcp://127.0.0.1:\(port)"), "\(result.stderr)")
    }

    @Test func convertRefusesToReplaceAFileUnlessForced() throws {
        let folder = try Self.folder()
        let notebook = folder.appendingPathComponent("n.dln")
        try Data("%% a\nx = 1\n".utf8).write(to: notebook)
        let target = folder.appendingPathComponent("n.ipynb")
        try Data("mine".utf8).write(to: target)
        let refused = try DLNProcess.run(["convert", notebook.path, "--to", "ipynb"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("exists; dln does not replace it"), "\(refused.stderr)")
        #expect(try String(contentsOf: target, encoding: .utf8) == "mine")
        #expect(try DLNProcess.run(["convert", notebook.path, "--to", "ipynb", "--force"]).status == 0)
        let back = try DLNProcess.run(["convert", target.path, "--to", "dln", "-o", "-"])
        #expect(back.status == 0)
        #expect(back.stdout == "%% a\nx = 1\n")
    }

    @Test func convertDiagnosesAHostileNotebook() throws {
        let folder = try Self.folder()
        let bad = folder.appendingPathComponent("bad.ipynb")
        try Data(#"{"nbformat": 4, "cells": [{"cell_type": "code", "source": {"a": 1}}]}"#.utf8).write(to: bad)
        let result = try DLNProcess.run(["convert", bad.path, "--to", "dln"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("cell 1 has a source that is neither text nor a list of lines"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("bad.dln").path))
        let missing = try DLNProcess.run(["convert", folder.appendingPathComponent("none.dln").path, "--to", "ipynb"])
        #expect(missing.status == 2)
    }

    @Test func installRefusesAKernelItDidNotWrite() throws {
        let prefix = try Self.folder()
        let spec = prefix.appendingPathComponent("share/jupyter/kernels/dln")
        try FileManager.default.createDirectory(at: spec, withIntermediateDirectories: true)
        try Data(#"{"argv": ["python"], "display_name": "someone else's"}"#.utf8).write(to: spec.appendingPathComponent("kernel.json"))
        let result = try DLNProcess.run(["kernel", "install", "--prefix", prefix.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("belongs to another kernel"), "\(result.stderr)")
        let bad = try DLNProcess.run(["kernel", "install", "--prefix", prefix.path, "--name", "../escape"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("cannot name a kernel"), "\(bad.stderr)")
        #expect(try DLNProcess.run(["kernel", "install", "--prefix", prefix.path, "--name", "dln-2"]).status == 0)
        // A second install over its own kernelspec is fine.
        #expect(try DLNProcess.run(["kernel", "install", "--prefix", prefix.path, "--name", "dln-2"]).status == 0)
    }
}

/// A listening TCP socket on a free port, closed when released.
final class TCPListener {
    let descriptor: Int32
    let port: Int

    init() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) } }
        guard bound == 0, listen(listener, 1) == 0 else {
            close(listener)
            throw POSIXError(.EADDRINUSE)
        }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) } }
        descriptor = listener
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(descriptor) }
}
