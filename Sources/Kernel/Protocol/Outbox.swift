import Foundation

/// The channels a kernel sends on.
enum Channel {
    case shell, control, iopub
}

/// Messages waiting for the I/O thread, which alone touches the sockets (libzmq's
/// sockets are not thread-safe). Adding one wakes the I/O thread through a pipe it polls.
final class Outbox: @unchecked Sendable {
    private let lock = NSLock()
    private var queued: [(Channel, KernelMessage)] = []
    /// The read end is polled with the sockets; a byte on it means "look at the queue".
    let wakeReader: Int32
    private let wakeWriter: Int32

    init() throws {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw ZmqError("pipe") }
        wakeReader = ends[0]
        wakeWriter = ends[1]
        for end in ends { _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK) }
    }

    deinit {
        close(wakeReader)
        close(wakeWriter)
    }

    func send(_ message: KernelMessage, on channel: Channel) {
        lock.withLock { queued.append((channel, message)) }
        var byte: UInt8 = 1
        _ = write(wakeWriter, &byte, 1)
    }

    /// Everything queued so far, oldest first.
    func take() -> [(Channel, KernelMessage)] {
        var bytes = [UInt8](repeating: 0, count: 256)
        while read(wakeReader, &bytes, bytes.count) > 0 {}
        return lock.withLock {
            defer { queued.removeAll() }
            return queued
        }
    }
}
