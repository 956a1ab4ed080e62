import Activity
import Foundation
import Reports
#if canImport(Glibc)
import Glibc
#endif

/// `--alerts FILE`: each alert appended as one JSON line and flushed at once, so a
/// shipper tailing the file (or an operator with `tail -f`) sees it as it happens.
///
/// Every write can fail (a full disk, a quota, a vanished NFS server): a failure never
/// stops the dashboard. The alerts of a failed write are counted as dropped, the next
/// batch tries again, and `problem` says what happened for the status line.
final class AlertLog {
    private let fd: Int32
    let path: String
    /// Alerts that could not be written since the file was opened.
    private(set) var dropped = 0
    /// The last write error (`strerror`).
    private(set) var lastError: String?
    /// A failed write may have left half a line: the next one starts on a new line, so
    /// only that fragment is unreadable, not the alert after it.
    private var midLine = false

    init(path: String) throws {
        self.path = path
        // O_APPEND: every write lands at the end, even with another writer on the file.
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let why = String(cString: strerror(errno))
            throw AlertLogError(message: "\(path): cannot open the alerts file for appending: \(why)")
        }
        self.fd = fd
    }

    /// One line for the status bar once an alert was lost (it stays: a lost alert is not
    /// undone by a later write that works), nil while every alert reached the file.
    var problem: String? {
        guard dropped > 0, let lastError else { return nil }
        return "alerts file \(path): \(lastError); \(dropped) alert\(dropped == 1 ? "" : "s") not written"
    }

    func write(_ alerts: [Alert]) {
        guard !alerts.isEmpty else { return }
        let start = midLine ? 1 : 0
        var bytes: [UInt8] = midLine ? [UInt8(ascii: "\n")] : []
        for a in alerts { bytes += a.jsonLine() }
        let (written, error) = SafeWrite.all(fd, bytes)
        if let error {
            // Alerts whose whole line reached the file are not lost.
            let complete = bytes[start..<max(start, written)].count(where: { $0 == UInt8(ascii: "\n") })
            dropped += alerts.count - complete
            lastError = SafeWrite.describe(error)
            if written > 0 { midLine = bytes[written - 1] != UInt8(ascii: "\n") }
            return
        }
        midLine = false
        // Best effort: the data is already in the kernel; an fsync error is not a lost alert.
        _ = fsync(fd)
    }

    deinit { close(fd) }
}

struct AlertLogError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
