import Events

/// One reason behind a risk score: what an analyst reads instead of a bare number.
public struct RiskReason: Hashable, Sendable {
    /// Short machine name of the signal, e.g. `deny_spike`, `secret_access`, `attack_chain`.
    public var signal: String
    /// What it adds now, after decay.
    public var points: Int
    /// One line in words, e.g. "14 denied in 10 min; usual 0.1/h".
    public var text: String
    /// When the evidence was last seen.
    public var lastSeen: EventTime
    /// How many times it was seen.
    public var count: Int
    /// The rule behind a `rule` reason: what `report --json` names and the detail pane's false positives.
    public var rule: RuleInfo?

    public init(signal: String, points: Int, text: String, lastSeen: EventTime = .zero, count: Int = 1,
                rule: RuleInfo? = nil) {
        self.signal = signal
        self.points = points
        self.text = text
        self.lastSeen = lastSeen
        self.count = count
        self.rule = rule
    }
}

/// How often one identity did one thing.
public struct ActionCount: Hashable, Sendable {
    public var action: String
    public var count: Int
    public init(action: String, count: Int) {
        self.action = action
        self.count = count
    }
}

/// Which of an identity's distinct counts reached their bound (`ActivityLimits`). Past it
/// nhitop keeps the most frequent and the most recent values, and the count reads "at least"
/// ("≥ 64"): more were seen than are kept.
public struct SaturatedEvidence: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let actions = SaturatedEvidence(rawValue: 1 << 0)
    public static let credentials = SaturatedEvidence(rawValue: 1 << 1)
    public static let resources = SaturatedEvidence(rawValue: 1 << 2)
    public static let sourceIPs = SaturatedEvidence(rawValue: 1 << 3)

    /// The names `report --json` lists in `distinct_saturated`, in this (sorted) order.
    public static let named: [(SaturatedEvidence, String)] = [
        (.actions, "actions"), (.credentials, "credentials"), (.resources, "resources"), (.sourceIPs, "source_ips"),
    ]

    /// The names of the members, sorted.
    public var labels: [String] { Self.named.filter { contains($0.0) }.map(\.1) }
}

extension IdentityRow {
    /// One distinct count as a person reads it: "12", or "≥ 64" ("64+" with `ascii`) once it
    /// reached its bound. `which` names one member.
    public func distinctText(_ which: SaturatedEvidence, ascii: Bool = false) -> String {
        let n = distinctCount(which)
        guard distinctSaturated.contains(which) else { return String(n) }
        return ascii ? "\(n)+" : "\u{2265} \(n)"
    }

    /// The distinct count `which` (one member) names.
    public func distinctCount(_ which: SaturatedEvidence) -> Int {
        switch which {
        case .actions: distinctActions
        case .credentials: distinctCredentials
        case .resources: distinctResources
        default: distinctSourceIPs
        }
    }

    /// The saturated counts in words, sorted: "≥ 64 resources, ≥ 16 credentials"; empty when none.
    public func saturationText(ascii: Bool = false) -> String {
        let words: [(SaturatedEvidence, String)] = [(.actions, "actions"), (.credentials, "credentials"),
                                                    (.resources, "resources"), (.sourceIPs, "source IPs")]
        return words.filter { distinctSaturated.contains($0.0) }
            .map { distinctText($0.0, ascii: ascii) + " " + $0.1 }
            .joined(separator: ", ")
    }
}

/// One row of the identity table.
public struct IdentityRow: Hashable, Sendable {
    public var identity: String
    public var kind: IdentityKind
    public var format: SourceFormat
    /// Events in the last minute of event time.
    public var eventsLastMinute: Int
    public var events: Int
    public var denied: Int
    public var errors: Int
    public var firstSeen: EventTime
    public var lastSeen: EventTime
    /// 0...100.
    public var risk: Int
    public var reasons: [RiskReason]
    /// Events in the last 15 minutes and the last hour of event time.
    public var eventsLast15Minutes: Int
    public var eventsLastHour: Int
    /// How many different actions, resources, source addresses and credentials it used
    /// (each counted up to its bound; see `ActivityLimits`).
    public var distinctActions: Int
    public var distinctResources: Int
    public var distinctSourceIPs: Int
    public var distinctCredentials: Int
    /// Which of those reached their bound, so the count is a lower bound.
    public var distinctSaturated: SaturatedEvidence
    /// The newest revoke in force for this identity (from the ledger), with its effect now.
    public var revocation: RevocationStatus?
    /// The operator's latest acknowledgement of its alert, if any.
    public var acknowledgement: Acknowledgement?
    /// Events per minute over the last `IdentityQuery.sparklineMinutes`, oldest first; empty unless asked.
    public var perMinute: [Int] = []

