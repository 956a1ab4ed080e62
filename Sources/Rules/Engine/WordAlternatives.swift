/// The catalogue's commonest regex shape, `(^|[^A-Za-z0-9])(w1|w2|…)([^A-Za-z0-9]|$)` — "one of
/// these words, standing alone" — matched on the bytes instead of by `Regex`.
///
/// Every agent tool call meets half a dozen of them; through `Regex` each cost a `String`, up to
/// twenty literal scans and a backtracking match (a third of `report`'s time on OPA decisions).
/// Here a value is walked once: at each position that starts a word (the first byte, or one after
/// a byte that is not a letter or digit), the words beginning with that byte are compared, and a
/// match counts when the byte after it is not a letter or digit either: exactly the regex's
/// meaning. Values with a non-ASCII byte go to `Regex` (Unicode case folding and Unicode
/// letters are its business).
struct WordAlternatives: Sendable {
    /// Word indices by their first byte (folded when the match ignores case).
    private let byFirst: [[Int]]
    private let words: [[UInt8]]
    let folded: Bool

    private static let head = "(^|[^A-Za-z0-9])("
    private static let tail = ")([^A-Za-z0-9]|$)"

    /// The words when `pattern` has exactly this shape and every word is `[A-Za-z0-9_]+`; else nil.
    init?(_ pattern: String, ignoreCase: Bool) {
        guard pattern.hasPrefix(Self.head), pattern.hasSuffix(Self.tail),
              pattern.utf8.count > Self.head.utf8.count + Self.tail.utf8.count else { return nil }
        let body = pattern.utf8.dropFirst(Self.head.utf8.count).dropLast(Self.tail.utf8.count)
        var words: [[UInt8]] = []
        for part in body.split(separator: UInt8(ascii: "|"), omittingEmptySubsequences: false) {
            guard !part.isEmpty, part.allSatisfy({ Self.isWordByte($0) || $0 == UInt8(ascii: "_") }) else { return nil }
            words.append(ignoreCase ? ByteMatching.folded(Array(part)) : Array(part))
        }
        var byFirst = [[Int]](repeating: [], count: 256)
        for (i, w) in words.enumerated() { byFirst[Int(w[0])].append(i) }
        self.words = words
        self.byFirst = byFirst
        folded = ignoreCase
    }

    @inline(__always) private static func isWordByte(_ b: UInt8) -> Bool {
        (b &- 0x30) < 10 || ((b | 0x20) &- 0x61) < 26
    }

    /// Whether one of the words stands alone in `s`; nil when `s` is not all ASCII (ask `Regex`).
    func matches(_ s: UnsafeRawBufferPointer) -> Bool? {
        let n = s.count
        if s.contains(where: { $0 >= 0x80 }) { return nil }
        var i = 0
        while i < n {
            let c = folded ? ByteMatching.fold(s[i]) : s[i]
            for w in byFirst[Int(c)] {
                let word = words[w]
                let end = i + word.count
                guard end <= n, end == n || !Self.isWordByte(s[end]) else { continue }
                if word.withUnsafeBytes({ ByteMatching.equal(s, i, $0, folded: folded) }) { return true }
            }
            // The next start of a word: past this run of letters and digits, then one byte on.
            if Self.isWordByte(s[i]) {
                while i < n, Self.isWordByte(s[i]) { i += 1 }
            }
            i += 1
        }
        return false
    }
}
