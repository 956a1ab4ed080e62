#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads one file (or an inherited descriptor) once, to its end, in bounded steps.
///
/// gzip is recognised by its magic bytes `1f 8b`, whatever the file is called, and inflated on
/// the fly; anything else is handed out as it is. The budget counts the bytes handed out
/// (decompressed bytes for gzip), since that is what the decoder has to work through.
struct OnceFileReader {
    let path: String
    private var fd: Int32 = -1
    private var ownsFD = true
    private var opened = false
    private(set) var atEnd = false
    /// One line naming the file, or nil.
    private(set) var problem: String?
    private(set) var isGzip = false
    /// (device, inode) of the open file, once opened.
    private(set) var identity: FileIdentity?
    private var inflater: GzipInflater?
    private var buffer: [UInt8]
    private var pendingStart = 0
    private var pendingEnd = 0
    private var sniffed = false

    init(path: String, chunkSize: Int = 256 * 1024) {
        self.path = path
        buffer = [UInt8](repeating: 0, count: chunkSize)
    }

    /// Reads an already open descriptor (stdin for `-`), blocking on it; it is not closed.
    init(fd: Int32, name: String, chunkSize: Int = 256 * 1024) {
        self.init(path: name, chunkSize: chunkSize)
        self.fd = fd
        ownsFD = false
        opened = true
    }

    /// Hands at most about `maxBytes` to `onBytes`; returns the bytes handed out.
    /// `atEnd` is set once the whole file has been handed out (or a problem stopped it).
    @discardableResult
    mutating func poll(maxBytes: Int, onBytes: (UnsafeRawBufferPointer) -> Void) -> Int {
        if !opened {
            opened = true
            guard open() else { atEnd = true; return 0 }
        }
        var total = 0
        while total < maxBytes && !atEnd {
            if pendingStart == pendingEnd {
                if let inflater, inflater.outputMayBePending {
                    let (_, n) = inflater.inflate(UnsafeRawBufferPointer(start: nil, count: 0),
                                                  maxOutput: maxBytes - total, onBytes: onBytes)
                    total += n
                    if stopOnInflaterProblem() { break }
                    continue
                }
                let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n < 0 {
                    if errno == EINTR { continue }
                    problem = "\(path): read failed: \(String(cString: strerror(errno)))"
                    end()
                    break
                }
                if n == 0 {
                    if let inflater {
                        inflater.finish()
                        _ = stopOnInflaterProblem()
                    }
                    end()
                    break
                }
                pendingStart = 0
                pendingEnd = n
                if !sniffed {
                    sniffed = true
                    // A first read of one byte cannot tell; such a file is not gzip anyway.
                    if n >= 2 && buffer[0] == 0x1F && buffer[1] == 0x8B {
                        isGzip = true
                        inflater = GzipInflater()
                    }
                }
            }
            let budget = maxBytes - total
            if let inflater {
                let (used, n) = buffer.withUnsafeBytes {
                    inflater.inflate(UnsafeRawBufferPointer(rebasing: $0[pendingStart..<pendingEnd]),
                                     maxOutput: budget, onBytes: onBytes)
                }
                pendingStart += used
                total += n
                if stopOnInflaterProblem() { break }
            } else {
                let n = min(budget, pendingEnd - pendingStart)
                let start = pendingStart
                buffer.withUnsafeBytes { onBytes(UnsafeRawBufferPointer(rebasing: $0[start..<(start + n)])) }
                pendingStart += n
                total += n
            }
        }
        return total
    }

    private mutating func stopOnInflaterProblem() -> Bool {
        guard let p = inflater?.problem else { return false }
        problem = "\(path): \(p)"
        end()
        return true
    }

    private mutating func open() -> Bool {
        switch openForReading(path, nonBlocking: false) {
        case let .success(opened):
            fd = opened.fd
            identity = opened.identity
            return true
        case .failure(.missing):
            problem = "\(path): no such file or directory"
        case let .failure(.unusable(why)):
            problem = "\(path): \(why)"
        }
        return false
    }

    private mutating func end() {
        atEnd = true
        inflater = nil
        close()
    }

    /// Closes the file (not an inherited descriptor). Safe to call more than once.
    mutating func close() {
        if fd >= 0 && ownsFD { _ = closeDescriptor(fd) }
        fd = -1
    }
}
