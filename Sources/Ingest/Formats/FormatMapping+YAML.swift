import ConfigFiles
import Events
import Foundation
import Yams

/// A mapping file that cannot be used: one line naming the file and the key.
public typealias MappingError = ConfigError

extension FormatMapping {
    /// Reads and parses a mapping file (see `FormatMapping` for the schema). Errors name `path`.
    public static func load(contentsOf path: String) throws -> [FormatMapping] {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw MappingError(source: path, key: "", message: "cannot read file")
        }
        return try parse(yaml: text, source: path)
    }

    /// Parses mapping YAML; `source` names it in errors (usually its path).
    public static func parse(yaml: String, source: String) throws -> [FormatMapping] {
        try MappingParser(source: source).parse(yaml).formats
    }

    /// Reads a mapping file with its optional `kinds:` rules (see `MappingFile`).
    public static func loadFile(contentsOf path: String) throws -> MappingFile {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw MappingError(source: path, key: "", message: "cannot read file")
        }
        return try parseFile(yaml: text, source: path)
    }

    /// Parses mapping YAML with its optional `kinds:` rules.
    public static func parseFile(yaml: String, source: String) throws -> MappingFile {
        try MappingParser(source: source).parse(yaml)
    }
}

/// A whole mapping file: `formats:` (operator-defined formats) and/or `kinds:` (name rules that
/// replace `KindRule.defaults`, nil when the file has none). At least one of the two is required.
///
/// ```yaml
/// kinds:                     # tried in order, first match wins, exact and case-sensitive
///   - {match: prefix, value: "agent:", kind: ai_agent}       # prefix | suffix | exact | contains
///   - {match: prefix, value: "spiffe://", kind: workload}
/// ```
/// The two rules above are the defaults. They apply to identities whose format says nothing
/// about the kind: OPA decisions (unless the input names a `tool`) and mapped formats whose
/// `kind` resolves to `unknown`.
public struct MappingFile: Sendable {
    public var formats: [FormatMapping]
    public var kinds: [KindRule]?
}

private struct MappingParser {
    let source: String

    func fail(_ key: String, _ message: String) -> MappingError {
        MappingError(source: source, key: key, message: message)
    }

    func parse(_ yaml: String) throws -> MappingFile {
        let root: Node?
        do { root = try Yams.compose(yaml: yaml) } catch {
            throw fail("", "invalid YAML: " + YAMLErrorText.oneLine(error))
        }
        guard let root else { throw fail("formats", "required") }
        guard let top = root.mapping else { throw fail("", "expected a mapping with `formats:`") }
        var formatsNode: Node?
        var kinds: [KindRule]?
        for (k, v) in top {
            let key = k.string ?? ""
            switch key {
            case "formats": formatsNode = v
            case "kinds": kinds = try kindRules(v)
            default: throw fail(key, "unknown key (expected formats, kinds)")
            }
        }
        guard let formatsNode else {
            if let kinds { return MappingFile(formats: [], kinds: kinds) }
            throw fail("formats", "required")
        }
        guard let list = formatsNode.sequence, list.count > 0 else {
            throw fail("formats", "expected a list of formats")
        }
        var out: [FormatMapping] = []
        var names: Set<String> = []
        for (i, node) in list.enumerated() {
            let mapping = try format(node, "formats[\(i)]")
            guard names.insert(mapping.name).inserted else {
                throw fail("formats[\(i)].name", "duplicate name \"\(mapping.name)\"")
            }
            out.append(mapping)
        }
        return MappingFile(formats: out, kinds: kinds)
    }

    /// `kinds:` — a list of `{match, value, kind}`.
    func kindRules(_ node: Node) throws -> [KindRule] {
        guard let list = node.sequence, list.count > 0 else {
            throw fail("kinds", "expected a list of {match, value, kind} rules")
        }
        var rules: [KindRule] = []
        for (i, item) in list.enumerated() {
            let at = "kinds[\(i)]"
            guard let m = item.mapping else { throw fail(at, "expected a mapping with match, value, kind") }
            var match: KindRule.Match?
            var value: String?
            var kind: IdentityKind?
            for (k, v) in m {
                let key = k.string ?? ""
                switch key {
                case "match":
                    let s = try scalar(v, "\(at).match")
                    guard let parsed = KindRule.Match(rawValue: s) else {
                        throw fail("\(at).match", "unknown match \"\(s)\" (expected "
                                   + KindRule.Match.allCases.map(\.rawValue).joined(separator: ", ") + ")")
                    }
                    match = parsed
                case "value":
                    value = try scalar(v, "\(at).value")
                case "kind":
                    let s = try scalar(v, "\(at).kind")
                    guard let parsed = IdentityKind(label: s) else {
                        throw fail("\(at).kind", "unknown kind \"\(s)\" (expected "
                                   + IdentityKind.allCases.map(\.label).joined(separator: ", ") + ")")
                    }
                    kind = parsed
                default:
                    throw fail("\(at).\(key)", "unknown key (expected match, value, kind)")
                }
            }
            guard let match else { throw fail("\(at).match", "required") }
            guard let value else { throw fail("\(at).value", "required") }
            // An empty value would match every name: almost certainly a slip, never a rule.
            guard !value.isEmpty else { throw fail("\(at).value", "must not be empty") }
            guard let kind else { throw fail("\(at).kind", "required") }
            rules.append(KindRule(match: match, value: value, kind: kind))
        }
        return rules
    }

