import Events

/// One signal's evidence against one identity, deduplicated by `key` (the new network,
/// the action, the secret path…): repeats raise `count`, not the number of rows.
public struct Contribution: Hashable, Sendable {
    public var signal: Signal
    /// What makes this contribution distinct within its signal.
    public var key: String
    /// Points before decay and the count bonus: the signal's weight × confidence.
    public var points: Double
    public var count: Int
    public var firstSeen: EventTime
    public var lastSeen: EventTime
    /// One line in words an analyst trusts, e.g. "46 AccessDenied in 10 min; usual 0.2/h".
    public var reason: String
    /// Markers (used after revoke) do not decay until acknowledged.
    public var frozen: Bool
    /// The rule behind a `.rule` contribution (its key is the rule's id).
    public var rule: RuleInfo?

    public init(signal: Signal, key: String, points: Double, count: Int = 1, firstSeen: EventTime,
                lastSeen: EventTime? = nil, reason: String, frozen: Bool = false, rule: RuleInfo? = nil) {
        self.signal = signal
        self.key = key
        self.points = points
        self.count = count
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen ?? firstSeen
        self.reason = reason
        self.frozen = frozen
        self.rule = rule
    }

    /// The attack-chain stage it speaks to: a rule's ATT&CK tactic, else its signal's class.
    public var stage: SignalClass { rule.map(\.stage) ?? signal.signalClass }
}

extension RuleInfo {
    /// Where an ATT&CK tactic sits among nhitop's attack-chain stages (docs/rules.md, Scoring).
    public var stage: SignalClass {
        switch tactic {
        case "reconnaissance", "discovery": .recon
        case "initial-access", "credential-access", "collection": .access
        case "persistence", "privilege-escalation", "defense-evasion", "stealth", "defense-impairment": .persistence
        default: .misuse
        }
    }
}

/// A contribution's value at one moment, as the score used it.
public struct ScoredContribution: Hashable, Sendable {
    public var contribution: Contribution
    /// `min(100, points·(1 + 0.25·log2 n))`, decayed by its half-life since `lastSeen`.
    public var value: Double
    /// Its part of the raw sum after rank damping (value / rank^1.5), 0...1.
    public var share: Double
}

/// An identity's risk at one moment, with everything that explains it.
public struct RiskAssessment: Hashable, Sendable {
    /// 0...100.
    public var score: Double
    public var level: RiskLevel
    /// Highest value first; contributions that decayed below 1 point are gone.
    public var contributions: [ScoredContribution]
    /// The attack-chain floor raised the score: the classes that fired together.
    public var chain: [SignalClass]
    /// The score the contributions alone give, before the chain floor.
    public var unflooredScore: Double

    public static let none = RiskAssessment(score: 0, level: .unknown, contributions: [], chain: [], unflooredScore: 0)

    /// The score as the table shows it.
    public var rounded: Int { Int(score.rounded()) }
}
