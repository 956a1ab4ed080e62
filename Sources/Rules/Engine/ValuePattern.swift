/// One compiled value of a detection: the shape decided at load, so matching is a byte
/// compare. Literal bytes are stored folded (ASCII lowercase) unless the value is `cased`.
enum ValuePattern: Sendable {
    /// `'*'`: any present value that is not JSON null (objects and arrays too).
    case anyValue
    case exact([UInt8])
    case prefix([UInt8])
    case suffix([UInt8])
    case contains([UInt8])
    case glob(Glob)
    case regex(RegexMatcher)
    case cidr(CIDRBlock)
    case numeric(NumericComparison)

    /// Classifies wildcard tokens: a plain literal, one leading and/or trailing `*`, or a glob.
    init(tokens: [WildcardToken], folded: Bool) {
        var body = tokens[...]
        var leading = false, trailing = false
        while body.first == .star { body = body.dropFirst(); leading = true }
        while body.last == .star { body = body.dropLast(); trailing = true }
        if body.isEmpty {
            self = leading ? .anyValue : .exact([])
            return
        }
        if let literal = WildcardToken.literalBytes(Array(body)) {
            let bytes = folded ? ByteMatching.folded(literal) : literal
            switch (leading, trailing) {
            case (false, false): self = .exact(bytes)
            case (false, true): self = .prefix(bytes)
            case (true, false): self = .suffix(bytes)
            case (true, true): self = .contains(bytes)
            }
            return
        }
        self = .glob(Glob(tokens, folded: folded))
    }

    /// The value must equal this exactly (ASCII case folded when matching is): for the index.
    var exactBytes: [UInt8]? {
        if case .exact(let b) = self { return b }
        return nil
    }

    @inline(__always)
    func matches(_ s: UnsafeRawBufferPointer, folded: Bool) -> Bool {
        switch self {
        case .anyValue: true
        case .exact(let p): ByteMatching.equals(s, p, folded: folded)
        case .prefix(let p): ByteMatching.hasPrefix(s, p, folded: folded)
        case .suffix(let p): ByteMatching.hasSuffix(s, p, folded: folded)
        case .contains(let p): ByteMatching.contains(s, p, folded: folded)
        case .glob(let g): g.matches(s, folded: folded)
        case .regex(let r): r.matches(s)
        case .cidr(let c): c.contains(s)
        case .numeric(let n): n.matches(s)
        }
    }
}

/// The values one field is tested against, OR'd: a record value matching any pattern matches.
/// `null` in the list matches a missing field or a JSON null.
struct ValueAlternatives: Sendable {
    var patterns: [ValuePattern]
    var matchesNull: Bool
    /// ASCII case-insensitive (the default; off with `cased`).
    var folded: Bool

    func matches(_ record: RecordAccess, _ path: FieldPath) -> Bool {
        var sawValue = false
        let hit = record.eachValue(at: path) { kind, bytes in
            sawValue = true
            if kind == .null { return matchesNull }
            for p in patterns where p.matches(bytes, folded: folded) { return true }
            return false
        }
        return hit || (matchesNull && !sawValue)
    }
}
