/// The `re` modifier: Swift's standard-library `Regex`, searched (not anchored) in the value.
///
/// A regex costs a `String` and a match per value, so most values are turned away first by a
/// literal the regex cannot match without (`:assumed-role/aws:` in `.+:assumed-role/aws:.+`),
/// found by a conservative scan of the pattern and checked on the bytes.
final class RegexMatcher: @unchecked Sendable {
    // @unchecked: `Regex` is immutable once built; it is only read, from any thread.
    /// The most bytes of one value a regex reads: its first ones, cut back to a whole scalar.
    /// Swift's `Regex` backtracks, and some patterns (the admin-policy one over a policy
    /// document) cost cubic time in an attacker's value; the cap bounds one value's cost.
    static let maxRegexSubjectBytes = 2048

    let source: String
    private let regex: Regex<AnyRegexOutput>
    /// Every match contains one of these (folded when the regex may ignore case); empty: no filter.
    let requiredLiterals: [[UInt8]]
    let literalFolded: Bool
    /// The pattern as "one of these words standing alone", matched on the bytes; nil for others.
    let words: WordAlternatives?

    /// Throws when the pattern does not compile.
    init(_ pattern: String, ignoreCase: Bool, multiline: Bool, dotAll: Bool) throws {
        source = pattern
        var r = try Regex(pattern).matchingSemantics(.unicodeScalar)
        if ignoreCase { r = r.ignoresCase() }
        if multiline { r = r.anchorsMatchLineEndings() }
        if dotAll { r = r.dotMatchesNewlines() }
        regex = r
        let found = RegexLiterals.required(in: pattern)
        // An inline flag (`(?i)`) may change how the literals match: fold to be safe.
        let folded = ignoreCase || found.inlineFlags
        literalFolded = folded
        requiredLiterals = found.literals.map { folded ? ByteMatching.folded($0) : $0 }
        words = found.inlineFlags ? nil : WordAlternatives(pattern, ignoreCase: ignoreCase)
    }

    func matches(_ value: UnsafeRawBufferPointer) -> Bool {
        let s = RegexMatcher.subject(value)
        if let words, let answer = words.matches(s) { return answer }
        return matchesWithRegex(s)
    }

    /// The general path: literal prefilter, then `Regex` (what `words` must agree with).
    func matchesWithRegex(_ s: UnsafeRawBufferPointer) -> Bool {
        if !requiredLiterals.isEmpty,
           !requiredLiterals.contains(where: { ByteMatching.contains(s, $0, folded: literalFolded) }) { return false }
        let text = String(decoding: s, as: UTF8.self)
        return (try? regex.firstMatch(in: text)) != nil
    }

    /// `value`'s first `maxRegexSubjectBytes`, not ending inside a UTF-8 sequence.
    static func subject(_ value: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        guard value.count > maxRegexSubjectBytes else { return value }
        var end = maxRegexSubjectBytes
        // Back off continuation bytes (10xxxxxx) to the start of the scalar the cap cuts.
        while end > 0, value[end] & 0xC0 == 0x80 { end -= 1 }
        return UnsafeRawBufferPointer(rebasing: value[..<end])
    }
}
