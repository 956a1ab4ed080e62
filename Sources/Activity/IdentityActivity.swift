import DequeModule
import Events

/// What the aggregator keeps about one identity. Every field is bounded.
struct IdentityActivity {
    let identity: String
    var kind: IdentityKind
    var format: SourceFormat
    var events = 0
    var denied = 0
    var errors = 0
    var firstSeen: EventTime
    var lastSeen: EventTime
    /// 60 one-second slots: events in the last minute.
    var perSecond = SlidingCounter(slots: 60, slotSeconds: 1)
    /// 60 one-minute slots: the last hour, for the sparkline.
    var perMinute = SlidingCounter(slots: 60, slotSeconds: 60)
    /// Most frequent and most recent, bounded: the newest key, address or credential always
    /// gets in, however many came before (see `HeavyHitters`).
    var actions: HeavyHitters
    var resources: HeavyHitters
    var credentials: HeavyHitters
    var sourceIPs: HeavyHitters
    /// The newest events, oldest first: `recentPerIdentity` of them, or up to
    /// `timelinePerIdentity` while the identity is `elevated` or `pinned` (see `timelineCapacity`).
    var recent: Deque<NormalizedEvent>
    /// At moderate risk or above when last assessed (`riskCheckedAt`, event time).
    var elevated = false
    var riskCheckedAt: EventTime = .zero
    /// An identity view is open on it (`ActivityAggregator.pin`).
    var pinned = false
    /// The learned baseline and the detectors' state.
    var detector: SignalDetector
    /// The evidence against this identity, deduplicated and bounded.
    var contributions: ContributionSet
    /// The last alert, so a score hovering at a boundary does not alert on every event.
    var lastAlert: (level: RiskLevel, time: EventTime)?
    /// The config's suppressions whose identity pattern covers this identity (usually none).
    let suppressions: [Suppression]
    /// Rules an operator acknowledged for this identity, and until when (event time) their
    /// matches do not count for it: the acknowledgement's quiet period, as for its alerts.
    var acknowledgedRules: [String: EventTime] = [:]

    init(event e: NormalizedEvent, limits: ActivityLimits, config: RiskConfig) {
        identity = e.identity
        kind = e.identityKind
        format = e.format
        firstSeen = e.time
        lastSeen = e.time
        actions = HeavyHitters(capacity: limits.distinctPerIdentity)
        resources = HeavyHitters(capacity: limits.distinctPerIdentity)
        credentials = HeavyHitters(capacity: limits.credentialsPerIdentity)
        sourceIPs = HeavyHitters(capacity: limits.credentialsPerIdentity)
        recent = Deque(minimumCapacity: limits.recentPerIdentity)
        detector = SignalDetector(config: config)
        contributions = ContributionSet()
        suppressions = config.suppressions.isEmpty ? [] : config.suppressions.filter { $0.covers(identity: e.identity) }
    }

    /// Folds one event in. Returns whether the evidence changed (so the caller re-scores).
    mutating func record(_ e: NormalizedEvent, categories: ActionCategory, limits: ActivityLimits,
                         config: RiskConfig) {
        events += 1
        switch e.decision {
        case .deny: denied += 1
        case .error: errors += 1
        case .allow, .unknown: break
        }
        if e.time < firstSeen { firstSeen = e.time }
        if e.time > lastSeen { lastSeen = e.time }
        if kind == .unknown { kind = e.identityKind }
        // Rates count only events whose time is trusted (see `ActivityAggregator.ingest`).
        if !e.clockSkewed { perSecond.add(e.time); perMinute.add(e.time) }
        actions.add(e.action, at: e.time)
        resources.add(e.resource, at: e.time)
        credentials.add(e.credentialID, at: e.time)
        sourceIPs.add(e.sourceIP, at: e.time)
        let keep = max(1, timelineCapacity(limits))
        if recent.count >= keep { recent.removeFirst(recent.count - keep + 1) }
        recent.append(e)
        detector.observe(e, categories: categories, config: config, into: &contributions)
        for hit in e.ruleHits {
            if !acknowledgedRules.isEmpty, let until = acknowledgedRules[hit.rule.id], e.time < until { continue }
            if !suppressions.isEmpty, suppressions.contains(where: { $0.mutes(signal: .rule, ruleID: hit.rule.id, at: e.time) }) {
                continue
            }
            contributions.raise(Contribution(
                signal: .rule, key: hit.rule.id, points: hit.rule.level.points * config.weight(.rule) / 100,
                firstSeen: e.time, reason: hit.reason, rule: hit.rule))
        }
        if !suppressions.isEmpty { applySignalSuppressions(at: e.time) }
    }

    /// Rows of signals muted for this identity leave as soon as they are raised: the detectors
    /// keep learning, the score does not hear them.
    private mutating func applySignalSuppressions(at t: EventTime) {
        for s in suppressions where s.isActive(at: t) {
            if case .signal(let signal) = s.target { contributions.remove(signal: signal) }
        }
    }

    /// The operator acknowledged this identity: the rules that have matched it so far stop
    /// counting for it, and their new matches do not count until `until` (the ledger replays
    /// acknowledgements at start, so this holds across runs). Other rules still fire; a rule
    /// that is routine for good belongs in `suppress:`.
    mutating func acknowledgeRules(until: EventTime) {
        for c in contributions.contributions(of: .rule) { acknowledgedRules[c.key] = until }
        contributions.remove(signal: .rule)
    }

    // MARK: Timeline