    public init(identity: String, kind: IdentityKind, format: SourceFormat, eventsLastMinute: Int,
                events: Int, denied: Int, errors: Int, firstSeen: EventTime, lastSeen: EventTime,
                risk: Int, reasons: [RiskReason], eventsLast15Minutes: Int = 0, eventsLastHour: Int = 0,
                distinctActions: Int = 0, distinctResources: Int = 0, distinctSourceIPs: Int = 0,
                distinctCredentials: Int = 0, revocation: RevocationStatus? = nil,
                acknowledgement: Acknowledgement? = nil, distinctSaturated: SaturatedEvidence = []) {
        self.identity = identity
        self.kind = kind
        self.format = format
        self.eventsLastMinute = eventsLastMinute
        self.events = events
        self.denied = denied
        self.errors = errors
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.risk = risk
        self.reasons = reasons
        self.eventsLast15Minutes = eventsLast15Minutes
        self.eventsLastHour = eventsLastHour
        self.distinctActions = distinctActions
        self.distinctResources = distinctResources
        self.distinctSourceIPs = distinctSourceIPs
        self.distinctCredentials = distinctCredentials
        self.distinctSaturated = distinctSaturated
        self.revocation = revocation
        self.acknowledgement = acknowledgement
    }
}

/// Everything the detail pane shows about the selected identity.
public struct IdentityDetail: Hashable, Sendable {
    public var row: IdentityRow
    /// Events per minute over the last hour of event time, oldest first (60 values).
    public var perMinute: [Int]
    /// The most frequent actions and resources, by how often each was surely seen (exact
    /// until the distinct count saturates; then a lower bound), ties by name.
    public var topActions: [ActionCount]
    public var topResources: [ActionCount]
    /// Credentials and source addresses, most recently used first: one first seen now leads.
    public var credentials: [String]
    public var sourceIPs: [String]
    /// The most recent events, oldest first.
    public var recent: [NormalizedEvent]

    public init(row: IdentityRow, perMinute: [Int], topActions: [ActionCount], topResources: [ActionCount],
                credentials: [String], sourceIPs: [String], recent: [NormalizedEvent]) {
        self.row = row
        self.perMinute = perMinute
        self.topActions = topActions
        self.topResources = topResources
        self.credentials = credentials
        self.sourceIPs = sourceIPs
        self.recent = recent
    }
}

/// An immutable picture of the activity at one moment of event time, handed to the view.
public struct ActivitySnapshot: Hashable, Sendable {
    /// The event clock: the latest event time seen.
    public var clock: EventTime
    public var totalEvents: Int
    /// Events per second over the last 10 s of event time.
    public var eventsPerSecond: Double
    /// Sorted by risk (highest first), then events, then identity.
    public var identities: [IdentityRow]
    /// The latest events across all identities, oldest first.
    public var feed: [NormalizedEvent]
    /// Detail for the identity the view asked about, when it exists.
    public var detail: IdentityDetail?
    /// The most recent alerts, oldest first (`IdentityQuery.alertLimit` of them).
    public var alerts: [Alert]
    /// Identities known before `IdentityQuery.filter` (the header's `12 of 70`).
    public var identityTotal: Int
    /// Identities matching `IdentityQuery.search`, in table order: where `n`/`N` jump.
    public var searchHits: [String]
    /// Alerts raised since start (those kept and those that rolled out of the history).
    public var alertTotal: Int

    public init(clock: EventTime, totalEvents: Int, eventsPerSecond: Double, identities: [IdentityRow],
                feed: [NormalizedEvent], detail: IdentityDetail?, alerts: [Alert] = []) {
        self.clock = clock
        self.totalEvents = totalEvents
        self.eventsPerSecond = eventsPerSecond
        self.identities = identities
        self.feed = feed
        self.detail = detail
        self.alerts = alerts
        self.identityTotal = identities.count
        self.searchHits = []
        self.alertTotal = alerts.count
    }

    public static let empty = ActivitySnapshot(clock: .zero, totalEvents: 0, eventsPerSecond: 0,
                                               identities: [], feed: [], detail: nil)
}
