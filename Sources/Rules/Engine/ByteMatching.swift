#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte comparisons for matchers: ASCII case folding on the record's side only (patterns are
/// folded once at load), so a match builds no `String` and allocates nothing.
enum ByteMatching {
    @inline(__always) static func fold(_ b: UInt8) -> UInt8 { (b &- 0x41) < 26 ? b | 0x20 : b }

    /// ASCII lowercase of `text`'s UTF-8 (non-ASCII bytes unchanged): how patterns are stored.
    static func folded(_ bytes: [UInt8]) -> [UInt8] { bytes.map(fold) }

    @inline(__always)
    static func equal(_ s: UnsafeRawBufferPointer, _ sFrom: Int, _ p: UnsafeRawBufferPointer, folded: Bool) -> Bool {
        let m = p.count
        if folded {
            var i = 0
            while i < m {
                if fold(s[sFrom + i]) != p[i] { return false }
                i += 1
            }
            return true
        }
        var i = 0
        while i < m {
            if s[sFrom + i] != p[i] { return false }
            i += 1
        }
        return true
    }

    static func equals(_ s: UnsafeRawBufferPointer, _ p: [UInt8], folded: Bool) -> Bool {
        guard s.count == p.count else { return false }
        return p.withUnsafeBytes { equal(s, 0, $0, folded: folded) }
    }

    static func hasPrefix(_ s: UnsafeRawBufferPointer, _ p: [UInt8], folded: Bool) -> Bool {
        guard s.count >= p.count else { return false }
        return p.withUnsafeBytes { equal(s, 0, $0, folded: folded) }
    }

    static func hasSuffix(_ s: UnsafeRawBufferPointer, _ p: [UInt8], folded: Bool) -> Bool {
        guard s.count >= p.count else { return false }
        return p.withUnsafeBytes { equal(s, s.count - p.count, $0, folded: folded) }
    }

    static func contains(_ s: UnsafeRawBufferPointer, _ p: [UInt8], folded: Bool) -> Bool {
        p.withUnsafeBytes { contains(s, $0, folded: folded) }
    }

    /// Substring search: `memchr` to each candidate first byte (both ASCII cases when folded),
    /// then a compare. Patterns are short; the scan between candidates runs at memchr's speed,
    /// which matters because regex prefilters run this over every record's fields.
    static func contains(_ s: UnsafeRawBufferPointer, _ p: UnsafeRawBufferPointer, folded: Bool) -> Bool {
        let n = s.count, m = p.count
        if m == 0 { return true }
        guard n >= m, let base = s.baseAddress else { return false }
        let first = p[0]
        let last = n - m
        // Candidates for the first byte: `first` itself and, folded, its uppercase twin.
        let other: UInt8 = folded && (first &- 0x61) < 26 ? first & ~0x20 : first
        var i = 0
        // The next position of each candidate byte at or after `i` (n when none is left).
        var nextA = -1, nextB = other == first ? n : -1
        func find(_ byte: UInt8, from: Int) -> Int {
            guard from <= last, let hit = memchr(base + from, Int32(byte), last - from + 1) else { return n }
            return base.distance(to: UnsafeRawPointer(hit))
        }
        while i <= last {
            if nextA < i { nextA = find(first, from: i) }
            if nextB < i { nextB = find(other, from: i) }
            let at = min(nextA, nextB)
            if at > last { return false }
            if equal(s, at, p, folded: folded) { return true }
            i = at + 1
        }
        return false
    }

    /// The byte length of the UTF-8 sequence starting with `lead` (1 for stray bytes).
    @inline(__always) static func scalarLength(_ lead: UInt8) -> Int {
        if lead < 0xC0 { return 1 }
        if lead < 0xE0 { return 2 }
        if lead < 0xF0 { return 3 }
        return 4
    }

    static let hashSeed: UInt64 = 0xcbf2_9ce4_8422_2325

    /// FNV-1a over the folded bytes, from `seed` (so a key of two values hashes as one run of
    /// bytes fed in two parts): the rule index's key.
    @inline(__always) static func foldedHash(_ s: UnsafeRawBufferPointer, seed: UInt64 = hashSeed) -> UInt64 {
        var h = seed
        for b in s {
            h = (h ^ UInt64(fold(b))) &* 0x100_0000_01b3
        }
        return h
    }

    static func foldedHash(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes { foldedHash($0) } }
}
