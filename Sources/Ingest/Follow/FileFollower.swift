#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What happened to a followed file since the last read.
public enum FollowChange: Equatable, Sendable {
    /// The file was renamed away and a new one now stands at the path. The old file's
    /// tail was read to its end before this is reported.
    case rotated
    /// The file became shorter than what was read (copytruncate): reading restarts at 0.
    case truncated
}

/// Follows one path like `tail -F`: reads appended bytes, follows rotation to the new
/// file without losing the old file's tail, rereads a truncated file from its start, and
/// waits for a file that does not exist yet. Reads are bounded per call so a huge
/// backlog never stalls the caller. Works on raw bytes; framing is the decoder's job.
public struct FileFollower {
    public let path: String
    private var fd: Int32 = -1
    private var openFile: FileIdentity?
    public private(set) var offset: Int64 = 0
    /// Why the path cannot be read right now (missing, permission), or nil.
    public private(set) var problem: String?
    private var buffer: [UInt8]

    public init(path: String, chunkSize: Int = 256 * 1024) {
        self.path = path
        buffer = [UInt8](repeating: 0, count: chunkSize)
    }

    public var isOpen: Bool { fd >= 0 }

    /// The file being read now (it changes on rotation), or nil while waiting.
    var identity: FileIdentity? { fd >= 0 ? openFile : nil }

    /// Reads at most `maxBytes` of new data, handing each chunk and each change to the
    /// callbacks in order. Returns the number of bytes read.
    @discardableResult
    public mutating func poll(maxBytes: Int,
                              onChange: (FollowChange) -> Void,
                              onBytes: (UnsafeRawBufferPointer) -> Void) -> Int {
        if fd < 0 {
            guard openPath() else { return 0 }
        }
        var total = 0
        // Truncation: the open file is now shorter than what we have read.
        var st = stat()
        if fstat(fd, &st) == 0, Int64(st.st_size) < offset {
            lseek(fd, 0, SEEK_SET)
            offset = 0
            onChange(.truncated)
        }
        total += drain(maxBytes: maxBytes, onBytes: onBytes)
        if total < maxBytes {
            // At the end of the open file: has the path moved on to a new file?
            if let atPath = FileIdentity(path: path) {
                if atPath != openFile {
                    // Rotated. Take what is left of the old file first, then switch.
                    total += drain(maxBytes: Int.max, onBytes: onBytes)
                    _ = closeDescriptor(fd)
                    fd = -1
                    if openPath() {
                        onChange(.rotated)
                        total += drain(maxBytes: max(0, maxBytes - total), onBytes: onBytes)
                    }
                }
            }
        }
        return total
    }

    private mutating func drain(maxBytes: Int, onBytes: (UnsafeRawBufferPointer) -> Void) -> Int {
        var total = 0
        while total < maxBytes {
            let want = min(buffer.count, maxBytes - total)
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, want) }
            if n < 0 {
                if errno == EINTR { continue }
                problem = "\(path): read failed: \(String(cString: strerror(errno)))"
                return total
            }
            if n == 0 { break }
            offset += Int64(n)
            total += n
            buffer.withUnsafeBytes { onBytes(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
        }
        return total
    }

    private mutating func openPath() -> Bool {
        switch openForReading(path, nonBlocking: true) {
        case let .success(opened):
            fd = opened.fd
            openFile = opened.identity
            offset = 0
            problem = nil
            return true
        case .failure(.missing):
            problem = "\(path): waiting for the file to appear"
        case let .failure(.unusable(why)):
            problem = "\(path): \(why)"
        }
        return false
    }

    /// Closes the file. Safe to call more than once.
    public mutating func close() {
        if fd >= 0 { _ = closeDescriptor(fd) }
        fd = -1
    }
}