    /// How many recent events it keeps: a long timeline only while it matters (at moderate
    /// risk or above, or open in an identity view), so memory per quiet identity stays small.
    func timelineCapacity(_ limits: ActivityLimits) -> Int {
        elevated || pinned ? max(limits.timelinePerIdentity, limits.recentPerIdentity) : limits.recentPerIdentity
    }

    /// Whether its level should be looked at again: risk only rises with new evidence (which
    /// the aggregator assesses anyway) but decays with time, so an elevated identity is
    /// re-assessed at most once a minute of event time to let its timeline fall back.
    func riskCheckDue(at t: EventTime) -> Bool {
        elevated && t.microseconds(since: riskCheckedAt) >= 60_000_000
    }

    /// Records whether the level assessed at `t` earned a long timeline (moderate or above,
    /// within the aggregator's budget) and keeps the timeline that calls for.
    mutating func riskChecked(elevated: Bool, at t: EventTime, limits: ActivityLimits) {
        self.elevated = elevated
        if t > riskCheckedAt { riskCheckedAt = t }
        trimTimeline(limits)
    }

    mutating func setPinned(_ on: Bool, limits: ActivityLimits) {
        pinned = on
        trimTimeline(limits)
    }

    /// Back to the short timeline: into fresh storage, so the buffer a long timeline grew is freed.
    private mutating func trimTimeline(_ limits: ActivityLimits) {
        let keep = timelineCapacity(limits)
        guard recent.count > keep else { return }
        recent = Deque(recent.suffix(keep))
    }

    /// Events in each of the last `minutes` minutes (at most the 60 kept), oldest first.
    func perMinuteSeries(last minutes: Int, endingAt clock: EventTime) -> [Int] {
        let n = min(max(0, minutes), perMinute.slots)
        var out: [Int] = []
        out.reserveCapacity(n)
        for i in stride(from: Int64(n - 1), through: 0, by: -1) {
            out.append(perMinute.sum(last: 1, endingAt: clock.adding(seconds: -60 * i)))
        }
        return out
    }

    /// What a filter's verdict on this identity depends on: the same stamp means the same
    /// fields to match. Distinct counts change when a key is added; once a sketch is full a
    /// new key replaces an old one without changing the count, so then every event counts.
    var matchStamp: MatchStamp {
        MatchStamp(kind: kind, actions: actions.distinct, resources: resources.distinct,
                   events: actions.saturated || resources.saturated ? events : -1)
    }

    func assessment(at clock: EventTime, config: RiskConfig) -> RiskAssessment {
        // Most identities have no evidence at all: skip the scorer for them.
        contributions.isEmpty ? .none
            : RiskScorer.assess(contributions.all, at: clock, config: config, criticality: config.criticality)
    }

    func row(at clock: EventTime, config: RiskConfig) -> IdentityRow {
        let a = assessment(at: clock, config: config)
        return IdentityRow(identity: identity, kind: kind, format: format,
                           eventsLastMinute: perSecond.sum(last: 60, endingAt: clock),
                           events: events, denied: denied, errors: errors,
                           firstSeen: firstSeen, lastSeen: lastSeen, risk: a.rounded,
                           reasons: a.reasons(config: config),
                           eventsLast15Minutes: perMinute.sum(last: 15, endingAt: clock),
                           eventsLastHour: perMinute.sum(last: 60, endingAt: clock),
                           distinctActions: actions.distinct, distinctResources: resources.distinct,
                           distinctSourceIPs: sourceIPs.distinct, distinctCredentials: credentials.distinct,
                           distinctSaturated: saturated)
    }

    private var saturated: SaturatedEvidence {
        var s: SaturatedEvidence = []
        if actions.saturated { s.insert(.actions) }
        if credentials.saturated { s.insert(.credentials) }
        if resources.saturated { s.insert(.resources) }
        if sourceIPs.saturated { s.insert(.sourceIPs) }
        return s
    }

    /// The detail pane's picture, with the newest `recentLimit` events: the long timeline is
    /// copied only for the view that shows it.
    func detail(at clock: EventTime, row: IdentityRow, recentLimit: Int) -> IdentityDetail {
        IdentityDetail(row: row, perMinute: perMinute.series(endingAt: clock),
                       topActions: actions.top(8), topResources: resources.top(8),
                       credentials: credentials.newest(credentials.capacity),
                       sourceIPs: sourceIPs.newest(sourceIPs.capacity),
                       recent: Array(recent.suffix(max(0, recentLimit))))
    }
}

/// See `IdentityActivity.matchStamp`.
struct MatchStamp: Hashable {
    var kind: IdentityKind
    var actions: Int
    var resources: Int
    var events: Int
}

extension RiskAssessment {
    /// The score in words: the attack-chain floor first when it lifted the score, then
    /// each contribution by what it adds now.
    func reasons(config: RiskConfig) -> [RiskReason] {
        var out: [RiskReason] = []
        if !chain.isEmpty {
            let latest = contributions.map(\.contribution.lastSeen).max() ?? .zero
            out.append(RiskReason(
                signal: "attack_chain", points: Int((score - unflooredScore).rounded()),
                text: "attack chain: \(chain.count) stages (\(chain.map(\.name).joined(separator: ", "))) within \(Int(config.chainWindowHours)) h",
                lastSeen: latest, count: chain.count))
        }
        for s in contributions {
            out.append(RiskReason(signal: s.contribution.signal.name, points: Int(s.value.rounded()),
                                  text: s.contribution.reason, lastSeen: s.contribution.lastSeen,
                                  count: s.contribution.count, rule: s.contribution.rule))
        }
        return out
    }
}
