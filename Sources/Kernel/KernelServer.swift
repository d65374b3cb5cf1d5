import Console
import CZmq
import Foundation
import Language
import Library

/// `dln kernel`: a Jupyter kernel. The I/O thread (the caller of `run`) owns the shell,
/// control, stdin and IOPub sockets; shell requests run in order on the execution
/// thread, so completion and inspection wait for a running cell as in any kernel;
/// control requests (interrupt, shutdown) are answered at once, even mid-cell. The
/// heartbeat echoes on a thread of its own.
public final class KernelServer: @unchecked Sendable {
    public struct Options {
        public var precision: Precision
        public var version: String
        /// Where diagnostics about the protocol go (dropped messages, bad signatures).
        public var log: (String) -> Void

        public init(precision: Precision = .single, version: String, log: @escaping (String) -> Void) {
            self.precision = precision
            self.version = version
            self.log = log
        }
    }

    let options: Options
    let wire: WireFormat
    let sessionID = UUID().uuidString.lowercased()
    private let context: ZmqContext
    private let shell, control, stdin, iopub: ZmqSocket
    private let heartbeat: Heartbeat
    private let outbox: Outbox
    private let executions = DispatchQueue(label: "dln-kernel-execution")
    private let figureFolder: URL
    let interpreter: CellInterpreter
    /// Shell messages received so far (I/O thread), and the last one to abort because an
    /// earlier cell failed (execution thread): "Run All" stops at the first error, as in IPython.
    private let sequenceLock = NSLock()
    private var received = 0
    private var abortedThrough = 0
    private let shutdownLock = NSLock()
    private var shutdownFlag = false
    private var shutdownRequested: Bool {
        get { shutdownLock.withLock { shutdownFlag } }
        set { shutdownLock.withLock { shutdownFlag = newValue } }
    }

    public init(connection: ConnectionInfo, options: Options) throws {
        self.options = options
        wire = WireFormat(signer: MessageSigner(key: connection.key))
        context = try ZmqContext()
        shell = try context.socket(ZMQ_ROUTER)
        control = try context.socket(ZMQ_ROUTER)
        stdin = try context.socket(ZMQ_ROUTER)
        iopub = try context.socket(ZMQ_PUB)
        try shell.bind(connection.endpoint(connection.shellPort))
        try control.bind(connection.endpoint(connection.controlPort))
        try stdin.bind(connection.endpoint(connection.stdinPort))
        try iopub.bind(connection.endpoint(connection.iopubPort))
        heartbeat = try Heartbeat(context: context, endpoint: connection.endpoint(connection.hbPort))
        outbox = try Outbox()
        figureFolder = FileManager.default.temporaryDirectory
            .appendingPathComponent("dln-kernel-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))")
        interpreter = CellInterpreter(precision: options.precision, figureFolder: figureFolder)
    }

    /// Serves until a shutdown request; SIGINT interrupts the running cell.
    public func run() throws {
        heartbeat.start()
        let monitor = InterruptMonitor(signals: [SIGINT]) { [interpreter] _ in interpreter.interrupt() }
        defer {
            monitor.stop()
            try? FileManager.default.removeItem(at: figureFolder)
        }
        publishStatus("starting", parent: [:])
        let sources: [ZmqPoll.Source] = [.socket(control), .socket(shell), .socket(stdin), .file(outbox.wakeReader)]
        while true {
            for index in try ZmqPoll.readable(sources) {
                switch index {
                case 0: receive(on: control) { self.handleControl($0) }
                case 1:
                    receive(on: shell) { message in
                        let sequence = sequenceLock.withLock { received += 1; return received }
                        executions.async { self.handleShell(message, sequence: sequence) }
                    }
                case 2: _ = try? stdin.receive()   // input requests are not made, so replies are unexpected
                default: break
                }
            }
            try sendQueued()
            if shutdownRequested { break }
        }
        for socket in [shell, control, stdin, iopub] { socket.close() }
        // The last replies (shutdown_reply, the idle status) leave before the process ends.
        context.terminate()
    }

    /// Reads one message; one that is malformed or wrongly signed is logged and dropped, never acted on.
    private func receive(on socket: ZmqSocket, then handle: (KernelMessage) -> Void) {
        guard let frames = try? socket.receive() else { return }
        do {
            handle(try wire.decode(frames))
        } catch {
            options.log("dln kernel: dropped a message: \(error)")
        }
    }

    private func sendQueued() throws {
        for (channel, message) in outbox.take() {
            let socket = channel == .shell ? shell : channel == .control ? control : iopub
            try socket.send(wire.encode(message))
        }
    }

    // MARK: Sending

    func send(_ message: KernelMessage, on channel: Channel) {
        outbox.send(message, on: channel)
    }

