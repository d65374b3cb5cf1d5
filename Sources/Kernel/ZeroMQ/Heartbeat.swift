import CZmq
import Foundation

/// The heartbeat channel: a REP socket echoing every ping on an OS thread of its own,
/// so a long cell on the execution thread never makes the frontend think the kernel died.
final class Heartbeat: @unchecked Sendable {
    private let socket: ZmqSocket

    init(context: ZmqContext, endpoint: String) throws {
        socket = try context.socket(ZMQ_REP)
        try socket.bind(endpoint)
    }

    func start() {
        let thread = Thread { [socket] in
            // Ends when the context is terminated (receive fails with ETERM); closing the
            // socket then lets the termination finish.
            while let ping = try? socket.receive(), (try? socket.send(ping)) != nil {}
            socket.close()
        }
        thread.name = "dln-heartbeat"
        thread.start()
    }
}
