/// `lt`, `lte`, `gt`, `gte`: the record's number (a JSON number, or a string holding one)
/// against the rule's, read from bytes without a `String`.
struct NumericComparison: Sendable, Hashable {
    enum Op: Sendable, Hashable { case lt, lte, gt, gte }
    let op: Op
    let value: Double

    func matches(_ s: UnsafeRawBufferPointer) -> Bool {
        guard let x = NumericComparison.parse(s) else { return false }
        switch op {
        case .lt: return x < value
        case .lte: return x <= value
        case .gt: return x > value
        case .gte: return x >= value
        }
    }

    /// A decimal number: sign, digits, optional fraction and exponent. Close enough for
    /// comparisons (it accumulates in a Double); nil for anything else, NaN and empty included.
    static func parse(_ s: UnsafeRawBufferPointer) -> Double? {
        var i = 0
        let n = s.count
        while i < n, s[i] == 0x20 { i += 1 }
        var negative = false
        if i < n, s[i] == 0x2D || s[i] == 0x2B { negative = s[i] == 0x2D; i += 1 }
        var mantissa = 0.0
        var digits = 0
        while i < n, s[i] &- 0x30 <= 9 { mantissa = mantissa * 10 + Double(s[i] - 0x30); i += 1; digits += 1 }
        var scale = 0
        if i < n, s[i] == 0x2E {
            i += 1
            while i < n, s[i] &- 0x30 <= 9 { mantissa = mantissa * 10 + Double(s[i] - 0x30); i += 1; digits += 1; scale -= 1 }
        }
        guard digits > 0 else { return nil }
        if i < n, s[i] | 0x20 == 0x65 {
            i += 1
            var eNeg = false
            if i < n, s[i] == 0x2D || s[i] == 0x2B { eNeg = s[i] == 0x2D; i += 1 }
            var e = 0, eDigits = 0
            while i < n, s[i] &- 0x30 <= 9 { e = min(e * 10 + Int(s[i] - 0x30), 10_000); i += 1; eDigits += 1 }
            guard eDigits > 0 else { return nil }
            scale += eNeg ? -e : e
        }
        while i < n, s[i] == 0x20 { i += 1 }
        guard i == n else { return nil }
        var v = mantissa
        if scale > 0 { for _ in 0..<min(scale, 400) { v *= 10 } }
        if scale < 0 { for _ in 0..<min(-scale, 400) { v /= 10 } }
        return negative ? -v : v
    }

    static func parse(_ text: String) -> Double? {
        Array(text.utf8).withUnsafeBytes { parse($0) }
    }
}
