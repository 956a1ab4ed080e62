/// The value transformations of Sigma modifiers, applied once at load:
/// `base64`, `base64offset` and `windash`.
enum ValueEncodings {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Standard base64 with padding.
    static func base64(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let b0 = bytes[i]
            let b1 = i + 1 < bytes.count ? bytes[i + 1] : 0
            let b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            out.append(i + 1 < bytes.count ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : 0x3D)
            out.append(i + 2 < bytes.count ? alphabet[Int(b2 & 0x3F)] : 0x3D)
            i += 3
        }
        return out
    }

    /// The three encodings of `bytes` as it may sit at any offset inside a longer base64 text,
    /// trimmed of the characters its neighbours would change (pySigma's `base64offset`).
    static func base64Offsets(_ bytes: [UInt8]) -> [[UInt8]] {
        let startOffsets = [0, 2, 3]
        let endTrim = [0, 3, 2]
        var out: [[UInt8]] = []
        for shift in 0..<3 {
            let encoded = base64([UInt8](repeating: 0x20, count: shift) + bytes)
            let start = startOffsets[shift]
            let end = encoded.count - endTrim[(bytes.count + shift) % 3]
            guard end > start else { continue }
            out.append(Array(encoded[start..<end]))
        }
        return out
    }

    /// Every spelling of the value's option dashes: a `-` or `/` that starts a word (after
    /// a non-word character, before a word character) may also be `/`, `-`, `–`, `—` or `―`.
    static func windash(_ tokens: [WildcardToken], at: String) throws(RuleLoadError) -> [[WildcardToken]] {
        func isWord(_ t: WildcardToken?) -> Bool {
            guard case .literal(let b)? = t else { return false }
            return (b &- 0x30) <= 9 || ((b | 0x20) &- 0x61) <= 25 || b == 0x5F || b >= 0x80
        }
        var positions: [Int] = []
        for (i, t) in tokens.enumerated() {
            guard t == .literal(0x2D) || t == .literal(0x2F) else { continue }
            let before = i > 0 ? tokens[i - 1] : nil
            let after = i + 1 < tokens.count ? tokens[i + 1] : nil
            if !isWord(before), isWord(after) { positions.append(i) }
        }
        guard positions.count <= 4 else { throw .unsupported("'windash' on a value with more than 4 dashes in \(at)") }
        let dashes: [[UInt8]] = [[0x2D], [0x2F], Array("–".utf8), Array("—".utf8), Array("―".utf8)]
        var out: [[WildcardToken]] = [[]]
        var last = 0
        for p in positions {
            let between = Array(tokens[last..<p])
            out = out.flatMap { prefix in dashes.map { prefix + between + WildcardToken.literals($0) } }
            last = p + 1
        }
        let rest = Array(tokens[last...])
        return out.map { $0 + rest }
    }
}
