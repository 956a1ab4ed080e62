import Events

/// What one step of a revoke does.
public enum PlanStepKind: Hashable, Sendable {
    /// A configured hook from the config file.
    case hook
    /// The built-in deny-list: adds the identity to an OPA-ready JSON document.
    case denylist
    /// Nothing runs: the operator revoked by other means and records it.
    case manual
}

/// One choice in the revoke dialog, with everything the operator must see before choosing it.
public struct PlanStep: Hashable, Sendable {
    public var name: String
    public var description: String
    public var kind: PlanStepKind
    /// The argv it will run, secrets redacted, with `$REASON` shown as `<reason>` until one is given.
    public var shownArgv: [String]
    /// Why it cannot run for this identity (an empty variable, say); nil when it can.
    public var problem: String?
    public var reversible: Bool
    public var dangerous: Bool
    public var survivors: [String]
    public var timeoutSeconds: Double
    public var graceSeconds: Int64
    /// The hook itself (nil for the built-ins).
    public var hook: Hook?

    public init(name: String, description: String, kind: PlanStepKind, shownArgv: [String] = [], problem: String? = nil,
                reversible: Bool, dangerous: Bool = false, survivors: [String] = [], timeoutSeconds: Double = 30,
                graceSeconds: Int64 = 60, hook: Hook? = nil) {
        self.name = name
        self.description = description
        self.kind = kind
        self.shownArgv = shownArgv
        self.problem = problem
        self.reversible = reversible
        self.dangerous = dangerous
        self.survivors = survivors
        self.timeoutSeconds = timeoutSeconds
        self.graceSeconds = graceSeconds
        self.hook = hook
    }

    public var runnable: Bool { problem == nil }
}

/// Everything the revoke dialog shows: the target, each way to revoke it, and whether it
/// was already revoked (and by whom), before anything runs.
public struct RevokePlan: Hashable, Sendable {
    public var target: RevokeTarget
    /// Matching hooks in config order, then `denylist`, then `manual`.
    public var steps: [PlanStep]
    /// No configured hook matched this identity's kind.
    public var noMatchingHook: Bool
    /// The revoke already in force for this identity, if any ("already revoked by alice 12 s ago").
    public var previous: LedgerEntry?
    /// The prefilled, editable reason (from the top risk reasons).
    public var suggestedReason: String

    public init(target: RevokeTarget, steps: [PlanStep], noMatchingHook: Bool, previous: LedgerEntry?,
                suggestedReason: String) {
        self.target = target
        self.steps = steps
        self.noMatchingHook = noMatchingHook
        self.previous = previous
        self.suggestedReason = suggestedReason
    }

    /// Reasons shorter than this are refused: "test" is not a reason an auditor can use.
    public static let minimumReasonLength = 10
}
