import DequeModule
import Events

/// Bounds on what is kept, so memory per identity and for the feed never grows with time.
public struct ActivityLimits: Hashable, Sendable {
    public var recentPerIdentity = 16
    public var distinctPerIdentity = 64
    public var credentialsPerIdentity = 16
    public var feedCapacity = 500
    public var alertCapacity = 200

    public init() {}
}

/// Folds normalized events into per-identity activity and risk. Its clock is event time
/// (the latest event seen), so replaying yesterday's log gives the same picture, the same
/// scores and the same alerts as living it.
public struct ActivityAggregator {
    public let limits: ActivityLimits
    public let config: RiskConfig
    public private(set) var clock: EventTime = .zero
    public private(set) var totalEvents = 0

    private var slotByIdentity: [String: Int] = [:]
    private var identities: [IdentityActivity] = []
    private var feed: Deque<NormalizedEvent> = []
    private var perSecond = SlidingCounter(slots: 10, slotSeconds: 1)
    /// Classification is per distinct action; the same few hundred actions recur forever.
    private var categoryCache: [String: ActionCategory] = [:]
    private var revocations: [Revocation] = []
    private var effects: [Revocation: RevocationEffect] = [:]
    /// Alerts not yet handed out by `drainAlerts`, and the most recent ones for the view.
    private var pendingAlerts: [Alert] = []
    private var recentAlerts: Deque<Alert> = []

    public init(limits: ActivityLimits = ActivityLimits(), config: RiskConfig = .standard) {
        self.limits = limits
        self.config = config
    }

    public var identityCount: Int { identities.count }

    public mutating func ingest(_ e: NormalizedEvent) {
        totalEvents += 1
        if e.time > clock { clock = e.time }
        perSecond.add(e.time)
        if feed.count == limits.feedCapacity { feed.removeFirst() }
        feed.append(e)

        let categories = category(of: e.action)
        let slot: Int
        if let known = slotByIdentity[e.identity] {
            slot = known
        } else {
            slot = identities.count
            slotByIdentity[e.identity] = slot
            identities.append(IdentityActivity(event: e, limits: limits, config: config))
        }
        // Copy-on-write: `before` costs nothing unless this event changes the evidence.
        let before = identities[slot].contributions
        identities[slot].record(e, categories: categories, limits: limits, config: config)
        if !revocations.isEmpty { checkRevocations(e, slot: slot) }
        if identities[slot].contributions != before {
            alertIfCrossed(slot: slot, before: before, at: e.time)
        }
    }

    private mutating func category(of action: String) -> ActionCategory {
        if let c = categoryCache[action] { return c }
        let c = ActionCategory.classify(action: action)
        if categoryCache.count < 65_536 { categoryCache[action] = c }
        return c
    }

    // MARK: Alerts

    /// An alert when this event lifts the identity into a higher level (moderate or above)
    /// than it had just before. The same level is not alerted again within 15 minutes.
    private mutating func alertIfCrossed(slot: Int, before: ContributionSet, at t: EventTime) {
        let activity = identities[slot]
        let now = activity.assessment(at: t, config: config)
        guard now.level >= .moderate else { return }
        let was = before.isEmpty ? RiskLevel.unknown
            : RiskScorer.assess(before.all, at: t, config: config, criticality: config.criticality).level
        guard now.level > was else { return }
        if let last = activity.lastAlert, last.level >= now.level,
           t.microseconds - last.time.microseconds < 15 * 60 * 1_000_000 { return }
        identities[slot].lastAlert = (now.level, t)
        let alert = Alert(time: t, identity: activity.identity, kind: activity.kind, level: now.level, previous: was,
                          risk: now.rounded, reasons: now.reasons(config: config))
        pendingAlerts.append(alert)
        if recentAlerts.count == limits.alertCapacity { recentAlerts.removeFirst() }
        recentAlerts.append(alert)
    }

    /// Alerts raised since the last call, in event order (for `--alerts FILE`).
    public mutating func drainAlerts() -> [Alert] {
        defer { pendingAlerts.removeAll(keepingCapacity: true) }
        return pendingAlerts
    }

    // MARK: Revocations

    /// Watch what was revoked: a deny afterwards proves the revoke took effect; an allow
    /// after the grace period is S19, pinned until acknowledged.
    public mutating func recordRevocation(_ r: Revocation) {
        revocations.append(r)
        effects[r] = .unverified
    }

    public func effect(of r: Revocation) -> RevocationEffect? { effects[r] }

    /// The operator has seen the use-after-revoke evidence for this identity.
    public mutating func acknowledgeUseAfterRevoke(identity: String) {
        guard let slot = slotByIdentity[identity] else { return }
        identities[slot].contributions.acknowledge(signal: .usedAfterRevoke)
    }

    private mutating func checkRevocations(_ e: NormalizedEvent, slot: Int) {
        for r in revocations where r.covers(e) {
            switch e.decision {
            case .deny:
                if case .unverified = effects[r] { effects[r] = .effective(e.time) }
            case .allow:
                if case .usedAfterRevoke = effects[r] {} else { effects[r] = .usedAfterRevoke(e.time) }
                let what = r.credential.isEmpty ? "identity" : "credential \(r.credential)"
                let minutes = max(0, (e.time.microseconds - r.revokedAt.microseconds) / 60_000_000)
                identities[slot].contributions.raise(Contribution(
                    signal: .usedAfterRevoke, key: r.credential.isEmpty ? r.identity : r.credential,
                    points: config.weight(.usedAfterRevoke), firstSeen: e.time,
                    reason: "\(e.action) allowed \(minutes) min after the \(what) was revoked at \(r.revokedAt.clock)",
                    frozen: true))
            case .error, .unknown:
                break
            }
        }
    }

    // MARK: Reading

    /// Identity rows, riskiest first, then busiest, then by name.
    public func rows() -> [IdentityRow] {
        identities.map { $0.row(at: clock, config: config) }.sorted(by: Self.rank)
    }

    static func rank(_ a: IdentityRow, _ b: IdentityRow) -> Bool {
        if a.risk != b.risk { return a.risk > b.risk }
        if a.events != b.events { return a.events > b.events }
        return a.identity < b.identity
    }

    public func detail(for identity: String) -> IdentityDetail? {
        guard let slot = slotByIdentity[identity] else { return nil }
        let activity = identities[slot]
        return activity.detail(at: clock, row: activity.row(at: clock, config: config))
    }

    /// The full assessment of one identity now: every contribution with its value and share.
    public func assessment(for identity: String) -> RiskAssessment? {
        slotByIdentity[identity].map { identities[$0].assessment(at: clock, config: config) }
    }

    /// The picture the view reads: rows, the latest `feedLimit` events and, when asked,
    /// the detail of one identity (or of the riskiest one when `detailFor` is nil).
    public func snapshot(detailFor identity: String?, feedLimit: Int = 200) -> ActivitySnapshot {
        let rows = rows()
        let chosen = identity.flatMap { slotByIdentity[$0] != nil ? $0 : nil } ?? rows.first?.identity
        return ActivitySnapshot(
            clock: clock, totalEvents: totalEvents,
            eventsPerSecond: Double(perSecond.sum(last: 10, endingAt: clock)) / 10,
            identities: rows,
            feed: Array(feed.suffix(feedLimit)),
            detail: chosen.flatMap { detail(for: $0) },
            alerts: Array(recentAlerts.suffix(20)))
    }
}
