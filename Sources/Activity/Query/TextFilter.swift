import Events

/// What an operator types after `/`: a substring by default (case-insensitive unless it has
/// an upper-case letter, "smartcase" as in less and lnav), `~` makes it a regular expression,
/// a leading `!` inverts it. Matched over identity, kind, format, action and resource.
///
/// Equal and hashed by its text: two filters typed alike are the same filter, and the
/// compiled form (held by reference, immutable) never takes part.
public struct TextFilter: Hashable, Sendable {
    /// As typed, with `!` and `~`.
    public let text: String
    public let inverted: Bool
    public let isRegex: Bool
    /// The pattern without `!` and `~`.
    public let pattern: String
    /// Whether case is ignored: the pattern has no upper-case letter.
    public let ignoresCase: Bool
    private let compiled: CompiledPattern

    /// Longer patterns are refused: typed by a person, so anything longer is a paste gone wrong.
    public static let maxPatternLength = 512

    /// Throws a one-line error for a pattern that is too long or a regex that does not
    /// compile ("invalid regex: expected ')'").
    public init(_ text: String) throws(TextFilterError) {
        self.text = text
        var rest = Substring(text)
        inverted = rest.first == "!"
        if inverted { rest = rest.dropFirst() }
        isRegex = rest.first == "~"
        if isRegex { rest = rest.dropFirst() }
        pattern = String(rest)
        guard pattern.utf8.count <= Self.maxPatternLength else {
            throw TextFilterError("pattern longer than \(Self.maxPatternLength) bytes")
        }
        ignoresCase = !Self.hasUpperCase(pattern, regex: isRegex)
        if isRegex {
            do {
                let regex = try Regex(pattern)
                compiled = CompiledPattern(regex: ignoresCase ? regex.ignoresCase() : regex)
            } catch {
                throw TextFilterError("invalid regex: " + Self.firstLine(of: "\(error)"))
            }
        } else {
            compiled = CompiledPattern(needle: Array(pattern.utf8), foldASCII: ignoresCase)
        }
    }

    public static func == (a: TextFilter, b: TextFilter) -> Bool { a.text == b.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    /// The most bytes of one field a regex reads: its first ones, cut back to a whole scalar.
    /// Swift's `Regex` backtracks, so a pattern such as `.*x` costs quadratic time in the field
    /// (`.*.*x` cubic), and fields are attacker-written: one 4 KiB resource under `.*=` took
    /// 0.8 s, on the UI thread. Identities, actions and resources fit; a substring reads it all.
    public static let maxRegexSubjectBytes = 256

    /// Whether one field matches the pattern (before inversion).
    public func fieldMatches(_ field: String) -> Bool {
        if let regex = compiled.regex {
            let utf8 = field.utf8
            guard utf8.count > Self.maxRegexSubjectBytes else { return field.contains(regex) }
            var end = utf8.index(utf8.startIndex, offsetBy: Self.maxRegexSubjectBytes)
            while end > utf8.startIndex, UTF8.isContinuation(utf8[end]) { end = utf8.index(before: end) }
            return field[..<end].contains(regex)
        }
        return compiled.substringMatches(field)
    }

    /// Whether an event matches, inversion applied: any of its identity, kind, format, action
    /// and resource matches (inverted: none does).
    public func matches(_ event: NormalizedEvent) -> Bool {
        let any = fieldMatches(event.identity) || fieldMatches(event.identityKind.label)
            || fieldMatches(event.format.label) || fieldMatches(event.action) || fieldMatches(event.resource)
        return any != inverted
    }

    /// Smartcase: an upper-case letter makes the pattern case-sensitive. In a regex the letter
    /// right after a backslash is syntax (`\S`, `\W`, `\D`), not text, and does not count.
    private static func hasUpperCase(_ pattern: String, regex: Bool) -> Bool {
        var escaped = false
        for c in pattern {
            if regex && escaped { escaped = false; continue }
            if regex && c == "\\" { escaped = true; continue }
            if c.isUppercase { return true }
        }
        return false
    }

    private static func firstLine(of s: String) -> String {
        let line = s.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return line.isEmpty ? "does not compile" : line
    }
}

/// The compiled form of a filter, built once in `TextFilter.init` and never changed after:
/// that immutability is why sharing it between threads is safe (`Regex` is not declared
/// `Sendable`).
private final class CompiledPattern: @unchecked Sendable {
    let regex: Regex<AnyRegexOutput>?
    /// The substring's UTF-8 bytes, ASCII upper case already folded to lower when `foldASCII`.
    let needle: [UInt8]
    let foldASCII: Bool

    init(regex: Regex<AnyRegexOutput>) {
        self.regex = regex
        needle = []
        foldASCII = false
    }

    init(needle: [UInt8], foldASCII: Bool) {
        regex = nil
        self.needle = foldASCII ? needle.map(Self.lower) : needle
        self.foldASCII = foldASCII
    }

    @inline(__always)
    static func lower(_ b: UInt8) -> UInt8 { b &- 0x41 < 26 ? b | 0x20 : b }

    /// Substring search over the field's UTF-8 bytes in place: no String is built per field.
    /// Case folding is ASCII only; other bytes compare exactly.
    func substringMatches(_ field: String) -> Bool {
        if needle.isEmpty { return true }
        if let found = field.utf8.withContiguousStorageIfAvailable({ contains($0) }) { return found }
        // A bridged string that is not stored as UTF-8 (never on Linux): one copy.
        return Array(field.utf8).withUnsafeBufferPointer { contains($0) }
    }

    private func contains(_ hay: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = needle.count
        guard hay.count >= n else { return false }
        return needle.withUnsafeBufferPointer { needle in
            let first = needle[0]
            for i in 0...(hay.count - n) {
                let b = foldASCII ? Self.lower(hay[i]) : hay[i]
                guard b == first else { continue }
                var j = 1
                while j < n {
                    let c = foldASCII ? Self.lower(hay[i + j]) : hay[i + j]
                    if c != needle[j] { break }
                    j += 1
                }
                if j == n { return true }
            }
            return false
        }
    }
}

public struct TextFilterError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
