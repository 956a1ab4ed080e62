import Yams

/// Compiles one `field|mod|mod: value(s)` entry of a detection map.
enum FieldTestCompiler {
    private enum Position { case contains, startswith, endswith }

    private struct Modifiers {
        var position: Position?
        var all = false, cased = false, neq = false
        var regex = false, regexI = false, regexM = false, regexS = false
        var cidr = false, exists = false, fieldref = false
        var base64 = false, base64offset = false, windash = false
        var numeric: NumericComparison.Op?
    }

    static let unsupportedModifiers: Set<String> = [
        "expand", "utf16", "utf16le", "utf16be", "wide", "minute", "hour", "day", "week", "month", "year",
    ]

    static func compile(key: String, value: Node, at selection: String) throws(RuleLoadError) -> FieldTest {
        let parts = key.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        let field = parts[0]
        let at = field.isEmpty ? selection : "\(selection).\(field)"
        let mods = try modifiers(parts.dropFirst(), at: at)
        let path = FieldPath(field)
        if field.hasPrefix("@"), path.normalized == nil {
            throw .invalid("unknown normalized field '\(field)' in \(selection) (known: "
                           + NormalizedField.allCases.map { "@" + $0.rawValue }.joined(separator: ", ") + ")")
        }
        if !field.isEmpty, path.normalized == nil, path.components.contains(where: \.isEmpty) {
            throw .invalid("field '\(field)' in \(selection) has an empty name between dots")
        }

        let valueNodes: [Node]
        switch value {
        case .scalar: valueNodes = [value]
        case .sequence(let seq):
            guard seq.count > 0 else { throw .invalid("\(at) has an empty list of values") }
            guard seq.allSatisfy({ $0.scalar != nil }) else { throw .invalid("\(at) has a value that is not text") }
            valueNodes = Array(seq)
        case .mapping, .alias:
            throw .invalid("\(at) has a map for a value (expected a value or a list of values)")
        }

        if mods.exists {
            guard valueNodes.count == 1, let wanted = valueNodes[0].boolValue else {
                throw .invalid("\(at): 'exists' needs true or false")
            }
            return FieldTest(path: path, test: .exists(wanted), negated: mods.neq)
        }
        if mods.fieldref {
            var others: [FieldPath] = []
            for n in valueNodes {
                guard let t = n.scalarText, !t.isEmpty else { throw .invalid("\(at): 'fieldref' needs field names") }
                others.append(FieldPath(t))
            }
            let mode: FieldTest.FieldRefMode = switch mods.position {
            case nil: .equal
            case .contains: .contains
            case .startswith: .prefix
            case .endswith: .suffix
            }
            return FieldTest(path: path, test: .fieldRef(others, mode: mode, folded: !mods.cased, all: mods.all), negated: mods.neq)
        }

        var groups: [ValueAlternatives] = []
        for n in valueNodes {
            groups.append(try alternatives(n, mods, at: at))
        }
        if !mods.all, groups.count > 1 {
            let merged = ValueAlternatives(patterns: groups.flatMap(\.patterns), matchesNull: groups.contains(where: \.matchesNull),
                                           folded: !mods.cased)
            groups = [merged]
        }
        if field.isEmpty {
            guard !groups.contains(where: \.matchesNull) else { throw .invalid("\(at): a keyword cannot be null") }
            return FieldTest(path: path, test: .raw(groups, all: mods.all), negated: mods.neq)
        }
        return FieldTest(path: path, test: .values(groups, all: mods.all), negated: mods.neq)
    }

