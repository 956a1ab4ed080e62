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
/// the fields rules select on (eventName, eventSource, objectRef.resource with verb, action,
/// request.path, @action…; see `RuleIndex`): a record meets only the rules that can match it.
/// Immutable, shared by every source.
public final class RuleSet: Sendable {
    /// Every loaded rule: the built-in catalogue first (in file order), then Sigma rules by path.
    public let rules: [RuleInfo]
    /// What did not load, by path.
    public let skipped: [SkippedRule]

    let compiledRules: [CompiledRule]
    let index: RuleIndex

    public static let empty = RuleSet(compiled: [], skipped: [])

    /// - indexed: false leaves every rule to be checked against every record of its format
    ///   (tests prove the index changes nothing but the cost).
    init(compiled: [CompiledRule], skipped: [SkippedRule], indexed: Bool = true) {
        compiledRules = compiled
        rules = compiled.map(\.info)
        self.skipped = skipped
        index = RuleIndex(compiled, indexed: indexed)
    }

    /// The same rules with no index: every record meets every rule of its format (tests).
    func withoutIndex() -> RuleSet { RuleSet(compiled: compiledRules, skipped: skipped, indexed: false) }

    public var isEmpty: Bool { rules.isEmpty }

    /// Rules that `format`'s records are checked against one by one (no index key found):
    /// what each record of that format costs beyond its index lookups. For `nhitop rules`.
    public func scannedRuleCount(for format: SourceFormat) -> Int {
        index.scanCount(format)
    }

    /// The rules that match `record`, in `rules` order, each with its reason filled from the record.
    /// Inlined into the caller, so the record is read through code made for its own type.
    @inlinable
    public func evaluate<R: RuleRecord>(_ record: R, format: SourceFormat) -> [RuleHit] {
        if isEmpty { return [] }
        return withUnsafePointer(to: record) { evaluate(RecordAccess($0), format: format) }
    }

    @usableFromInline
    func evaluate(_ access: RecordAccess, format: SourceFormat) -> [RuleHit] {
        var hits: [RuleHit] = []
        index.forEachCandidate(access, format: format) { n in
            if let hit = compiledRules[n].hit(access) { hits.append(hit) }
        }
        return hits
    }
}
