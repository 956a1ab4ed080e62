import Events

/// One rule classifying an identity by its name, for formats whose records do not say what the
/// identity is (OPA decisions, mapped formats without a `kind`). Rules are tried in order and the
/// first match wins; comparisons are exact and case-sensitive.
///
/// In a mapping file, a top-level `kinds:` list replaces the defaults:
/// ```yaml
/// kinds:
///   - {match: prefix, value: "agent:", kind: ai_agent}      # prefix | suffix | exact | contains
///   - {match: prefix, value: "spiffe://", kind: workload}
/// ```
///
/// The defaults (`KindRule.defaults`) are those two rules: a name is an AI agent only when it
/// says so explicitly with an `agent:` prefix (the convention of nhitop's own agent schema), never
/// because "agent" appears somewhere in it (`user-agent-parser`, `travel-agent-portal`). A record
/// that shows what the identity is (an OPA input naming a `tool`) still makes it an agent.
public struct KindRule: Sendable, Equatable {
    public enum Match: String, Sendable, CaseIterable {
        case prefix, suffix, exact, contains
    }

    public var match: Match
    public var value: String
    public var kind: IdentityKind

    public init(match: Match, value: String, kind: IdentityKind) {
        self.match = match
        self.value = value
        self.kind = kind
    }

    public static let defaults: [KindRule] = [
        KindRule(match: .prefix, value: "agent:", kind: .aiAgent),
        KindRule(match: .prefix, value: "spiffe://", kind: .workload),
    ]

    func matches(_ name: String) -> Bool {
        switch match {
        case .prefix: name.utf8.starts(with: value.utf8)
        case .suffix: name.utf8.reversed().starts(with: value.utf8.reversed())
        case .exact: name.utf8.elementsEqual(value.utf8)
        case .contains: Self.bytes(Array(name.utf8), contain: Array(value.utf8))
        }
    }

    /// Byte for byte, like the other matches: `String.contains` would compare by canonical
    /// equivalence, so a decomposed "é" in a name would not hold the "e" a rule names.
    private static func bytes(_ haystack: [UInt8], contain needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count)
        where haystack[start] == needle[0] && haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return true
        }
        return false
    }

    /// The kind of the first rule matching `name`, or nil.
    static func kind(of name: String, in rules: [KindRule]) -> IdentityKind? {
        for rule in rules where rule.matches(name) { return rule.kind }
        return nil
    }
}

/// Identities a record carries none of are kept apart per format, under this name.
func noIdentity(_ format: SourceFormat) -> String { "(no identity) " + format.label }