    private static func modifiers(_ names: ArraySlice<String>, at: String) throws(RuleLoadError) -> Modifiers {
        var m = Modifiers()
        for raw in names {
            let name = raw.lowercased()
            func setPosition(_ p: Position) throws(RuleLoadError) {
                if let old = m.position, old != p { throw .invalid("conflicting modifiers in \(at)") }
                m.position = p
            }
            switch name {
            case "contains": try setPosition(.contains)
            case "startswith": try setPosition(.startswith)
            case "endswith": try setPosition(.endswith)
            case "all": m.all = true
            case "cased": m.cased = true
            case "neq": m.neq = true
            case "re": m.regex = true
            case "i", "m", "s":
                guard m.regex else { throw .invalid("modifier '\(name)' without 're' in \(at)") }
                if name == "i" { m.regexI = true } else if name == "m" { m.regexM = true } else { m.regexS = true }
            case "cidr": m.cidr = true
            case "exists": m.exists = true
            case "fieldref": m.fieldref = true
            case "base64": m.base64 = true
            case "base64offset": m.base64offset = true
            case "windash": m.windash = true
            case "lt": m.numeric = .lt
            case "lte": m.numeric = .lte
            case "gt": m.numeric = .gt
            case "gte": m.numeric = .gte
            default:
                if unsupportedModifiers.contains(name) { throw .unsupported("unsupported modifier '\(name)' in \(at)") }
                throw .unsupported("unknown modifier '\(raw)' in \(at)")
            }
        }
        // Modifiers that replace how a value is read cannot be combined with each other.
        let kinds = [m.regex, m.cidr, m.exists, m.fieldref, m.numeric != nil, m.base64 || m.base64offset].filter { $0 }.count
        if kinds > 1 { throw .invalid("modifiers in \(at) cannot be combined") }
        if m.base64 && m.base64offset { throw .invalid("'base64' and 'base64offset' together in \(at)") }
        if m.position != nil && (m.regex || m.cidr || m.exists || m.numeric != nil) {
            throw .invalid("modifiers in \(at) cannot be combined")
        }
        return m
    }

    /// One value of the rule: usually one pattern; several after `windash` or `base64offset`.
    private static func alternatives(_ node: Node, _ m: Modifiers, at: String) throws(RuleLoadError) -> ValueAlternatives {
        let folded = !m.cased
        guard let text = node.scalarText else {
            return ValueAlternatives(patterns: [], matchesNull: true, folded: folded)
        }
        if let op = m.numeric {
            guard let v = NumericComparison.parse(text) else { throw .invalid("\(at): '\(text)' is not a number") }
            return ValueAlternatives(patterns: [.numeric(NumericComparison(op: op, value: v))], matchesNull: false, folded: folded)
        }
        if m.cidr {
            guard let block = CIDRBlock(text) else { throw .invalid("\(at): '\(text)' is not a network (CIDR)") }
            return ValueAlternatives(patterns: [.cidr(block)], matchesNull: false, folded: folded)
        }
        if m.regex {
            do {
                let r = try RegexMatcher(text, ignoreCase: m.regexI, multiline: m.regexM, dotAll: m.regexS)
                return ValueAlternatives(patterns: [.regex(r)], matchesNull: false, folded: false)
            } catch {
                throw .unsupported("regular expression in \(at) that Swift's Regex does not compile: \(YAMLText.oneLine(error))")
            }
        }
        var variants = [WildcardToken.parse(text)]
        if m.windash { variants = try ValueEncodings.windash(variants[0], at: at) }
        if m.base64 || m.base64offset {
            guard let bytes = WildcardToken.literalBytes(variants[0]) else {
                throw .unsupported("wildcards in a base64 value in \(at)")
            }
            let encoded = m.base64 ? [ValueEncodings.base64(bytes)] : ValueEncodings.base64Offsets(bytes)
            variants = encoded.map(WildcardToken.literals)
        }
        let patterns = variants.map { tokens -> ValuePattern in
            var t = tokens
            switch m.position {
            case nil: break
            case .contains:
                if t.first != .star { t.insert(.star, at: 0) }
                if t.last != .star { t.append(.star) }
            case .startswith:
                if t.last != .star { t.append(.star) }
            case .endswith:
                if t.first != .star { t.insert(.star, at: 0) }
            }
            return ValuePattern(tokens: t, folded: folded)
        }
        return ValueAlternatives(patterns: patterns, matchesNull: false, folded: folded)
    }
}
