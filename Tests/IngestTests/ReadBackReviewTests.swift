#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Events
import Foundation
import Synchronization
import Testing
@testable import Ingest

/// Review of #10's read-back: a path that is no longer a regular file must not hang the
/// reader. The dashboard reads records on one serial queue: a read that never returns leaves
/// that Enter, and every later one, on "reading…" for the rest of the session.
@Suite struct ReadBackReviewTests {
    /// `RecordReadBack.read` on its own thread; nil when it has not answered within `seconds`.
    private static func read(_ origin: EventOrigin, within seconds: Double = 3) -> RecordReadBackResult? {
        let answer = Mutex<RecordReadBackResult?>(nil)
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            let r = RecordReadBack.read(origin)
            answer.withLock { $0 = r }
            done.signal()
        }
        guard done.wait(timeout: .now() + seconds) == .success else { return nil }
        return answer.withLock { $0 }
    }

    /// A FIFO where the log was (`<(cmd)`, or a log swapped for one): open(2) for reading
    /// blocks until a writer comes. By offset and by line alike.
    @Test(arguments: [Int64(0), -1])
    func fifoIsRefusedNotWaitedOn(offset: Int64) throws {
        let dir = try ScratchDir()
        let path = dir.path("trail.json")
        #expect(mkfifo(path, 0o600) == 0)
        // Whatever happens, let a blocked reader go before the directory is removed.
        defer {
            let w = open(path, O_WRONLY | O_NONBLOCK)
            if w >= 0 { close(w) }
        }
        let r = Self.read(EventOrigin(source: path, line: 3, offset: offset, length: offset < 0 ? 0 : 40))
        #expect(r != nil, "the reader is still blocked on the FIFO")
        #expect(r?.problem?.contains("not a regular file") == true)
    }

    /// A character device (a log replaced by a symlink to /dev/zero): it never ends, and has
    /// no newline, so looking for line 2 read forever.
    @Test(arguments: [Int64(0), -1])
    func endlessDeviceIsRefused(offset: Int64) throws {
        let dir = try ScratchDir()
        let path = dir.path("trail.json")
        #expect(symlink("/dev/zero", path) == 0)
        let r = Self.read(EventOrigin(source: path, line: 2, offset: offset, length: offset < 0 ? 0 : 40))
        #expect(r != nil, "the reader is still reading /dev/zero")
        #expect(r?.problem?.contains("not a regular file") == true)
    }

    /// A symlink to a regular file is still read back (logs are often reached through one).
    @Test func symlinkToARegularFileStillReads() throws {
        let dir = try ScratchDir()
        let real = dir.path("real.json")
        write(Array(#"{"a":1}"#.utf8) + [0x0A], to: real)
        let link = dir.path("trail.json")
        #expect(symlink(real, link) == 0)
        let r = Self.read(EventOrigin(source: link, line: 1, offset: 0, length: 7))
        #expect(r?.problem == nil)
        #expect(r?.lines == ["{", #"  "a": 1"#, "}"])
        let byLine = Self.read(EventOrigin(source: link, line: 1))
        #expect(byLine?.lines == ["{", #"  "a": 1"#, "}"])
    }
}