    func format(_ node: Node, _ at: String) throws -> FormatMapping {
        guard let m = node.mapping else { throw fail(at, "expected a mapping with name, detect, fields") }
        var name: String?
        var detect: Node.Mapping?
        var fields: Node.Mapping?
        for (k, v) in m {
            let key = k.string ?? ""
            switch key {
            case "name":
                name = try scalar(v, "\(at).name")
            case "detect":
                guard let d = v.mapping else { throw fail("\(at).detect", "expected a mapping with has, equals") }
                detect = d
            case "fields":
                guard let f = v.mapping else { throw fail("\(at).fields", "expected a mapping of field: path") }
                fields = f
            default:
                throw fail("\(at).\(key)", "unknown key (expected name, detect, fields)")
            }
        }
        guard let name else { throw fail("\(at).name", "required") }
        guard let detect else { throw fail("\(at).detect", "required") }
        guard let fields else { throw fail("\(at).fields", "required") }

        // detect
        var has: [FieldPath] = []
        var equals: [(path: FieldPath, value: [UInt8])] = []
        for (k, v) in detect {
            let key = k.string ?? ""
            let here = "\(at).detect.\(key)"
            switch key {
            case "has":
                if let list = v.sequence {
                    for (j, item) in list.enumerated() { has.append(try path(item, "\(here)[\(j)]")) }
                } else {
                    has.append(try path(v, here))
                }
            case "equals":
                guard let pairs = v.mapping else { throw fail(here, "expected a mapping of path: value") }
                for (pk, pv) in pairs {
                    let p = try path(pk, here)
                    let value = try scalar(pv, "\(here).\(p.description)", allowEmpty: true)
                    equals.append((p, Array(value.utf8)))
                }
            default:
                throw fail(here, "unknown key (expected has, equals)")
            }
        }
        if has.isEmpty && equals.isEmpty { throw fail("\(at).detect", "needs at least one has: or equals: condition") }

        // fields
        var nodes: [String: Node] = [:]
        for (k, v) in fields {
            let key = k.string ?? ""
            guard FieldKey(rawValue: key) != nil else {
                throw fail("\(at).fields.\(key)",
                           "unknown key (expected " + FieldKey.allCases.map(\.rawValue).joined(separator: ", ") + ")")
            }
            nodes[key] = v
        }
        func required(_ key: FieldKey) throws -> Node {
            guard let n = nodes[key.rawValue] else { throw fail("\(at).fields.\(key.rawValue)", "required") }
            return n
        }
        func optionalText(_ key: FieldKey) throws -> FormatMapping.TextSpec? {
            try nodes[key.rawValue].map { try text($0, "\(at).fields.\(key.rawValue)") }
        }
        let time = try path(try required(.time), "\(at).fields.time")
        var unit = FormatMapping.TimeUnit.auto
        if let u = nodes[FieldKey.timeUnit.rawValue] {
            let s = try scalar(u, "\(at).fields.time_unit")
            guard let parsed = FormatMapping.TimeUnit(rawValue: s) else {
                throw fail("\(at).fields.time_unit", "unknown time unit \"\(s)\" (expected "
                           + FormatMapping.TimeUnit.allCases.map(\.rawValue).joined(separator: ", ") + ")")
            }
            unit = parsed
        }
        let identity = try text(try required(.identity), "\(at).fields.identity")
        let action = try text(try required(.action), "\(at).fields.action")
        let kind = try label(nodes["kind"], "\(at).fields.kind", noun: "kind",
                             labels: IdentityKind.allCases.map { ($0.label, $0) }, unknown: IdentityKind.unknown)
        let decision = try label(nodes["decision"], "\(at).fields.decision", noun: "decision",
                                 labels: Decision.allCases.map { ($0.label, $0) }, unknown: Decision.unknown)
        return FormatMapping(
            name: name, detectHas: has, detectEquals: equals, time: time, timeUnit: unit,
            identity: identity, action: action, resource: try optionalText(.resource),
            sourceIP: try optionalText(.sourceIP), credential: try optionalText(.credential),
            actor: try optionalText(.actor), kind: kind, decision: decision)
    }

