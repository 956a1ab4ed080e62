#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Events

/// The bytes of a file where a record was, read again: a window starting at the record's byte
/// offset or at the start of its line, in the file's decompressed stream (gzip is recognised by
/// its magic bytes, as `OnceFileReader` does when ingesting).
///
/// A plain file is read with `pread` at the offset; a gzip file has no index, so it is inflated
/// from its start and the bytes before the offset are discarded (bounded memory, one Enter's work).
struct RecordWindow {
    /// From the record's first byte (by offset) or its line's first byte (by line); at most the
    /// count asked for.
    var bytes: [UInt8] = []
    /// The file ended within the window: a record that does not close in it is cut short.
    var reachedEnd = false
    /// Only blanks lie between the previous newline (or the file's start) and the window's start.
    var startsLine = true
    /// Reading stopped early (corrupt gzip, an I/O error): the window may be short. Sanitized.
    var readProblem: String?
}

/// Why the bytes could not be read again: one line for the screen, the path sanitized.
struct ReadBackProblem: Error, Equatable {
    let message: String
}

enum RecordFile {
    /// `count` bytes from `offset` (fewer at the end of the file).
    static func window(path: String, offset: Int64, count: Int) -> Result<RecordWindow, ReadBackProblem> {
        let fd: Int32, size: Int64
        switch openRegular(path) {
        case let .success(o): (fd, size) = o
        case let .failure(p): return .failure(p)
        }
        defer { _ = closeDescriptor(fd) }
        var magic = [UInt8](repeating: 0, count: 2)
        if size >= 2, readFully(fd, into: &magic, at: 0) == 2, magic == [0x1F, 0x8B] {
            return inflatedWindow(fd: fd, path: path, offset: offset, count: count)
        }
        guard offset < size else { return .failure(shorter(path, "size now \(bytesText(size))")) }
        var w = RecordWindow()
        w.bytes = [UInt8](repeating: 0, count: Int(min(Int64(count), size - offset)))
        let n = readFully(fd, into: &w.bytes, at: offset)
        guard n >= 0 else { return .failure(readFailed(path)) }
        w.bytes.removeSubrange(n...)
        w.reachedEnd = offset + Int64(n) >= size
        // Is the record alone at its line's start? A few KiB back is enough: no log indents more.
        let back = Int(min(offset, 4096))
        var before = [UInt8](repeating: 0, count: back)
        let got = readFully(fd, into: &before, at: offset - Int64(back))
        w.startsLine = got == back && onlyBlanksSinceNewline(before[...], atFileStart: Int64(back) == offset)
        return .success(w)
    }

