#if canImport(Glibc)
import Glibc
#endif

/// Writes that fail with an error instead of ending the process: a full disk (ENOSPC), a
/// closed pipe (EPIPE), a quota. `FileHandle.write(_: Data)` traps on any of them, and a
/// default SIGPIPE kills the process without a word, with curses possibly still active.
enum SafeWrite {
    /// Writes all of `bytes` to `fd`, retrying short writes and EINTR. Returns how many
    /// bytes were written and the errno that stopped it, if any.
    ///
    /// SIGPIPE is blocked on this thread for the call and a SIGPIPE it raised is consumed,
    /// so a closed pipe is the error EPIPE. The disposition is not changed process-wide:
    /// hooks started later inherit the default.
    static func all(_ fd: Int32, _ bytes: [UInt8]) -> (written: Int, error: Int32?) {
        guard !bytes.isEmpty else { return (0, nil) }
        var pipeSet = sigset_t()
        sigemptyset(&pipeSet)
        sigaddset(&pipeSet, SIGPIPE)
        var old = sigset_t()
        pthread_sigmask(SIG_BLOCK, &pipeSet, &old)
        var pending = sigset_t()
        sigpending(&pending)
        let alreadyPending = sigismember(&pending, SIGPIPE) == 1
        defer { pthread_sigmask(SIG_SETMASK, &old, nil) }

        var done = 0
        var failure: Int32?
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, $0.count - done) }
            if n > 0 { done += n; continue }
            if n < 0 && errno == EINTR { continue }
            failure = n < 0 ? errno : EIO
            break
        }
        if failure == EPIPE && !alreadyPending {
            var zero = timespec(tv_sec: 0, tv_nsec: 0)
            _ = sigtimedwait(&pipeSet, nil, &zero)
        }
        return (done, failure)
    }

    static func describe(_ error: Int32) -> String {
        String(cString: strerror(error))
    }
}

/// `report` and `export` output: a failed write is one line on stderr and exit status 1.
enum StandardOutput {
    struct WriteError: Error, CustomStringConvertible {
        let errno: Int32
        var description: String { "cannot write standard output: \(SafeWrite.describe(errno))" }
    }

    static func write(_ bytes: [UInt8]) throws {
        if let error = SafeWrite.all(STDOUT_FILENO, bytes).error { throw WriteError(errno: error) }
    }

    static func write(_ text: String) throws {
        try write(Array(text.utf8))
    }
}

/// Messages on standard error. A failure there has nowhere left to be reported, so it is
/// ignored rather than trapping (as `FileHandle.write` would on a full disk).
enum StandardError {
    static func write(_ text: String) {
        _ = SafeWrite.all(STDERR_FILENO, Array(text.utf8))
    }
}
