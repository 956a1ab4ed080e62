import Events
/// The demo's randomness: `SplitMix64` plus the draws the demo needs. The demo never
/// touches the system random source, so the same seed always yields the same bytes.
struct DemoRandom: Sendable {
    private var base: SplitMix64

    init(seed: UInt64) { base = SplitMix64(seed: seed) }

    /// An independent stream for `salt` (an actor, an incident) derived from `seed`.
    init(seed: UInt64, salt: UInt64) {
        var mix = SplitMix64(seed: seed ^ (salt &* 0x9E37_79B9_7F4A_7C15))
        base = SplitMix64(seed: mix.next() ^ salt)
    }

    mutating func next() -> UInt64 { base.next() }


    /// Uniform in `0..<bound` (bound > 0); the modulo bias is irrelevant at demo sizes.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    mutating func range(_ r: ClosedRange<Int>) -> Int { r.lowerBound + below(r.count) }

    mutating func range64(_ r: ClosedRange<Int64>) -> Int64 {
        r.lowerBound + Int64(next() % UInt64(r.upperBound - r.lowerBound + 1))
    }

    /// True with probability `perMille`/1000.
    mutating func chance(perMille: Int) -> Bool { below(1000) < perMille }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// A gap around `mean` (triangular on 0..<2·mean): bursty enough to look alive,
    /// integer-only so every platform produces the same schedule.
    mutating func gap(mean: Int64) -> Int64 {
        let a = Int64(next() % 1000), b = Int64(next() % 1000)
        return mean * (a + b) / 1000
    }

    // MARK: identifiers

    private static let hexDigits = Array("0123456789abcdef".utf8)

    mutating func hex(_ count: Int) -> String {
        var out = [UInt8]()
        out.reserveCapacity(count)
        var bits: UInt64 = 0, left = 0
        for _ in 0..<count {
            if left == 0 { bits = next(); left = 16 }
            out.append(Self.hexDigits[Int(bits & 0xF)])
            bits >>= 4; left -= 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A version-4 UUID in lowercase, e.g. `3f0c…-…`.
    mutating func uuid() -> String {
        let variant = ["8", "9", "a", "b"][below(4)]
        return "\(hex(8))-\(hex(4))-4\(hex(3))-\(variant)\(hex(3))-\(hex(12))"
    }

    /// Characters from `alphabet`, e.g. an AWS key id body or a GitHub document id.
    mutating func token(_ count: Int, alphabet: String) -> String {
        let a = Array(alphabet.utf8)
        var out = [UInt8]()
        out.reserveCapacity(count)
        for _ in 0..<count { out.append(a[below(a.count)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Standard base64 of `count` random bytes (e.g. 32 for a GitHub `hashed_token`).
    mutating func base64(bytes count: Int) -> String {
        var raw = [UInt8]()
        for _ in 0..<count { raw.append(UInt8(truncatingIfNeeded: next())) }
        return DemoRandom.base64(raw)
    }

    static func base64(_ raw: [UInt8]) -> String {
        let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out = [UInt8]()
        var i = 0
        while i < raw.count {
            let b0 = UInt32(raw[i])
            let b1 = i + 1 < raw.count ? UInt32(raw[i + 1]) : 0
            let b2 = i + 2 < raw.count ? UInt32(raw[i + 2]) : 0
            let n = b0 << 16 | b1 << 8 | b2
            out.append(table[Int(n >> 18 & 63)])
            out.append(table[Int(n >> 12 & 63)])
            out.append(i + 1 < raw.count ? table[Int(n >> 6 & 63)] : 61)
            out.append(i + 2 < raw.count ? table[Int(n & 63)] : 61)
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// FNV-1a of a name: stable per-identity salts, so a credential id is the same for
    /// every seed and can be quoted in the README.
    static func salt(_ name: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in name.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }

    static let upperAlnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    static let alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
}
