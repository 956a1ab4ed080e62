/// Where a detection rule came from: nhitop's own catalogue (built in, or a user's catalogue
/// file that extends it) or a Sigma rule loaded with `--rules`.
public enum RuleSource: UInt8, Sendable, CaseIterable, Codable {
    case builtin, sigma

    public var label: String {
        switch self {
        case .builtin: "builtin"
        case .sigma: "sigma"
        }
    }
}

/// A rule's severity, as Sigma spells it. It gives the points a match is worth: above the
/// threshold of the matching risk level, so one match alone puts its identity at that level
/// (low 25 ≥ 20, medium 45 ≥ 40, high 75 ≥ 70, critical 95 ≥ 90) and it fades from there.
public enum RuleLevel: UInt8, Sendable, CaseIterable, Comparable, Codable {
    case informational, low, medium, high, critical

    public var label: String {
        switch self {
        case .informational: "informational"
        case .low: "low"
        case .medium: "medium"
        case .high: "high"
        case .critical: "critical"
        }
    }

    public init?(label: String) {
        guard let l = RuleLevel.allCases.first(where: { $0.label == label.lowercased() }) else { return nil }
        self = l
    }

    public var points: Double {
        switch self {
        case .informational: 10
        case .low: 25
        case .medium: 45
        case .high: 75
        case .critical: 95
        }
    }

    public static func < (a: RuleLevel, b: RuleLevel) -> Bool { a.rawValue < b.rawValue }
}

/// What one loaded rule is, as reasons, the detail pane and `nhitop rules` show it.
/// A reference type: every hit of a rule shares one, so an event carries 8 bytes per hit.
public final class RuleInfo: Hashable, Sendable, CustomStringConvertible {
    /// Stable id: the Sigma rule's `id` (a UUID), or the catalogue entry's id (`aws.ec2.snapshot-shared`).
    public let id: String
    public let title: String
    public let source: RuleSource
    public let level: RuleLevel
    /// The MITRE ATT&CK tactic, as a slug (`privilege-escalation`), or empty when the rule names none.
    public let tactic: String
    /// ATT&CK technique ids (`T1537`, `T1098.001`).
    public let techniques: [String]
    /// The rule's author(s); the Detection Rule License asks that messages from a match name them.
    public let author: String
    /// Benign activity the rule's author knows it also matches, shown in the detail pane.
    public let falsePositives: [String]
    /// The file it was loaded from, or `builtin` for the compiled-in catalogue.
    public let path: String
    /// The log format the rule reads (its Sigma logsource, or the catalogue entry's `format`).
    public let format: SourceFormat?

    public init(id: String, title: String, source: RuleSource, level: RuleLevel, tactic: String = "",
                techniques: [String] = [], author: String = "", falsePositives: [String] = [],
                path: String = "builtin", format: SourceFormat? = nil) {
        self.id = id
        self.title = title
        self.source = source
        self.level = level
        self.tactic = tactic
        self.techniques = techniques
        self.author = author
        self.falsePositives = falsePositives
        self.path = path
        self.format = format
    }

    public static func == (a: RuleInfo, b: RuleInfo) -> Bool {
        a === b || (a.id == b.id && a.source == b.source && a.path == b.path && a.title == b.title
                    && a.level == b.level && a.tactic == b.tactic)
    }

    public func hash(into h: inout Hasher) {
        h.combine(id)
        h.combine(source)
    }

    /// The tactic as words: `privilege-escalation` → `privilege escalation`.
    public var tacticWords: String { String(tactic.map { $0 == "-" ? " " : $0 }) }

    public var description: String { "\(source.label) rule \(id) (\(title))" }
}

/// One rule matching one record: the rule and the reason in words, with the record's own
/// values filled in ("shared snapshot snap-0abc with account 111122223333").
public struct RuleHit: Hashable, Sendable {
    public let rule: RuleInfo
    public let reason: String

    public init(rule: RuleInfo, reason: String) {
        self.rule = rule
        self.reason = reason
    }
}
