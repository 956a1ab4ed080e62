#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How the UI thread sleeps: in `poll(2)` on the keyboard and on this pipe, which the worker
/// (a new picture, an answer) and record reads write a byte to. So a picture is drawn as it
/// arrives and a key is read as it is typed, while with nothing happening the thread sleeps
/// for the whole timeout.
final class WakePipe: Sendable {
    private let readEnd: Int32
    private let writeEnd: Int32

    init?() {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return nil }
        for fd in fds {
            // Never block: a full pipe already holds a wake-up, and the UI drains it whole.
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        readEnd = fds[0]
        writeEnd = fds[1]
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    /// Wakes the waiting thread (or its next wait). Safe from any thread.
    func notify() {
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    /// What ended a wait.
    struct Woken {
        /// The keyboard has input (or an error: read it to find out).
        var keys = false
        /// The keyboard hung up or is not pollable: stop polling it, or every wait returns at once.
        var keysBroken = false
    }

    /// Sleeps until `keys` is readable, `notify` was called, a signal arrived, or `timeoutMs`
    /// passed; drains the pipe.
    func wait(keys: Int32?, timeoutMs: Int32) -> Woken {
        var fds = [pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)]
        if let keys { fds.append(pollfd(fd: keys, events: Int16(POLLIN), revents: 0)) }
        let n = poll(&fds, nfds_t(fds.count), max(0, timeoutMs))
        var woken = Woken()
        guard n > 0 else { return woken }
        if fds[0].revents != 0 {
            var sink = [UInt8](repeating: 0, count: 64)
            while read(readEnd, &sink, sink.count) > 0 {}
        }
        if fds.count > 1 {
            let r = Int32(fds[1].revents)
            woken.keys = r & Int32(POLLIN) != 0
            woken.keysBroken = r & Int32(POLLHUP | POLLERR | POLLNVAL) != 0 && !woken.keys
        }
        return woken
    }
}