    /// `count` bytes from the start of the 1-based `line` (fewer at the end of the file).
    static func lineWindow(path: String, line: Int64, count: Int) -> Result<RecordWindow, ReadBackProblem> {
        let fd: Int32
        switch openRegular(path) {
        case let .success(o): fd = o.fd
        case let .failure(p): return .failure(p)
        }
        defer { _ = closeDescriptor(fd) }
        var reader = OnceFileReader(fd: fd, name: path)
        var current: Int64 = 1
        var w = RecordWindow()
        while !reader.atEnd && w.bytes.count < count {
            reader.poll(maxBytes: 1 << 20) { chunk in
                let bytes = chunk.assumingMemoryBound(to: UInt8.self)
                var i = 0
                while current < line && i < bytes.count {
                    if bytes[i] == 0x0A { current += 1 }
                    i += 1
                }
                guard current == line, i < bytes.count, w.bytes.count < count else { return }
                let take = min(bytes.count - i, count - w.bytes.count)
                w.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<(i + take)]))
            }
        }
        if let problem = reader.problem {
            guard current == line else { return .failure(ReadBackProblem(message: "cannot read back: " + safe(problem))) }
            w.readProblem = "cannot read back: " + safe(problem)
        }
        guard current == line else {
            return .failure(shorter(path, "\(current) line\(current == 1 ? "" : "s") now"))
        }
        w.reachedEnd = reader.atEnd
        return .success(w)
    }

    /// A gzip file: inflate from the start, discard up to `offset`, keep `count` bytes.
    private static func inflatedWindow(fd: Int32, path: String, offset: Int64, count: Int) -> Result<RecordWindow, ReadBackProblem> {
        // `fd` is at its start: the magic was read with pread, which does not move it.
        var reader = OnceFileReader(fd: fd, name: path)
        var position: Int64 = 0
        var blanksSinceNewline = true
        var w = RecordWindow()
        while !reader.atEnd && w.bytes.count < count {
            // Never ask past the offset while skipping, so a chunk is wholly before it or after it.
            let want = position < offset ? Int(min(offset - position, 1 << 20)) : count - w.bytes.count
            reader.poll(maxBytes: want) { chunk in
                let bytes = chunk.assumingMemoryBound(to: UInt8.self)
                if position < offset {
                    for c in bytes {
                        if c == 0x0A { blanksSinceNewline = true } else if c != 0x20 && c != 0x09 && c != 0x0D { blanksSinceNewline = false }
                    }
                    position += Int64(bytes.count)
                } else {
                    w.bytes.append(contentsOf: bytes)
                }
            }
        }
        if let problem = reader.problem {
            guard position == offset, !w.bytes.isEmpty else { return .failure(ReadBackProblem(message: "cannot read back: " + safe(problem))) }
            w.readProblem = "cannot read back: " + safe(problem)
        }
        guard position == offset, !(w.bytes.isEmpty && reader.atEnd) else {
            return .failure(shorter(path, "\(bytesText(position)) decompressed now"))
        }
        w.reachedEnd = reader.atEnd
        w.startsLine = blanksSinceNewline
        return .success(w)
    }

    // MARK: Helpers

    /// Opens a regular file (through symlinks) and its size. Anything else is refused before a
    /// byte is read: open(2) on a FIFO blocks until a writer comes, and a device such as
    /// /dev/zero never ends; either would hold the reader's queue for good. The open itself
    /// does not wait (`O_NONBLOCK`, which regular files ignore).
    private static func openRegular(_ path: String) -> Result<(fd: Int32, size: Int64), ReadBackProblem> {
        let fd: Int32
        switch openForReading(path, nonBlocking: true) {
        case let .success(o): fd = o.fd
        case let .failure(failure): return .failure(cannotOpen(path, failure))
        }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            _ = closeDescriptor(fd)
            return .failure(ReadBackProblem(message: "cannot read \(safe(path)): cannot stat"))
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            _ = closeDescriptor(fd)
            return .failure(ReadBackProblem(message: "cannot read \(safe(path)) back: not a regular file"))
        }
        return .success((fd, Int64(st.st_size)))
    }

    /// `pread` until `buffer` is full or the file ends; the bytes read, or -1 on an error.
    private static func readFully(_ fd: Int32, into buffer: inout [UInt8], at offset: Int64) -> Int {
        var done = 0
        let total = buffer.count
        while done < total {
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, total - done, off_t(offset + Int64(done))) }
            if n < 0 {
                if errno == EINTR { continue }
                return -1
            }
            if n == 0 { break }
            done += n
        }
        return done
    }

    /// After the last newline in `bytes` only blanks: the byte that follows starts its line.
    private static func onlyBlanksSinceNewline(_ bytes: ArraySlice<UInt8>, atFileStart: Bool) -> Bool {
        for c in bytes.reversed() {
            if c == 0x0A { return true }
            if c != 0x20 && c != 0x09 && c != 0x0D { return false }
        }
        return atFileStart
    }

    static func safe(_ text: String) -> String { DisplaySafe.text(text) }

    private static func cannotOpen(_ path: String, _ failure: OpenFailure) -> ReadBackProblem {
        switch failure {
        case .missing:
            ReadBackProblem(message: "cannot open \(safe(path)): no such file (moved or deleted since)")
        case let .unusable(why):
            ReadBackProblem(message: "cannot open \(safe(path)): \(lowercasedFirst(safe(why)))")
        }
    }

    private static func readFailed(_ path: String) -> ReadBackProblem {
        ReadBackProblem(message: "cannot read \(safe(path)): \(lowercasedFirst(String(cString: strerror(errno))))")
    }

    static func shorter(_ path: String, _ now: String) -> ReadBackProblem {
        ReadBackProblem(message: "file \(safe(path)) has been rotated or truncated since (\(now))")
    }

    /// `Permission denied` → `permission denied`, to read as the end of a sentence.
    private static func lowercasedFirst(_ s: String) -> String {
        guard let first = s.first else { return s }
        return first.lowercased() + s.dropFirst()
    }

    /// 512 bytes, 12 KiB, 3.4 MiB.
    static func bytesText(_ n: Int64) -> String {
        if n < 1024 { return "\(n) byte\(n == 1 ? "" : "s")" }
        if n < 1 << 20 { return "\(n / 1024) KiB" }
        let tenths = n * 10 / (1 << 20)
        return "\(tenths / 10).\(tenths % 10) MiB"
    }
}
