/// Parses a Sigma condition (`selection and not 1 of filter_*`) into a `Condition` over the
/// detection's search identifiers. Precedence, loosest first: `or`, `and`, `not`, `x of`,
/// parentheses. Aggregations (`| count() > 5`) and `N of` with N > 1 are refused by name.
struct ConditionParser {
    private enum Token: Equatable {
        case word(String)
        case open, close
    }

    /// Search identifier names, in detection order, and their selection index.
    let names: [String]
    private var tokens: [Token] = []
    private var pos = 0
    /// Parentheses and `not`s nest at most this deep: a hostile rule file cannot overflow the stack.
    static let maxDepth = 64
    private var depth = 0

    init(names: [String]) { self.names = names }

    static func parse(_ text: String, names: [String]) throws(RuleLoadError) -> Condition {
        var p = ConditionParser(names: names)
        return try p.run(text)
    }

    private mutating func run(_ text: String) throws(RuleLoadError) -> Condition {
        if text.contains("|") {
            throw .unsupported("aggregation in condition '\(text)'")
        }
        if text.lowercased().contains("count(") {
            throw .unsupported("aggregation 'count()' in condition")
        }
        tokens = ConditionParser.tokenize(text)
        guard !tokens.isEmpty else { throw .invalid("empty condition") }
        pos = 0
        let c = try parseOr()
        guard pos == tokens.count else { throw .invalid("unexpected '\(describe(tokens[pos]))' in condition '\(text)'") }
        return c
    }

    private static func tokenize(_ text: String) -> [Token] {
        var out: [Token] = []
        var word = ""
        func flush() { if !word.isEmpty { out.append(.word(word)); word = "" } }
        for ch in text {
            switch ch {
            case "(": flush(); out.append(.open)
            case ")": flush(); out.append(.close)
            case " ", "\t", "\n", "\r": flush()
            default: word.append(ch)
            }
        }
        flush()
        return out
    }

    private func describe(_ t: Token) -> String {
        switch t {
        case .word(let w): w
        case .open: "("
        case .close: ")"
        }
    }

    private func peekKeyword(_ k: String) -> Bool {
        guard pos < tokens.count, case .word(let w) = tokens[pos] else { return false }
        return w.lowercased() == k
    }

    private mutating func parseOr() throws(RuleLoadError) -> Condition {
        var parts = [try parseAnd()]
        while peekKeyword("or") { pos += 1; parts.append(try parseAnd()) }
        return parts.count == 1 ? parts[0] : .or(parts)
    }

    private mutating func parseAnd() throws(RuleLoadError) -> Condition {
        var parts = [try parseNot()]
        while peekKeyword("and") { pos += 1; parts.append(try parseNot()) }
        return parts.count == 1 ? parts[0] : .and(parts)
    }

    private mutating func parseNot() throws(RuleLoadError) -> Condition {
        if peekKeyword("not") {
            pos += 1
            try enter()
            defer { depth -= 1 }
            return .not(try parseNot())
        }
        return try parsePrimary()
    }

    private mutating func enter() throws(RuleLoadError) {
        depth += 1
        if depth > ConditionParser.maxDepth { throw .invalid("condition nested deeper than \(ConditionParser.maxDepth)") }
    }

    private mutating func parsePrimary() throws(RuleLoadError) -> Condition {
        guard pos < tokens.count else { throw .invalid("condition ends early") }
        switch tokens[pos] {
        case .open:
            pos += 1
            try enter()
            defer { depth -= 1 }
            let c = try parseOr()
            guard pos < tokens.count, tokens[pos] == .close else { throw .invalid("missing ')' in condition") }
            pos += 1
            return c
        case .close:
            throw .invalid("unexpected ')' in condition")
        case .word(let w):
            pos += 1
            let lower = w.lowercased()
            if ["and", "or", "not"].contains(lower) { throw .invalid("unexpected '\(w)' in condition") }
            if peekKeyword("of") {
                pos += 1
                guard pos < tokens.count, case .word(let target) = tokens[pos] else {
                    throw .invalid("'\(w) of' names nothing")
                }
                pos += 1
                return try quantified(lower, target)
            }
            guard let i = names.firstIndex(of: w) else {
                throw .invalid("condition names '\(w)', which the detection does not define")
            }
            return .selection(i)
        }
    }

    /// `1 of X*`, `all of X*`, `1 of them`, `all of them`.
    private func quantified(_ quantifier: String, _ target: String) throws(RuleLoadError) -> Condition {
        let all: Bool
        switch quantifier {
        case "1", "any": all = false
        case "all": all = true
        default:
            if let n = Int(quantifier), n > 1 { throw .unsupported("'\(n) of' in condition") }
            throw .invalid("'\(quantifier) of' in condition")
        }
        let matched: [Int]
        if target.lowercased() == "them" {
            matched = names.indices.filter { !names[$0].hasPrefix("_") }
        } else {
            let glob = Glob(WildcardToken.parse(target), folded: false)
            matched = names.indices.filter { i in
                Array(names[i].utf8).withUnsafeBytes { glob.matches($0, folded: false) }
            }
        }
        guard !matched.isEmpty else { throw .invalid("'\(quantifier) of \(target)' matches no search identifier") }
        let parts = matched.map { Condition.selection($0) }
        if parts.count == 1 { return parts[0] }
        return all ? .and(parts) : .or(parts)
    }
}
