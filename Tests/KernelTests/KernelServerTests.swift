import CZmq
import Foundation
import Testing
@testable import Kernel

/// The kernel in this process, spoken to over real libzmq sockets as a frontend would:
/// hostile frames are dropped and the kernel keeps answering.
@Suite("Kernel server", .serialized)
struct KernelServerTests {
    /// A kernel on free loopback ports, serving on a thread of its own, and a frontend's sockets.
    final class Harness: @unchecked Sendable {
        let key = "a-key"
        let wire: WireFormat
        let context: ZmqContext
        let shell: ZmqSocket, control: ZmqSocket, iopub: ZmqSocket
        let finished = DispatchSemaphore(value: 0)

        init() throws {
            let ports = try (0..<5).map { _ in try Self.freePort() }
            let json = #"{"shell_port": \#(ports[0]), "iopub_port": \#(ports[1]), "stdin_port": \#(ports[2]), "control_port": \#(ports[3]), "hb_port": \#(ports[4]), "ip": "127.0.0.1", "key": "a-key", "transport": "tcp", "signature_scheme": "hmac-sha256"}"#
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("dln-kernel-\(UUID().uuidString).json")
            try Data(json.utf8).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let connection = try ConnectionInfo.read(path: file.path)
            wire = WireFormat(signer: MessageSigner(key: key))
            let server = try KernelServer(connection: connection, options: KernelServer.Options(version: "test") { _ in })
            context = try ZmqContext()
            shell = try context.socket(ZMQ_DEALER)
            control = try context.socket(ZMQ_DEALER)
            iopub = try context.socket(ZMQ_SUB)
            try shell.connect(connection.endpoint(connection.shellPort))
            try control.connect(connection.endpoint(connection.controlPort))
            _ = zmq_setsockopt(iopub.handle, ZMQ_SUBSCRIBE, "", 0)
            try iopub.connect(connection.endpoint(connection.iopubPort))
            let thread = Thread { [finished] in
                try? server.run()
                finished.signal()
            }
            thread.start()
        }

        static func freePort() throws -> Int {
            let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(listener) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) } }
            _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) } }
            return Int(UInt16(bigEndian: address.sin_port))
        }

        func request(_ type: String, _ content: JSONObject) -> KernelMessage {
            KernelMessage(header: KernelMessage.header(type, session: "frontend"), content: content)
        }

        func send(_ message: KernelMessage, on socket: ZmqSocket, signedWith other: String? = nil) throws {
            let format = other.map { WireFormat(signer: MessageSigner(key: $0)) } ?? wire
            try socket.send(format.encode(message))
        }

        /// The next reply on `socket`, or nil after `seconds` without one.
        func reply(on socket: ZmqSocket, within seconds: Int = 30) throws -> KernelMessage? {
            guard try !ZmqPoll.readable([.socket(socket)], timeout: seconds * 1000).isEmpty else { return nil }
            return try wire.decode(socket.receive())
        }

        func shutDown() throws {
            try send(request("shutdown_request", ["restart": false]), on: control)
            _ = try reply(on: control)
            _ = finished.wait(timeout: .now() + 30)
            for socket in [shell, control, iopub] { socket.close() }
            context.terminate()
        }
    }

    @Test func hostileFramesAreDroppedAndTheKernelGoesOn() throws {
        let harness = try Harness()
        let hostile: [[Data]] = [
            [Data("no delimiter".utf8)],
            [WireFormat.delimiter],
            [WireFormat.delimiter, Data("sig".utf8), Data("{".utf8), Data(), Data(), Data()],
            [WireFormat.delimiter, Data(repeating: 0xFF, count: 64), Data([0xFF, 0xFE]), Data("{}".utf8), Data("{}".utf8), Data("{}".utf8)],
        ]
        for frames in hostile { try harness.shell.send(frames) }
        // Well signed, but with content of the wrong types: answered, not crashed on.
        try harness.send(harness.request("complete_request", ["code": 5, "cursor_pos": "x"]), on: harness.shell)
        let completion = try #require(try harness.reply(on: harness.shell))
        #expect(completion.type == "complete_reply")
        try harness.send(harness.request("inspect_request", ["code": "print", "cursor_pos": Int.max]), on: harness.shell)
        #expect(try harness.reply(on: harness.shell)?.content["found"] as? Bool == true)
        try harness.send(harness.request("kernel_info_request", [:]), on: harness.shell)
        let info = try #require(try harness.reply(on: harness.shell))
        #expect(info.type == "kernel_info_reply")
        #expect(info.content["protocol_version"] as? String == "5.3")
        #expect((info.content["language_info"] as? JSONObject)?["file_extension"] as? String == ".dln")
        try harness.shutDown()
    }

    @Test func aWronglySignedExecuteIsNeverAnsweredNorRun() throws {
        let harness = try Harness()
        try harness.send(harness.request("execute_request", ["code": "forged = 1", "silent": false]), on: harness.shell, signedWith: "wrong")
        try harness.send(harness.request("execute_request", ["code": "forged = 2", "silent": false]), on: harness.shell, signedWith: "")
        try harness.send(harness.request("execute_request", ["code": "forged", "silent": false]), on: harness.shell)
        let reply = try #require(try harness.reply(on: harness.shell))
        // The only answer is to the signed request, and `forged` was never bound.
        #expect(reply.content["status"] as? String == "error")
        #expect(reply.content["evalue"] as? String == "unknown name 'forged'")
        #expect(try harness.reply(on: harness.shell, within: 1) == nil)
        try harness.shutDown()
    }

    @Test func muchPrintedTextArrivesWholeInFewMessages() throws {
        let harness = try Harness()
        // PUB sockets drop messages past their high-water mark (1000): one per line would lose most.
        let request = harness.request("execute_request", ["code": "for i in 0..<20000 { print(i) }", "silent": false])
        var printed = "", streams = 0
        // The subscription takes a moment to reach the kernel: wait until a status arrives.
        for _ in 0..<50 {
            try harness.send(harness.request("kernel_info_request", [:]), on: harness.shell)
            _ = try harness.reply(on: harness.shell)
            if try harness.reply(on: harness.iopub, within: 1) != nil { break }
        }
        while try harness.reply(on: harness.iopub, within: 0) != nil {}
        try harness.send(request, on: harness.shell)
        while let message = try harness.reply(on: harness.iopub) {
            guard message.parentHeader["msg_id"] as? String == request.header["msg_id"] as? String else { continue }
            if message.type == "stream" {
                printed += message.content["text"] as? String ?? ""
                streams += 1
            }
            if message.type == "status", message.content["execution_state"] as? String == "idle" { break }
        }
        #expect(printed == (0..<20000).map { "\($0)\n" }.joined())
        #expect(streams < 100, "\(streams) stream messages")
        try harness.shutDown()
    }

    @Test func shutdownAnswersAndEndsTheServer() throws {
        let harness = try Harness()
        try harness.send(harness.request("shutdown_request", ["restart": false]), on: harness.control)
        let reply = try #require(try harness.reply(on: harness.control))
        #expect(reply.type == "shutdown_reply")
        #expect(reply.content["restart"] as? Bool == false)
        #expect(harness.finished.wait(timeout: .now() + 30) == .success)
        for socket in [harness.shell, harness.control, harness.iopub] { socket.close() }
        harness.context.terminate()
    }
}
