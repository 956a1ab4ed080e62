/// What a regular expression cannot match without: a literal (`:assumed-role/aws:` in
/// `.+:assumed-role/aws:.+`) or one of a group's literal alternatives (`shell`, `bash`… in
/// `(^|\W)(shell|bash)(\W|$)`), found by a conservative scan of the pattern's top level.
/// It turns most values away with a byte search before the regex engine runs.
enum RegexLiterals {
    /// One of `literals` is in every match (none found: empty). `inlineFlags`: the pattern sets
    /// flags itself (`(?i)`), so the literals must be compared ignoring case.
    static func required(in pattern: String) -> (literals: [[UInt8]], inlineFlags: Bool) {
        let bytes = Array(pattern.utf8)
        if beyondScanner(bytes) { return ([], true) }
        var scan = Scanner(bytes)
        let items = scan.topLevel()
        guard let items else { return ([], scan.inlineFlags) }
        // The best candidate: a single literal, longest; else the set whose shortest is longest.
        var best: [[UInt8]] = []
        func score(_ set: [[UInt8]]) -> (Int, Int) { (set.count == 1 ? 1 : 0, set.map(\.count).min() ?? 0) }
        for candidate in items where (candidate.map(\.count).min() ?? 0) >= 2 {
            if best.isEmpty || score(candidate) > score(best) { best = candidate }
        }
        return (best, scan.inlineFlags)
    }

    /// Syntax the scanner would misread as literal text: an escape of a letter or digit
    /// (`\x53`, `\u0041`, `\012`, `\cJ`, `\k<name>`, `\p{L}`, `\n`) other than the class
    /// escapes `\d \D \w \W \s \S \b \B` (which only break a literal), and an inline flag
    /// group other than `(?i)`/`(?i:` (`(?x)` ignores spaces, so `Stop Logging` is no literal).
    static func beyondScanner(_ p: [UInt8]) -> Bool {
        var i = 0
        while i + 1 < p.count {
            let c = p[i], e = p[i + 1]
            if c == 0x5C {
                let letterOrDigit = (e | 0x20) &- 0x61 < 26 || e &- 0x30 < 10
                if letterOrDigit, !Array("dDwWsSbB".utf8).contains(e) { return true }
                i += 2
                continue
            }
            if c == 0x28, e == 0x3F {
                let f = i + 2 < p.count ? p[i + 2] : 0
                let g = i + 3 < p.count ? p[i + 3] : 0
                switch f {
                case 0x3A, 0x3D, 0x21: break  // `(?:`, `(?=`, `(?!`
                case 0x3C: break  // `(?<=`, `(?<!`, `(?<name>`
                case 0x69 where g == 0x29 || g == 0x3A: break  // `(?i)`, `(?i:`
                default: return true
                }
            }
            i += 1
        }
        return false
    }

    private struct Scanner {
        let p: [UInt8]
        var i = 0
        var inlineFlags = false

        init(_ p: [UInt8]) { self.p = p }

        func isQuantifier(_ at: Int) -> Bool { at < p.count && (p[at] == 0x3F || p[at] == 0x2A || p[at] == 0x7B) }

        static func isPunct(_ e: UInt8) -> Bool {
            (0x21...0x2F).contains(e) || (0x3A...0x40).contains(e) || (0x5B...0x60).contains(e) || (0x7B...0x7E).contains(e)
        }

        /// Candidate sets at the top level: literal runs (one-element sets) and groups of
        /// literal alternatives. nil when the top level itself is an alternation.
        mutating func topLevel() -> [[[UInt8]]]? {
            var out: [[[UInt8]]] = []
            var run: [UInt8] = []
            func endRun() {
                if !run.isEmpty { out.append([run]) }
                run.removeAll()
            }
            while i < p.count {
                let c = p[i]
                switch c {
                case 0x7C:  // `|` at the top level: nothing is certain
                    return nil
                case 0x5C:
                    guard i + 1 < p.count else { return out }
                    let e = p[i + 1]
                    if Scanner.isPunct(e), !isQuantifier(i + 2) {
                        run.append(e)
                        if i + 2 < p.count, p[i + 2] == 0x2B { endRun() }
                    } else {
                        endRun()
                    }
                    i += 2
                case 0x28:
                    endRun()
                    let start = i
                    let end = groupEnd(from: start)
                    i = end + 1
                    // A quantified group may be absent or repeated: it proves nothing.
                    if i < p.count, p[i] == 0x3F || p[i] == 0x2A || p[i] == 0x7B { continue }
                    if let alternatives = literalAlternatives(start, end) { out.append(alternatives) }
                case 0x5B:
                    endRun()
                    i += 1
                    if i < p.count, p[i] == 0x5E { i += 1 }
                    if i < p.count, p[i] == 0x5D { i += 1 }
                    while i < p.count, p[i] != 0x5D { if p[i] == 0x5C { i += 1 }; i += 1 }
                    i += 1
                case 0x3F, 0x2A, 0x7B:
                    endRun()
                    if c == 0x7B { while i < p.count, p[i] != 0x7D { i += 1 } }
                    i += 1
                case 0x2E, 0x5E, 0x24, 0x29, 0x5D, 0x7D, 0x2B:
                    endRun()
                    i += 1
                default:
                    if c >= 0x80 || c < 0x20 || isQuantifier(i + 1) {
                        endRun()
                    } else {
                        run.append(c)
                        if i + 1 < p.count, p[i + 1] == 0x2B { endRun() }
                    }
                    i += 1
                }
            }
            endRun()
            return out
        }

        /// The index of the `)` closing the group opened at `start`.
        mutating func groupEnd(from start: Int) -> Int {
            // `(?i)`, `(?i:…)`: flags (not `(?:`, lookarounds or a named group).
            if start + 2 < p.count, p[start + 1] == 0x3F, ![0x3A, 0x3D, 0x21, 0x3C].contains(p[start + 2]) {
                inlineFlags = true
            }
            var depth = 0
            var j = start
            var inClass = false
            while j < p.count {
                let g = p[j]
                if g == 0x5C { j += 2; continue }
                if inClass {
                    if g == 0x5D { inClass = false }
                } else if g == 0x5B {
                    inClass = true
                } else if g == 0x28 {
                    depth += 1
                } else if g == 0x29 {
                    depth -= 1
                    if depth == 0 { return j }
                }
                j += 1
            }
            return p.count
        }

        /// A group `(a|b|c)` or `(?:a|b)` whose alternatives are all plain literals.
        func literalAlternatives(_ start: Int, _ end: Int) -> [[UInt8]]? {
            var j = start + 1
            if j < end, p[j] == 0x3F {
                guard j + 1 < end, p[j + 1] == 0x3A else { return nil }  // only `(?:`
                j += 2
            }
            var alternatives: [[UInt8]] = []
            var current: [UInt8] = []
            while j < end {
                let c = p[j]
                if c == 0x7C {
                    alternatives.append(current)
                    current = []
                    j += 1
                    continue
                }
                if c == 0x5C {
                    guard j + 1 < end, Scanner.isPunct(p[j + 1]) else { return nil }
                    current.append(p[j + 1])
                    j += 2
                    continue
                }
                if c >= 0x80 || c < 0x20 || [0x28, 0x29, 0x5B, 0x5D, 0x7B, 0x7D, 0x2E, 0x2A, 0x2B, 0x3F, 0x5E, 0x24].contains(c) {
                    return nil
                }
                current.append(c)
                j += 1
            }
            alternatives.append(current)
            return alternatives.contains(where: \.isEmpty) ? nil : alternatives
        }
    }
}