    /// Publishes on IOPub, as an answer to `parent`.
    func publish(_ type: String, _ content: JSONObject, parent: JSONObject) {
        var message = KernelMessage(header: KernelMessage.header(type, session: sessionID), parentHeader: parent, content: content)
        message.identities = [Data("kernel.\(sessionID).\(type)".utf8)]
        send(message, on: .iopub)
    }

    func publishStatus(_ state: String, parent: JSONObject) {
        publish("status", ["execution_state": state], parent: parent)
    }

    func reply(to request: KernelMessage, _ type: String, _ content: JSONObject, on channel: Channel) {
        send(request.reply(type, content: content, session: sessionID), on: channel)
    }

    // MARK: Control

    private func handleControl(_ request: KernelMessage) {
        switch request.type {
        case "interrupt_request":
            interpreter.interrupt()
            reply(to: request, "interrupt_reply", ["status": "ok"], on: .control)
        case "shutdown_request":
            shutDown(request, on: .control)
        case "kernel_info_request":
            reply(to: request, "kernel_info_reply", kernelInfo, on: .control)
        default:
            options.log("dln kernel: ignored control request '\(request.type)'")
        }
    }

    /// Stops the running cell, answers, and ends the serving loop once the answer has left
    /// (the answer queued last wakes the loop, which then sees the flag).
    private func shutDown(_ request: KernelMessage, on channel: Channel) {
        interpreter.interrupt()
        let restart = request.content["restart"] as? Bool ?? false
        publishStatus("busy", parent: request.header)
        reply(to: request, "shutdown_reply", ["status": "ok", "restart": restart], on: channel)
        shutdownRequested = true
        publishStatus("idle", parent: request.header)
    }

    // MARK: Shell

    /// Runs on the execution thread, one request after another.
    private func handleShell(_ request: KernelMessage, sequence: Int) {
        publishStatus("busy", parent: request.header)
        defer { publishStatus("idle", parent: request.header) }
        if request.type == "execute_request", sequence <= abortedThrough {
            return reply(to: request, "execute_reply", ["status": "aborted", "execution_count": interpreter.executionCount], on: .shell)
        }
        let queries = CodeQueries(session: interpreter.session)
        let code = request.content["code"] as? String ?? ""
        let cursor = request.content["cursor_pos"] as? Int ?? code.unicodeScalars.count
        switch request.type {
        case "execute_request": execute(request)
        case "kernel_info_request": reply(to: request, "kernel_info_reply", kernelInfo, on: .shell)
        case "is_complete_request": reply(to: request, "is_complete_reply", queries.isComplete(code), on: .shell)
        case "complete_request": reply(to: request, "complete_reply", queries.complete(code, cursor: cursor), on: .shell)
        case "inspect_request": reply(to: request, "inspect_reply", queries.inspect(code, cursor: cursor), on: .shell)
        case "history_request": reply(to: request, "history_reply", historyReply(request.content), on: .shell)
        case "comm_info_request": reply(to: request, "comm_info_reply", ["status": "ok", "comms": [:] as JSONObject], on: .shell)
        case "shutdown_request": shutDown(request, on: .shell)
        default:
            options.log("dln kernel: ignored shell request '\(request.type)'")
        }
    }

    private func execute(_ request: KernelMessage) {
        let code = request.content["code"] as? String ?? ""
        let silent = request.content["silent"] as? Bool ?? false
        let store = !silent && (request.content["store_history"] as? Bool ?? true)
        let number = interpreter.count(code, store: store)
        if !silent { publish("execute_input", ["code": code, "execution_count": number], parent: request.header) }
        interpreter.sink.publish = { [weak self] type, content in
            if !silent { self?.publish(type, content, parent: request.header) }
        }
        var content: JSONObject = ["execution_count": number]
        if let page = interpreter.helpPage(for: code) {
            // `:help NAME`, as in the REPL: Jupyter shows the text in its pager.
            content.merge(["status": "ok", "user_expressions": [:] as JSONObject,
                           "payload": [["source": "page", "data": ["text/plain": page], "start": 0] as JSONObject]]) { $1 }
            return reply(to: request, "execute_reply", content, on: .shell)
        }
        switch interpreter.execute(code, number: number) {
        case .ok(let result):
            if let result, !silent {
                publish("execute_result", ["execution_count": number, "data": ["text/plain": result],
                                           "metadata": [:] as JSONObject], parent: request.header)
            }
            content["status"] = "ok"
            content["user_expressions"] = [:] as JSONObject
            content["payload"] = [] as [Any]
        case let .failed(ename, evalue, traceback):
            let error: JSONObject = ["ename": ename, "evalue": evalue, "traceback": traceback]
            if !silent { publish("error", error, parent: request.header) }
            content.merge(error) { $1 }
            content["status"] = "error"
            if !silent && request.content["stop_on_error"] as? Bool ?? true {
                abortedThrough = sequenceLock.withLock { received }
            }
        }
        reply(to: request, "execute_reply", content, on: .shell)
    }
}