    enum FieldKey: String, CaseIterable {
        case time, timeUnit = "time_unit", identity, action, resource, sourceIP = "source_ip", credential, actor
        case kind, decision
    }

    // MARK: Values

    /// A non-null scalar's text.
    func scalar(_ node: Node, _ at: String, allowEmpty: Bool = false) throws -> String {
        guard case .scalar(let s) = node else { throw fail(at, "expected a single value") }
        if s.style == .plain && ["", "~", "null", "Null", "NULL"].contains(s.string) {
            throw fail(at, "missing value (quote it; an unquoted # starts a YAML comment)")
        }
        if s.string.isEmpty && !allowEmpty { throw fail(at, "missing value") }
        return s.string
    }

    func path(_ node: Node, _ at: String) throws -> FieldPath {
        let s = try scalar(node, at)
        switch FieldPath.parse(s) {
        case .success(let p): return p
        case .failure(let e): throw fail(at, e.message)
        }
    }

    /// A path, a list of paths (joined with "."), or a template with `{path}` placeholders.
    func text(_ node: Node, _ at: String) throws -> FormatMapping.TextSpec {
        if let list = node.sequence {
            guard list.count > 0 else { throw fail(at, "expected at least one path") }
            return .join(try list.enumerated().map { try path($1, "\(at)[\($0)]") })
        }
        guard case .scalar = node else { throw fail(at, "expected a path, a list of paths or a \"{path}\" template") }
        let s = try scalar(node, at)
        guard s.contains("{") || s.contains("}") else { return .path(try path(node, at)) }
        return .template(try template(s, at))
    }

    func template(_ s: String, _ at: String) throws -> [FormatMapping.TemplatePart] {
        var parts: [FormatMapping.TemplatePart] = []
        var literal = ""
        var chars = Array(s)
        chars.append("\0")  // sentinel: never part of a template's syntax
        var i = 0
        while i < chars.count - 1 {
            let c = chars[i]
            if c == "{" && chars[i + 1] == "{" { literal.append("{"); i += 2; continue }
            if c == "}" && chars[i + 1] == "}" { literal.append("}"); i += 2; continue }
            if c == "}" { throw fail(at, "unmatched } in template (write }} for a literal brace)") }
            if c == "{" {
                guard let close = chars[(i + 1)...].firstIndex(of: "}") else {
                    throw fail(at, "unmatched { in template (write {{ for a literal brace)")
                }
                let inner = String(chars[(i + 1)..<close])
                switch FieldPath.parse(inner) {
                case .success(let p):
                    if !literal.isEmpty { parts.append(.literal(literal)); literal = "" }
                    parts.append(.path(p))
                case .failure(let e):
                    throw fail(at, "in {\(inner)}: " + e.message)
                }
                i = close + 1
                continue
            }
            literal.append(c)
            i += 1
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        return parts
    }

    /// A constant label, or `{path, map, default}`.
    func label<L: Sendable>(_ node: Node?, _ at: String, noun: String, labels: [(String, L)],
                            unknown: L) throws -> FormatMapping.LabelSpec<L> {
        guard let node else { return .constant(unknown) }
        let expected = " (expected " + labels.map(\.0).joined(separator: ", ") + ")"
        func value(_ n: Node, _ here: String) throws -> L {
            let s = try scalar(n, here)
            guard let l = labels.first(where: { $0.0 == s })?.1 else {
                throw fail(here, "unknown \(noun) \"\(s)\"" + expected)
            }
            return l
        }
        if case .scalar = node { return .constant(try value(node, at)) }
        guard let m = node.mapping else { throw fail(at, "expected a \(noun) label or a mapping with path, map, default") }
        var p: FieldPath?
        var map: [(key: [UInt8], label: L)]?
        var otherwise = unknown
        for (k, v) in m {
            let key = k.string ?? ""
            switch key {
            case "path":
                p = try path(v, "\(at).path")
            case "map":
                guard let entries = v.mapping else { throw fail("\(at).map", "expected a mapping of logged value: \(noun)") }
                var list: [(key: [UInt8], label: L)] = []
                for (ek, ev) in entries {
                    let logged = try scalar(ek, "\(at).map", allowEmpty: true)
                    list.append((Array(logged.utf8), try value(ev, "\(at).map.\(logged)")))
                }
                map = list
            case "default":
                otherwise = try value(v, "\(at).default")
            default:
                throw fail("\(at).\(key)", "unknown key (expected path, map, default)")
            }
        }
        guard let p else { throw fail("\(at).path", "required") }
        return .lookup(p, map: map, otherwise: otherwise)
    }
}

