import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Asks on the controlling terminal (/dev/tty), never on stdin: a confirmation must come
/// from a person, not from a pipe.
struct TerminalPrompt {
    private let fd: Int32

    init?() {
        let fd = open("/dev/tty", O_RDWR | O_NOCTTY)
        guard fd >= 0 else { return nil }
        self.fd = fd
    }

    func ask(_ question: String) -> String {
        defer { close(fd) }
        _ = question.withCString { write(fd, $0, strlen($0)) }
        var bytes: [UInt8] = []
        var c: UInt8 = 0
        while read(fd, &c, 1) == 1, c != UInt8(ascii: "\n") { bytes.append(c) }
        return String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces)
    }
}
