#if canImport(Glibc)
import Glibc
#endif

/// Microseconds on the monotonic clock: latencies must not jump with the wall clock.
enum Monotonic {
    static func micros() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000 &+ UInt64(ts.tv_nsec / 1000)
    }
}

/// `NHITOP_LATENCY_LOG=FILE`: one line per event for the benchmark (bench/run parses it), so
/// the format is a contract: words separated by one space, times in microseconds.
///
///     key <us from the key being read to the frame that reflects it being presented>
///     frame <us spent rendering and presenting that frame>
///     backfill <us from the session's start until every input first caught up>
///     shown <origin line> <us from the worker ingesting the event to the first frame showing it>
///
/// Each line is one `write(2)` on an `O_APPEND` descriptor, so it is on disk (in the page
/// cache) at once and lines from the UI and the worker never interleave. Unset, the session
/// holds no log at all: nothing is measured or written.
final class LatencyLog: Sendable {
    private let fd: Int32

    /// The log the environment asks for, or nil (also when the file cannot be opened: a
    /// benchmark aid never stops the dashboard).
    static func fromEnvironment() -> LatencyLog? {
        guard let path = getenv("NHITOP_LATENCY_LOG").map({ String(cString: $0) }), !path.isEmpty else { return nil }
        return LatencyLog(path: path)
    }

    init?(path: String) {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return nil }
        self.fd = fd
    }

    deinit { close(fd) }

    func key(_ us: UInt64) { line("key \(us)\n") }
    func frame(_ us: UInt64) { line("frame \(us)\n") }
    func backfill(_ us: UInt64) { line("backfill \(us)\n") }
    func shown(line origin: Int64, _ us: UInt64) { line("shown \(origin) \(us)\n") }

    private func line(_ text: String) {
        // Best effort, like the alerts file: a full disk loses a measurement, not the dashboard.
        _ = SafeWrite.all(fd, Array(text.utf8))
    }
}
