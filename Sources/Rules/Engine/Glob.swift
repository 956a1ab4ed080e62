/// A Sigma wildcard pattern with inner wildcards (`a*b?c`), compiled to one array where
/// negative entries are `*` (any run) and `?` (one character, i.e. one UTF-8 scalar).
/// The simple shapes (exact, prefix, suffix, contains) never get here: see `ValuePattern`.
struct Glob: Sendable, Hashable {
    static let star: Int16 = -1
    static let one: Int16 = -2

    /// Literal bytes (already folded when matching is case-insensitive) and wildcards.
    let program: [Int16]

    init(_ tokens: [WildcardToken], folded: Bool) {
        program = tokens.map {
            switch $0 {
            case .literal(let b): Int16(folded ? ByteMatching.fold(b) : b)
            case .star: Glob.star
            case .one: Glob.one
            }
        }
    }

    /// Iterative matching with backtracking to the last `*`: linear for the usual patterns.
    func matches(_ s: UnsafeRawBufferPointer, folded: Bool) -> Bool {
        program.withUnsafeBufferPointer { pat in
            let n = s.count, m = pat.count
            var si = 0, pi = 0
            var starP = -1, starS = 0
            while si < n {
                if pi < m {
                    let c = pat[pi]
                    if c == Glob.one {
                        si += ByteMatching.scalarLength(s[si])
                        pi += 1
                        continue
                    }
                    if c == Glob.star {
                        starP = pi
                        starS = si
                        pi += 1
                        continue
                    }
                    let b = folded ? ByteMatching.fold(s[si]) : s[si]
                    if Int16(b) == c {
                        si += 1
                        pi += 1
                        continue
                    }
                }
                guard starP >= 0 else { return false }
                starS += ByteMatching.scalarLength(s[starS])
                si = starS
                pi = starP + 1
            }
            while pi < m && pat[pi] == Glob.star { pi += 1 }
            return pi == m && si <= n
        }
    }
}

/// One element of a Sigma string value after its escapes are read.
enum WildcardToken: Hashable, Sendable {
    case literal(UInt8)
    case star
    case one

    /// Reads Sigma's escapes: `\*`, `\?` and `\\` are literal; a backslash before anything
    /// else is itself literal (`C:\Windows` needs no doubling).
    static func parse(_ text: String) -> [WildcardToken] {
        let b = Array(text.utf8)
        var out: [WildcardToken] = []
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            let c = b[i]
            if c == 0x5C, i + 1 < b.count, b[i + 1] == 0x2A || b[i + 1] == 0x3F || b[i + 1] == 0x5C {
                out.append(.literal(b[i + 1]))
                i += 2
                continue
            }
            switch c {
            case 0x2A: out.append(.star)
            case 0x3F: out.append(.one)
            default: out.append(.literal(c))
            }
            i += 1
        }
        return out
    }

    /// Every token a literal: the plain bytes, else nil.
    static func literalBytes(_ tokens: [WildcardToken]) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(tokens.count)
        for t in tokens {
            guard case .literal(let b) = t else { return nil }
            out.append(b)
        }
        return out
    }

    static func literals(_ bytes: [UInt8]) -> [WildcardToken] { bytes.map { .literal($0) } }
}
