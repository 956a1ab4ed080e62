import Events

/// A rule file or entry that did not load, and why, as `nhitop rules` lists it.
public struct SkippedRule: Hashable, Sendable {
    public enum Kind: UInt8, Sendable {
        /// A Sigma rule for a log source nhitop does not read (Windows, Linux, Azure…): counted, not an error.
        case otherLogsource
        /// Valid YAML, but it uses something the engine does not do (a modifier, a condition form).
        case unsupported
        /// Not a rule: bad YAML, a missing detection, a condition naming no selection.
        case invalid
    }
    public var path: String
    public var reason: String
    public var kind: Kind

    public init(path: String, reason: String, kind: Kind) {
        self.path = path
        self.reason = reason
        self.kind = kind
    }
}

/// Every rule loaded (built-in catalogue and Sigma), compiled to byte matchers and indexed by
/// the fields most rules select on (eventName, eventSource, verb, objectRef.resource, action):
/// a record meets only the rules that can match it. Immutable, shared by every source.
public final class RuleSet: Sendable {
    /// Every loaded rule: the built-in catalogue first (in file order), then Sigma rules by path.
    public let rules: [RuleInfo]
    /// What did not load, by path.
    public let skipped: [SkippedRule]

    public static let empty = RuleSet(rules: [], skipped: [])

    // TODO(engine): compiled rules and indexes.
    init(rules: [RuleInfo], skipped: [SkippedRule]) {
        self.rules = rules
        self.skipped = skipped
    }

    public var isEmpty: Bool { rules.isEmpty }

    /// The rules that match `record`, in `rules` order, each with its reason filled from the record.
    public func evaluate<R: RuleRecord>(_ record: R, format: SourceFormat) -> [RuleHit] {
        []  // TODO(engine)
    }
}
