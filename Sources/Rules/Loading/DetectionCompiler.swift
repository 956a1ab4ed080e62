import Yams

/// Compiles a `detection:` mapping (Sigma's language, used by both Sigma rules and catalogue
/// entries) into a `Detection`. Errors name the search identifier and field
/// (`unsupported modifier 'expand' in selection.CommandLine`).
enum DetectionCompiler {
    static func compile(_ node: Node) throws(RuleLoadError) -> Detection {
        guard let mapping = node.mapping else { throw .invalid("detection is not a mapping") }
        var names: [String] = []
        var selections: [Selection] = []
        var conditionNode: Node?
        for (k, v) in mapping {
            guard let name = k.scalarText, !name.isEmpty else { throw .invalid("detection has a key that is not a name") }
            switch name {
            case "condition": conditionNode = v
            case "timeframe": throw .unsupported("'timeframe' (aggregation)")
            default:
                names.append(name)
                selections.append(try selection(v, name))
            }
        }
        guard let conditionNode else { throw .invalid("detection has no condition") }
        guard !selections.isEmpty else { throw .invalid("detection has no search identifier") }
        let condition: Condition
        if let text = conditionNode.scalarText {
            condition = try ConditionParser.parse(text, names: names)
        } else if let list = conditionNode.textList, !list.isEmpty {
            // Sigma's old list form: any of the conditions.
            var parts: [Condition] = []
            for text in list { parts.append(try ConditionParser.parse(text, names: names)) }
            condition = parts.count == 1 ? parts[0] : .or(parts)
        } else {
            throw .invalid("condition is not text")
        }
        return Detection(selections: selections, condition: condition)
    }

    /// A search identifier's body: a map (AND), a list of maps (OR), or keywords.
    static func selection(_ node: Node, _ name: String) throws(RuleLoadError) -> Selection {
        switch node {
        case .mapping(let m):
            return .maps([try fieldTests(m, name)])
        case .sequence(let seq):
            guard seq.count > 0 else { throw .invalid("\(name) is an empty list") }
            if seq.allSatisfy({ $0.mapping != nil }) {
                var maps: [[FieldTest]] = []
                for (i, item) in seq.enumerated() { maps.append(try fieldTests(item.mapping!, "\(name)[\(i)]")) }
                return .maps(maps)
            }
            guard let words = node.textList else {
                throw .invalid("\(name) mixes keywords and maps")
            }
            return .keywords([try keywordAlternatives(words, name)], all: false)
        case .scalar:
            guard let word = node.scalarText else { throw .invalid("\(name) is null") }
            return .keywords([try keywordAlternatives([word], name)], all: false)
        case .alias:
            throw .invalid("\(name) uses a YAML alias")
        }
    }

    /// Bare keywords: case-insensitive substrings of the whole record (wildcards allowed).
    static func keywordAlternatives(_ words: [String], _ name: String) throws(RuleLoadError) -> ValueAlternatives {
        var patterns: [ValuePattern] = []
        for w in words {
            var tokens = WildcardToken.parse(w)
            if tokens.first != .star { tokens.insert(.star, at: 0) }
            if tokens.last != .star { tokens.append(.star) }
            patterns.append(ValuePattern(tokens: tokens, folded: true))
        }
        return ValueAlternatives(patterns: patterns, matchesNull: false, folded: true)
    }

    static func fieldTests(_ m: Node.Mapping, _ name: String) throws(RuleLoadError) -> [FieldTest] {
        guard m.count > 0 else { throw .invalid("\(name) is an empty map") }
        var tests: [FieldTest] = []
        for (k, v) in m {
            guard let key = k.scalarText else { throw .invalid("\(name) has a key that is not text") }
            tests.append(try FieldTestCompiler.compile(key: key, value: v, at: name))
        }
        return tests.enumerated().sorted { ($0.element.cost, $0.offset) < ($1.element.cost, $1.offset) }.map(\.element)
    }
}
