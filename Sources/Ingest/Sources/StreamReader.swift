#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads whatever is ready on a file descriptor (stdin for `-`) without ever blocking the
/// dashboard loop: `poll(2)` with a zero timeout, then one bounded `read`.
public struct StreamReader {
    public let fd: Int32
    public private(set) var atEnd = false
    public private(set) var problem: String?
    private var buffer: [UInt8]

    public init(fd: Int32, chunkSize: Int = 256 * 1024) {
        self.fd = fd
        buffer = [UInt8](repeating: 0, count: chunkSize)
    }

    /// Reads up to `maxBytes` that are available now. `waitMs` > 0 lets a headless reader block briefly.
    @discardableResult
    public mutating func poll(maxBytes: Int, waitMs: Int32 = 0, onBytes: (UnsafeRawBufferPointer) -> Void) -> Int {
        var total = 0
        var wait = waitMs
        while !atEnd && total < maxBytes {
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = Glibc.poll(&p, 1, wait)
            wait = 0
            if ready < 0 {
                if errno == EINTR { continue }
                problem = "read failed: \(String(cString: strerror(errno)))"
                atEnd = true
                break
            }
            if ready == 0 { break }
            let want = min(buffer.count, maxBytes - total)
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, want) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                problem = "read failed: \(String(cString: strerror(errno)))"
                atEnd = true
                break
            }
            if n == 0 { atEnd = true; break }
            total += n
            buffer.withUnsafeBytes { onBytes(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
        }
        return total
    }
}
