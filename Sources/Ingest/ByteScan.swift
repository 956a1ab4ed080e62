/// Finding the next interesting byte eight bytes at a time (SWAR: SIMD within a register),
/// for the framer and the JSON parser. Portable: plain 64-bit integer arithmetic, unaligned
/// loads, no platform intrinsics.
///
/// `zeroBytes(x)` has the high bit set in every byte of `x` that is zero, and possibly in
/// bytes *above* a zero byte (a borrow runs upwards), never below the first one: the lowest set
/// bit is always exact, which is all a "first match" needs. Bytes are loaded little-endian, so
/// the lowest bit is the earliest byte.
enum ByteScan {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highs: UInt64 = 0x8080_8080_8080_8080

    @inline(__always) static func zeroBytes(_ x: UInt64) -> UInt64 {
        (x &- ones) & ~x & highs
    }

    /// High bit set in every byte below `limit` (limit ≤ 0x80), exact at the lowest set bit.
    @inline(__always) static func bytesBelow(_ x: UInt64, _ limit: UInt8) -> UInt64 {
        (x &- ones &* UInt64(limit)) & ~x & highs
    }

    @inline(__always) static func load(_ p: UnsafePointer<UInt8>, _ i: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))
    }

    @inline(__always) static func firstByte(_ mask: UInt64) -> Int {
        mask.trailingZeroBitCount &>> 3
    }

    /// Inside a JSON string, for the framer: the first of `"`, `\` or a newline in `p[i..<n]`, else `n`.
    @inline(__always) static func stringStop(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> Int {
        var i = i
        while i &+ 8 <= n {
            let w = load(p, i)
            let m = zeroBytes(w ^ (ones &* 0x22)) | zeroBytes(w ^ (ones &* 0x5C)) | zeroBytes(w ^ (ones &* 0x0A))
            if m != 0 { return i &+ firstByte(m) }
            i &+= 8
        }
        while i < n {
            let c = p[i]
            if c == 0x22 || c == 0x5C || c == 0x0A { return i }
            i &+= 1
        }
        return n
    }

    /// Outside strings, for the framer: the first of `{ } [ ] "` or a newline in `p[i..<n]`, else `n`.
    /// `x | 0x20` folds `[` onto `{` and `]` onto `}` (and no other byte onto either).
    @inline(__always) static func structuralStop(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> Int {
        var i = i
        while i &+ 8 <= n {
            let w = load(p, i)
            let folded = w | (ones &* 0x20)
            let m = zeroBytes(w ^ (ones &* 0x22)) | zeroBytes(w ^ (ones &* 0x0A))
                | zeroBytes(folded ^ (ones &* 0x7B)) | zeroBytes(folded ^ (ones &* 0x7D))
            if m != 0 { return i &+ firstByte(m) }
            i &+= 8
        }
        while i < n {
            switch p[i] {
            case 0x22, 0x0A, 0x7B, 0x7D, 0x5B, 0x5D: return i
            default: i &+= 1
            }
        }
        return n
    }

    /// Inside a JSON string, for the validating parser: the first byte in `p[i..<n]` that is not
    /// plain printable ASCII content (`"`, `\`, a control character, or any byte ≥ 0x80, which
    /// starts a UTF-8 sequence to validate), else `n`.
    @inline(__always) static func stringContentStop(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> Int {
        var i = i
        while i &+ 8 <= n {
            let w = load(p, i)
            let m = zeroBytes(w ^ (ones &* 0x22)) | zeroBytes(w ^ (ones &* 0x5C)) | bytesBelow(w, 0x20) | (w & highs)
            if m != 0 { return i &+ firstByte(m) }
            i &+= 8
        }
        while i < n {
            let c = p[i]
            if c == 0x22 || c == 0x5C || c < 0x20 || c >= 0x80 { return i }
            i &+= 1
        }
        return n
    }

    /// `count` bytes at `a` and `b` are equal (nil pointers only with `count` 0). Inline and
    /// word-wide: keys are short, and a `memcmp` call per key costs more than the compare.
    @inline(__always) static func equal(_ a: UnsafeRawPointer?, _ b: UnsafeRawPointer?, _ count: Int) -> Bool {
        guard count > 0 else { return true }
        guard let a, let b else { return false }
        if count >= 8 {
            var i = 0
            while i &+ 8 <= count {
                if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
                    return false
                }
                i &+= 8
            }
            return i == count
                || a.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self) == b.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
        }
        if count >= 4 {
            return a.loadUnaligned(as: UInt32.self) == b.loadUnaligned(as: UInt32.self)
                && a.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self) == b.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)
        }
        var i = 0
        while i < count {
            if a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
            i &+= 1
        }
        return true
    }
}
