/// Newlines in a block, eight bytes at a time: the producer numbers each block's first line
/// with it, so a block can be framed before the ones ahead of it.
enum ByteCount {
    static func newlines(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let n = bytes.count
        let raw = UnsafeRawPointer(base)
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let newline: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
        var count = 0
        var i = 0
        while i + 8 <= n {
            // Exact per byte (no borrow between bytes): the high bit is set where the byte is 0x0A.
            let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ newline
            let zero = ~(((x & low7) &+ low7) | x | low7)
            count &+= zero.nonzeroBitCount
            i += 8
        }
        while i < n {
            if base[i] == 0x0A { count += 1 }
            i += 1
        }
        return count
    }

    /// Index of the last newline, or nil.
    static func lastNewline(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = bytes.count - 1
        while i >= 0 {
            if bytes[i] == 0x0A { return i }
            i -= 1
        }
        return nil
    }
}
