import Testing
@testable import Rules

/// `ByteMatching.contains` jumps between candidate first bytes with memchr: it must agree with
/// the plain definition of a (case-folded) substring everywhere, near both ends included.
@Suite struct ByteMatchingTests {
    /// The definition: some position where every byte matches (folded on the record's side).
    private func reference(_ s: [UInt8], _ p: [UInt8], folded: Bool) -> Bool {
        if p.isEmpty { return true }
        guard s.count >= p.count else { return false }
        for i in 0...(s.count - p.count) {
            if (0..<p.count).allSatisfy({ (folded ? ByteMatching.fold(s[i + $0]) : s[i + $0]) == p[$0] }) { return true }
        }
        return false
    }

    @Test func agreesWithTheDefinitionOnRandomText() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("aAbB:/-_ é".utf8)
        for _ in 0..<20_000 {
            let s = (0..<Int.random(in: 0...24, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
            let raw = (0..<Int.random(in: 0...4, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
            for folded in [false, true] {
                let p = folded ? ByteMatching.folded(raw) : raw
                let got = s.withUnsafeBytes { ByteMatching.contains($0, p, folded: folded) }
                #expect(got == reference(s, p, folded: folded), "\(String(decoding: s, as: UTF8.self)) ∋ \(String(decoding: p, as: UTF8.self)) folded \(folded)")
            }
        }
    }

    @Test func findsBothCasesOfTheFirstByteAndMatchesAtTheVeryEnd() {
        func has(_ s: String, _ p: String) -> Bool {
            Array(s.utf8).withUnsafeBytes { ByteMatching.contains($0, ByteMatching.folded(Array(p.utf8)), folded: true) }
        }
        #expect(has("xxSecretsManager", "secretsmanager"))
        #expect(has("aaaaaaaaaaaaaaaaaaaaaaAb", "ab"))
        #expect(has("AaAaAaAaAaAaB", "aab"))
        #expect(!has("aaaaaaaaaaaaaaaaaaaaaaaA", "ab"))
        #expect(!has("", "a"))
        #expect(has("a", "a") && has("A", "a"))
    }
}

/// The byte-level word matcher must answer as `Regex` does for the catalogue's word patterns.
@Suite struct WordAlternativesTests {
    static let pattern = "(^|[^A-Za-z0-9])(shell|sh|run_command|exec|post|create_key|x1)([^A-Za-z0-9]|$)"

    @Test func recognisesOnlyThatShape() throws {
        #expect(WordAlternatives(Self.pattern, ignoreCase: true) != nil)
        #expect(WordAlternatives("(^|[^A-Za-z0-9])(a.b|c)([^A-Za-z0-9]|$)", ignoreCase: true) == nil)
        #expect(WordAlternatives("(^|[^A-Za-z0-9])(a||c)([^A-Za-z0-9]|$)", ignoreCase: true) == nil)
        #expect(WordAlternatives("^(a|c)$", ignoreCase: true) == nil)
        #expect(try RegexMatcher(Self.pattern, ignoreCase: true, multiline: false, dotAll: false).words != nil)
    }

    @Test(arguments: [false, true])
    func agreesWithRegexOnRandomValues(ignoreCase: Bool) throws {
        let m = try RegexMatcher(Self.pattern, ignoreCase: ignoreCase, multiline: false, dotAll: false)
        let words = try #require(m.words)
        let pieces = ["sh", "SH", "shell", "Shellx", "run_command", "run", "_", ".", ":", "-", " ", "a", "9", "exec",
                      "post", "poster", "create_key", "create", "key", "x1", "X1", "\n", "tool:", "/"]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let value = (0..<Int.random(in: 0...6, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let bytes = Array(value.utf8)
            let fast = bytes.withUnsafeBytes { words.matches($0) }
            let slow = bytes.withUnsafeBytes { m.matchesWithRegex($0) }
            #expect(fast == slow, "\(value.debugDescription) ignoreCase \(ignoreCase)")
        }
        // Non-ASCII values are left to Regex.
        #expect(Array("ſh".utf8).withUnsafeBytes { words.matches($0) } == nil)
    }
}
