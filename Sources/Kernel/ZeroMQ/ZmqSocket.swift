import CZmq
import Foundation

/// A failed libzmq call, with libzmq's reason.
public struct ZmqError: Error, CustomStringConvertible {
    public let operation: String
    public let code: Int32
    public var description: String { "\(operation): \(String(cString: zmq_strerror(code)))" }

    init(_ operation: String) {
        self.operation = operation
        code = zmq_errno()
    }

    /// Whether the context was shut down (the socket's owner should stop).
    var isTerminated: Bool { code == ETERM }
}

/// One libzmq context: the kernel has one, shared by its sockets.
public final class ZmqContext: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer

    public init() throws {
        guard let handle = zmq_ctx_new() else { throw ZmqError("zmq_ctx_new") }
        self.handle = handle
    }

    /// Waits until every socket is closed and what they had queued has been sent
    /// (or their linger time is up); blocked calls on other threads fail with ETERM.
    public func terminate() {
        while zmq_ctx_term(handle) != 0 && zmq_errno() == EINTR {}
    }

    /// A socket of `type` (`ZMQ_ROUTER`, `ZMQ_PUB`, `ZMQ_REP`, …).
    public func socket(_ type: Int32) throws -> ZmqSocket {
        guard let socket = zmq_socket(handle, type) else { throw ZmqError("zmq_socket") }
        return ZmqSocket(handle: socket)
    }
}

/// A libzmq socket. Like libzmq's own, it must be used by one thread at a time.
public final class ZmqSocket: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer
    private var isClosed = false

    init(handle: UnsafeMutableRawPointer) {
        self.handle = handle
        // Replies still queued when the kernel ends get a second to leave.
        setOption(ZMQ_LINGER, 1000)
    }

    /// Binds to `endpoint`, such as `tcp://127.0.0.1:5555`.
    public func bind(_ endpoint: String) throws {
        guard zmq_bind(handle, endpoint) == 0 else { throw ZmqError("cannot bind \(endpoint)") }
    }

    /// Connects to `endpoint` (tests play the frontend with this).
    public func connect(_ endpoint: String) throws {
        guard zmq_connect(handle, endpoint) == 0 else { throw ZmqError("cannot connect to \(endpoint)") }
    }

    func setOption(_ option: Int32, _ value: Int32) {
        var value = value
        _ = zmq_setsockopt(handle, option, &value, MemoryLayout<Int32>.size)
    }

    /// Sets the identity a DEALER presents to a ROUTER (tests use it).
    public func setIdentity(_ identity: Data) {
        _ = identity.withUnsafeBytes { zmq_setsockopt(handle, ZMQ_ROUTING_ID, $0.baseAddress, identity.count) }
    }

    /// Sends the frames of one message.
    public func send(_ frames: [Data]) throws {
        for (index, frame) in frames.enumerated() {
            let flags = index == frames.count - 1 ? 0 : ZMQ_SNDMORE
            let sent = frame.withUnsafeBytes { zmq_send(handle, $0.baseAddress, frame.count, flags) }
            if sent < 0 {
                if zmq_errno() == EINTR { continue }
                throw ZmqError("zmq_send")
            }
        }
    }

    /// Receives the frames of one message, waiting for it.
    public func receive() throws -> [Data] {
        var frames: [Data] = []
        var message = zmq_msg_t()
        zmq_msg_init(&message)
        defer { zmq_msg_close(&message) }
        repeat {
            while zmq_msg_recv(&message, handle, 0) < 0 {
                guard zmq_errno() == EINTR else { throw ZmqError("zmq_msg_recv") }
            }
            let size = zmq_msg_size(&message)
            frames.append(size == 0 ? Data() : Data(bytes: zmq_msg_data(&message), count: size))
        } while zmq_msg_more(&message) != 0
        return frames
    }

    public func close() {
        guard !isClosed else { return }
        isClosed = true
        zmq_close(handle)
    }

    deinit { close() }
}

/// Waits until one of several sockets or file descriptors can be read.
enum ZmqPoll {
    enum Source {
        case socket(ZmqSocket)
        case file(Int32)
    }

    /// The indices of the sources ready to read, waiting at most `timeout` milliseconds (-1: forever).
    static func readable(_ sources: [Source], timeout: Int = -1) throws -> [Int] {
        var items = sources.map { source -> zmq_pollitem_t in
            switch source {
            case .socket(let socket): return zmq_pollitem_t(socket: socket.handle, fd: -1, events: Int16(ZMQ_POLLIN), revents: 0)
            case .file(let descriptor): return zmq_pollitem_t(socket: nil, fd: descriptor, events: Int16(ZMQ_POLLIN), revents: 0)
            }
        }
        let count = zmq_poll(&items, Int32(items.count), timeout)
        if count < 0 {
            if zmq_errno() == EINTR { return [] }
            throw ZmqError("zmq_poll")
        }
        return items.indices.filter { items[$0].revents & Int16(ZMQ_POLLIN) != 0 }
    }
}
