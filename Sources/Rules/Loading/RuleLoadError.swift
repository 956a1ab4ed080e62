/// Why one rule or catalogue entry did not load: `SkippedRule`'s reason and kind.
struct RuleLoadError: Error, Sendable {
    var reason: String
    var kind: SkippedRule.Kind

    static func invalid(_ reason: String) -> RuleLoadError { RuleLoadError(reason: reason, kind: .invalid) }
    static func unsupported(_ reason: String) -> RuleLoadError { RuleLoadError(reason: reason, kind: .unsupported) }
}
