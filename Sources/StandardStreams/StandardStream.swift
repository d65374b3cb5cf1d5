import Foundation

/// Writes to standard output or error that survive a reader going away.
///
/// dln ignores SIGPIPE (a gnuplot that dies must not kill it), so a write to
/// a closed pipe — `dln run nb.dln | head -1` — fails with EPIPE, and
/// `FileHandle.write` traps on failure. Here EPIPE ends dln the way SIGPIPE
/// would have, silently, as any command in a pipeline does; a closed or
/// unwritable descriptor (`2>&-`) drops the text, since there is nowhere left to say it.
public enum StandardStream {
    public static func write(_ text: String, to descriptor: Int32 = STDOUT_FILENO) {
        write(bytes: Array(text.utf8), to: descriptor)
    }

    public static func write(_ data: Data, to descriptor: Int32 = STDOUT_FILENO) {
        write(bytes: [UInt8](data), to: descriptor)
    }

    private static func write(bytes: [UInt8], to descriptor: Int32) {
        var bytes = bytes[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written >= 0 {
                bytes = bytes.dropFirst(written)
            } else if errno == EINTR {
                continue
            } else if errno == EAGAIN {
                // A non-blocking descriptor (set by whoever started dln) that is full: wait, not spin.
                var ready = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                _ = poll(&ready, 1, -1)
            } else if errno == EPIPE {
                signal(SIGPIPE, SIG_DFL)
                raise(SIGPIPE)
                return
            } else {
                return  // nowhere left to say it
            }
        }
    }
}
