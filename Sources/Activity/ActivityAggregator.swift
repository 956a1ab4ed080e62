import DequeModule
import Events

/// Bounds on what is kept, so memory per identity and for the feed never grows with time.
public struct ActivityLimits: Hashable, Sendable {
    public var recentPerIdentity = 16
    public var distinctPerIdentity = 64
    public var credentialsPerIdentity = 16
    public var feedCapacity = 500
    /// Alerts kept for the alerts pane: every alert since start in any sane run, yet bounded.
    public var alertCapacity = 10_000
    /// Events kept per identity at moderate risk and above, or pinned by an open identity view.
    public var timelinePerIdentity = 500
    /// At most this many identities keep a long timeline for their risk (about 60 MB at 500
    /// events each); an identity view's pinned identity always does.
    public var longTimelineIdentities = 256

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
    /// Events Ingest flagged as dated too far ahead: judged at `clock`, not counted in rates.
    public private(set) var clockSkewedEvents = 0

    private var slotByIdentity: [String: Int] = [:]
    private var identities: [IdentityActivity] = []
    private var feed: Deque<NormalizedEvent> = []
    private var perSecond = SlidingCounter(slots: 10, slotSeconds: 1)
    /// Classification is per distinct action; the same few hundred actions recur forever.
    private var categoryCache: [String: ActionCategory] = [:]
    /// Revocations in force and what the stream showed about each. Few, so they live here,
    /// keyed for lookup, and cost nothing per identity that was never revoked.
    private var traces: [Revocation: RevocationTrace] = [:]
    /// Which revocations an event can concern: by the credential revoked, else by identity.
    private var watchedCredentials: [String: [Revocation]] = [:]
    private var watchedIdentities: [String: [Revocation]] = [:]
    /// Which revocations each identity's row shows: its own, and credential-only ones it was
    /// seen using after the revoke.
    private var revocationsByIdentity: [String: [Revocation]] = [:]
    /// Acknowledgements in effect, by identity, with the signal classes they covered.
    private var acknowledged: [String: AcknowledgedAlert] = [:]
    /// Acknowledgements of identities not seen yet (the ledger is read before the logs):
    /// each applies once its identity is known and the clock has reached its time, oldest first.
    private var pendingAcks: [String: [Acknowledgement]] = [:]
    /// The earliest time among pending acknowledgements of identities already known.
    private var nextAckDue: EventTime?
    /// Alerts not yet handed out by `drainAlerts`, and the most recent ones for the view.
    private var pendingAlerts: [Alert] = []
    private var recentAlerts: Deque<Alert> = []
    /// Alerts raised since start, including those that rolled out of `recentAlerts`.
    public private(set) var alertTotal = 0
    /// The identity whose view is open (see `pin`).
    private var pinned: String?
    /// Identities whose risk gave them a long timeline (bounded by `longTimelineIdentities`).
    private var longTimelines = 0
    /// Filter and search verdicts of earlier snapshots (see `QueryCache`).
    private var queryCache = QueryCache()

    public init(limits: ActivityLimits = ActivityLimits(), config: RiskConfig = .standard) {
        self.limits = limits
        self.config = config
    }

    public var identityCount: Int { identities.count }

    public mutating func ingest(_ event: NormalizedEvent) {
        // A copy sharing the cache would read verdicts about data it does not have.
        if !isKnownUniquelyReferenced(&queryCache) { queryCache = QueryCache() }
        totalEvents += 1
        if feed.count == limits.feedCapacity { feed.removeFirst() }
        // The feed shows the record as written, whatever its time.
        feed.append(event)
        // An event Ingest flagged as dated too far ahead is real evidence (future-dating an
        // action must not hide it) but its time is not: it is judged as arriving now, at the
        // clock, and neither moves the clock nor counts in the rates. Before any trusted time
        // (clock zero) there is nothing better than its own.
        var e = event
        if event.clockSkewed {
            clockSkewedEvents += 1
            if clock > .zero { e.time = clock }
        } else {
            if e.time > clock { clock = e.time }
            perSecond.add(e.time)
        }

        let categories = category(of: e.action)
        let slot: Int
        if let known = slotByIdentity[e.identity] {
            slot = known
        } else {
            slot = identities.count
            slotByIdentity[e.identity] = slot
            identities.append(IdentityActivity(event: e, limits: limits, config: config))
            if let pinned, pinned == e.identity { identities[slot].setPinned(true, limits: limits) }
            if !pendingAcks.isEmpty, pendingAcks[e.identity] != nil { scheduleAcks() }
        }
        // An acknowledgement made before this moment applies before this event is judged.
        if let due = nextAckDue, clock >= due { applyDueAcks() }
        // Copy-on-write: `before` costs nothing unless this event changes the evidence.
        let before = identities[slot].contributions
        identities[slot].record(e, categories: categories, limits: limits, config: config)
        let usedAfterRevoke = !traces.isEmpty && checkRevocations(e, slot: slot)
        if usedAfterRevoke {
            alertUsedAfterRevoke(slot: slot, before: before, at: e.time)
            riskChecked(slot: slot, .critical, at: e.time)
        } else if identities[slot].contributions != before {
            let now = identities[slot].assessment(at: e.time, config: config)
            alertIfCrossed(slot: slot, before: before, now: now, at: e.time)
            riskChecked(slot: slot, now.level, at: e.time)
        } else if identities[slot].riskCheckDue(at: e.time) {
            let now = identities[slot].assessment(at: e.time, config: config)
            riskChecked(slot: slot, now.level, at: e.time)
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
    private mutating func alertIfCrossed(slot: Int, before: ContributionSet, now: RiskAssessment, at t: EventTime) {
        let activity = identities[slot]
        guard now.level >= .moderate else { return }
        let was = level(of: before, at: t)
        guard now.level > was else { return }
        if let last = activity.lastAlert, last.level >= now.level,
           t.microseconds(since: last.time) < 15 * 60 * 1_000_000 { return }
        if !acknowledged.isEmpty, let ack = acknowledged[activity.identity],
           ack.mutes(firing: Self.firingClasses(before: before, after: activity.contributions), at: t) { return }
        identities[slot].lastAlert = (now.level, t)
        emit(Alert(time: t, identity: activity.identity, kind: activity.kind, level: now.level, previous: was,
                   risk: now.rounded, reasons: now.reasons(config: config)))
    }

    /// The first allowed use past grace of a revocation: critical at once, whatever was
    /// alerted in the last 15 minutes or acknowledged. The scorer's floor makes the risk ≥ 90.
    private mutating func alertUsedAfterRevoke(slot: Int, before: ContributionSet, at t: EventTime) {
        let activity = identities[slot]
        let now = activity.assessment(at: t, config: config)
        let was = level(of: before, at: t)
        // Recorded as the last alert, so the crossing this same event causes is not alerted twice.
        identities[slot].lastAlert = (.critical, t)
        emit(Alert(time: t, identity: activity.identity, kind: activity.kind, level: .critical, previous: was,
                   risk: max(now.rounded, Int(RiskScorer.usedAfterRevokeFloor)), reasons: now.reasons(config: config)))
    }

    /// The level the evidence from just before this event gives at `t`: what an alert says it rose from.
    private func level(of before: ContributionSet, at t: EventTime) -> RiskLevel {
        before.isEmpty ? .unknown
            : RiskScorer.assess(before.all, at: t, config: config, criticality: config.criticality).level
    }

    private mutating func emit(_ alert: Alert) {
        alertTotal += 1
        pendingAlerts.append(alert)
        if recentAlerts.count == limits.alertCapacity { recentAlerts.removeFirst() }
        recentAlerts.append(alert)
    }

    /// The classes of the contributions this event added or changed.
    private static func firingClasses(before: ContributionSet, after: ContributionSet) -> Set<SignalClass> {
        var out: Set<SignalClass> = []
        for c in after.all where before.contribution(c.signal, key: c.key) != c { out.insert(c.stage) }
        return out
    }

    /// Alerts raised since the last call, in event order (for `--alerts FILE`).
    public mutating func drainAlerts() -> [Alert] {
        defer { pendingAlerts.removeAll(keepingCapacity: true) }
        return pendingAlerts
    }

    // MARK: Revocations

    /// Watch what was revoked: a deny afterwards proves the revoke took effect; an allow
    /// after the grace period is S19, pinned until acknowledged, with a critical alert.
    /// Several revocations per identity may be in force; its row shows the newest. Recording
    /// the same revocation again (the ledger is polled) changes nothing. Revocations recorded
    /// before the logs are read from the beginning apply to them: replay shows what still worked.
    public mutating func recordRevocation(_ r: Revocation) {
        guard traces[r] == nil else { return }
        if !r.actionID.isEmpty, traces.keys.contains(where: { $0.actionID == r.actionID }) { return }
        traces[r] = RevocationTrace(r)
        if r.credential.isEmpty {
            watchedIdentities[r.identity, default: []].append(r)
        } else {
            watchedCredentials[r.credential, default: []].append(r)
        }
        if !r.identity.isEmpty { revocationsByIdentity[r.identity, default: []].append(r) }
    }

    /// Undo: the revocation with this ledger action id is no longer watched and its status
    /// leaves the row. Use-after-revoke evidence it raised stays until acknowledged.
    public mutating func removeRevocation(actionID: String) {
        let gone = Set(traces.keys.filter { $0.actionID == actionID })
        guard !gone.isEmpty else { return }
        for r in gone { traces[r] = nil }
        Self.remove(gone, from: &watchedIdentities)
        Self.remove(gone, from: &watchedCredentials)
        Self.remove(gone, from: &revocationsByIdentity)
    }

    private static func remove(_ gone: Set<Revocation>, from index: inout [String: [Revocation]]) {
        for key in Array(index.keys) {
            let kept = index[key]!.filter { !gone.contains($0) }
            index[key] = kept.isEmpty ? nil : kept
        }
    }

    public func effect(of r: Revocation) -> RevocationEffect? { traces[r]?.effect }

    /// The newest revocation shown for `identity` and its state at the clock. Newest by
    /// revoke time among those already in force at the clock; when every one lies ahead of
    /// the clock (a revoke just made while the logs lag), the newest of those, pending.
    public func revocationStatus(for identity: String) -> RevocationStatus? {
        guard let list = revocationsByIdentity[identity] else { return nil }
        let started = list.filter { $0.revokedAt <= clock }
        guard let r = (started.isEmpty ? list : started).max(by: Self.older) else { return nil }
        return traces[r]?.status(at: clock)
    }

    /// Revoke time, then ledger action id, so the choice never depends on insertion order.
    private static func older(_ a: Revocation, _ b: Revocation) -> Bool {
        a.revokedAt != b.revokedAt ? a.revokedAt < b.revokedAt : a.actionID < b.actionID
    }

    /// Folds `e` into every revocation it concerns and raises S19 for allows past grace.
    /// Returns whether this was the first such use of one of them (a critical alert).
    private mutating func checkRevocations(_ e: NormalizedEvent, slot: Int) -> Bool {
        var firstUse = false
        if let list = watchedIdentities[e.identity] {
            for r in list { firstUse = observe(e, r, slot: slot) || firstUse }
        }
        if !e.credentialID.isEmpty, let list = watchedCredentials[e.credentialID] {
            for r in list { firstUse = observe(e, r, slot: slot) || firstUse }
        }
        return firstUse
    }

    private mutating func observe(_ e: NormalizedEvent, _ r: Revocation, slot: Int) -> Bool {
        guard e.time > r.revokedAt, r.concerns(e) else { return false }
        if r.identity.isEmpty, !(revocationsByIdentity[e.identity]?.contains(r) ?? false) {
            // A credential-only revoke: the identities seen using it show it on their rows.
            revocationsByIdentity[e.identity, default: []].append(r)
        }
        let first = traces[r]?.observe(e) ?? false
        if e.decision == .allow, r.covers(e) {
            let what = r.credential.isEmpty ? "identity" : "credential \(r.credential)"
            let (since, over) = e.time.microseconds.subtractingReportingOverflow(r.revokedAt.microseconds)
            let minutes = over ? Int64.max / 60_000_000 : max(0, since / 60_000_000)
            identities[slot].contributions.raise(Contribution(
                signal: .usedAfterRevoke, key: r.credential.isEmpty ? r.identity : r.credential,
                points: config.weight(.usedAfterRevoke), firstSeen: e.time,
                reason: "\(e.action) allowed \(minutes) min after the \(what) was revoked at \(r.revokedAt.clock)",
                frozen: true))
        }
        return first
    }

    // MARK: Acknowledgements

    /// The operator has seen this identity's alert: the acknowledgement shows on its row, the
    /// use-after-revoke markers are cleared, and the signal classes contributing now do not
    /// alert again until a new class fires or `ack.quietSeconds` of event time pass.
    /// For an identity not seen yet (the ledger is read before the logs), it applies once the
    /// identity appears and the clock has reached `ack.at`, so replay clears only what came before.
    public mutating func acknowledge(identity: String, _ ack: Acknowledgement) {
        if acknowledged[identity]?.ack == ack || pendingAcks[identity]?.contains(ack) == true { return }
        guard slotByIdentity[identity] != nil else {
            pendingAcks[identity, default: []].append(ack)
            pendingAcks[identity]!.sort { $0.at < $1.at }
            return
        }
        apply(ack, identity: identity)
    }

    /// The operator has seen the use-after-revoke evidence for this identity.
    public mutating func acknowledgeUseAfterRevoke(identity: String) {
        guard let slot = slotByIdentity[identity] else { return }
        identities[slot].contributions.acknowledge(signal: .usedAfterRevoke)
    }

    /// The acknowledgement in effect for `identity`, if any.
    public func acknowledgement(for identity: String) -> Acknowledgement? { acknowledged[identity]?.ack }

    private mutating func apply(_ ack: Acknowledgement, identity: String) {
        guard let slot = slotByIdentity[identity] else { return }
        // An older acknowledgement arriving late (another process's ledger row) changes nothing.
        if let current = acknowledged[identity]?.ack, current.at > ack.at { return }
        let classes = Set(identities[slot].assessment(at: clock, config: config)
            .contributions.map(\.contribution.stage))
        acknowledged[identity] = AcknowledgedAlert(ack: ack, classes: classes)
        acknowledgeUseAfterRevoke(identity: identity)
        identities[slot].acknowledgeRules(until: ack.at.adding(seconds: max(0, ack.quietSeconds)))
    }

    /// Recomputes when the next pending acknowledgement of a known identity falls due.
    private mutating func scheduleAcks() {
        nextAckDue = pendingAcks.compactMap { slotByIdentity[$0.key] != nil ? $0.value.first?.at : nil }.min()
    }

    private mutating func applyDueAcks() {
        for (identity, acks) in pendingAcks where slotByIdentity[identity] != nil {
            let due = acks.prefix { $0.at <= clock }
            for ack in due { apply(ack, identity: identity) }
            pendingAcks[identity] = due.count == acks.count ? nil : Array(acks.dropFirst(due.count))
        }
        scheduleAcks()
    }

    // MARK: Reading

    /// Identity rows, riskiest first, then busiest, then by name.
    public func rows() -> [IdentityRow] {
        var rows = identities.map { $0.row(at: clock, config: config) }
        // Few identities are revoked or acknowledged: fill those rows from the small maps
        // rather than looking every row up.
        for identity in revocationsByIdentity.keys {
            if let slot = slotByIdentity[identity] { rows[slot].revocation = revocationStatus(for: identity) }
        }
        for (identity, a) in acknowledged {
            if let slot = slotByIdentity[identity] { rows[slot].acknowledgement = a.ack }
        }
        return rows.sorted(by: Self.rank)
    }

    /// One identity's row, with its revocation and acknowledgement.
    private func row(slot: Int) -> IdentityRow {
        var row = identities[slot].row(at: clock, config: config)
        row.revocation = revocationStatus(for: row.identity)
        row.acknowledgement = acknowledged[row.identity]?.ack
        return row
    }

    static func rank(_ a: IdentityRow, _ b: IdentityRow) -> Bool {
        if a.risk != b.risk { return a.risk > b.risk }
        if a.events != b.events { return a.events > b.events }
        return a.identity < b.identity
    }

    public func detail(for identity: String) -> IdentityDetail? {
        guard let slot = slotByIdentity[identity] else { return nil }
        return identities[slot].detail(at: clock, row: row(slot: slot), recentLimit: limits.recentPerIdentity)
    }

    /// The full assessment of one identity now: every contribution with its value and share.
    public func assessment(for identity: String) -> RiskAssessment? {
        slotByIdentity[identity].map { identities[$0].assessment(at: clock, config: config) }
    }

    // MARK: Query

    /// The picture the dashboard reads for one frame: rows filtered and ordered as `query`
    /// says, the feed filtered alike, and what its open views need. Runs every frame: verdicts
    /// on identities and feed events that did not change come from `queryCache`, and the long
    /// timeline is copied only for the identity view that shows it.
    public func snapshot(query: IdentityQuery, detailFor identity: String?, feedLimit: Int = 200) -> ActivitySnapshot {
        var cache = queryCache.take()
        defer { queryCache.put(cache) }
        if let filter = query.filter { cache.filter.use(filter) }
        if let search = query.search { cache.search.use(search) }
        var rows: [IdentityRow] = []
        rows.reserveCapacity(identities.count)
        /// Where each slot's row is in `rows` before sorting (filled only when the filter drops some).
        var rowOfSlot: [Int]? = nil
        /// The rows the search matches, sorted below as the table is: no lookup per row.
        var hits: [IdentityRow] = []
        for slot in identities.indices {
            if let filter = query.filter, !cache.filter.matches(filter, slot: slot, identities[slot]) {
                if rowOfSlot == nil { rowOfSlot = Array(0..<slot) }
                rowOfSlot!.append(-1)
                continue
            }
            var row = identities[slot].row(at: clock, config: config)
            if query.sparklineMinutes > 0 {
                row.perMinute = identities[slot].perMinuteSeries(last: query.sparklineMinutes, endingAt: clock)
            }
            // Searching what is filtered (`n`/`N` while the filter is in force), every row shown is a
            // hit: running the same regex again over every identity would double a keystroke's cost.
            if let search = query.search, search == query.filter || cache.search.matches(search, slot: slot, identities[slot]) {
                hits.append(row)
            }
            rowOfSlot?.append(rows.count)
            rows.append(row)
        }
        // Few identities are revoked or acknowledged: fill those rows from the small maps
        // rather than looking every row up.
        func rowIndex(_ identity: String) -> Int? {
            guard let slot = slotByIdentity[identity] else { return nil }
            let i = rowOfSlot?[slot] ?? slot
            return i >= 0 ? i : nil
        }
        for identity in revocationsByIdentity.keys {
            if let i = rowIndex(identity) { rows[i].revocation = revocationStatus(for: identity) }
        }
        for (identity, a) in acknowledged {
            if let i = rowIndex(identity) { rows[i].acknowledgement = a.ack }
        }
        let key = query.sort.key
        rows.sort { Self.precedes($0, $1, by: key) }
        hits.sort { Self.precedes($0, $1, by: key) }
        if query.sort.reversed {
            rows.reverse()
            hits.reverse()
        }

        let known = { (name: String?) in name.flatMap { slotByIdentity[$0] != nil ? $0 : nil } }
        let chosen = known(identity) ?? known(query.timelineFor) ?? rows.first?.identity
        let detail = chosen.flatMap { name -> IdentityDetail? in
            guard let slot = slotByIdentity[name] else { return nil }
            let limit = name == query.timelineFor ? query.timelineLimit : limits.recentPerIdentity
            return identities[slot].detail(at: clock, row: row(slot: slot), recentLimit: limit)
        }

        var snapshot = ActivitySnapshot(
            clock: clock, totalEvents: totalEvents,
            eventsPerSecond: Double(perSecond.sum(last: 10, endingAt: clock)) / 10,
            identities: rows,
            feed: filteredFeed(query.filter, limit: max(0, feedLimit), verdicts: &cache.feed),
            detail: detail,
            alerts: alerts(limit: query.alertLimit))
        snapshot.identityTotal = identities.count
        snapshot.searchHits = hits.map(\.identity)
        snapshot.alertTotal = alertTotal
        return snapshot
    }

    /// The identity table's order for `key`, each ending with the name so it is total (names
    /// are unique): rows never swap places between frames when their numbers tie.
    static func precedes(_ a: IdentityRow, _ b: IdentityRow, by key: IdentitySortKey) -> Bool {
        switch key {
        case .risk: break
        case .rate: if a.eventsLastMinute != b.eventsLastMinute { return a.eventsLastMinute > b.eventsLastMinute }
        case .denied: if a.denied != b.denied { return a.denied > b.denied }
        case .lastSeen: if a.lastSeen != b.lastSeen { return a.lastSeen > b.lastSeen }
        case .name: return a.identity < b.identity
        }
        return rank(a, b)
    }

    /// The newest `limit` feed events that pass `filter`, oldest first.
    private func filteredFeed(_ filter: TextFilter?, limit: Int, verdicts cached: inout FeedVerdicts) -> [NormalizedEvent] {
        guard let filter else { return Array(feed.suffix(limit)) }
        let verdicts = cached.verdicts(filter, feed: feed, total: totalEvents)
        var out: [NormalizedEvent] = []
        var i = feed.count - 1
        while i >= 0 && out.count < limit {
            if verdicts[i] { out.append(feed[i]) }
            i -= 1
        }
        out.reverse()
        return out
    }

    /// The newest `limit` alerts, oldest first, each marked when its identity was
    /// acknowledged at or after it (in effect, or due once replay reaches it).
    private func alerts(limit: Int) -> [Alert] {
        var out = Array(recentAlerts.suffix(max(0, limit)))
        guard !acknowledged.isEmpty || !pendingAcks.isEmpty else { return out }
        for i in out.indices {
            let identity = out[i].identity
            if let at = acknowledged[identity]?.ack.at, at >= out[i].time {
                out[i].acknowledged = true
            } else if let at = pendingAcks[identity]?.last?.at, at >= out[i].time {
                out[i].acknowledged = true
            }
        }
        return out
    }

    /// Gives the identity in `slot` a long timeline while it is at moderate risk or above, as
    /// long as fewer than `ActivityLimits.longTimelineIdentities` have one: in a flood of risky
    /// identities memory stays bounded (the first ones keep theirs; the rest keep the short one
    /// until a long one falls back). A pinned identity has its long timeline regardless.
    private mutating func riskChecked(slot: Int, _ level: RiskLevel, at t: EventTime) {
        let had = identities[slot].elevated
        let granted = level >= .moderate && (had || longTimelines < limits.longTimelineIdentities)
        identities[slot].riskChecked(elevated: granted, at: t, limits: limits)
        if granted != had { longTimelines += granted ? 1 : -1 }
    }

    /// Keeps a long timeline (`ActivityLimits.timelinePerIdentity`) for this identity from now
    /// on, as for those at moderate risk and above: the identity view is open on it. Nil unpins;
    /// the identity unpinned falls back to the short timeline unless its risk keeps it long.
    public mutating func pin(_ identity: String?) {
        guard identity != pinned else { return }
        if let old = pinned, let slot = slotByIdentity[old] {
            // Its level may have decayed since it was last looked at.
            let level = identities[slot].assessment(at: clock, config: config).level
            identities[slot].setPinned(false, limits: limits)
            riskChecked(slot: slot, level, at: clock)
        }
        pinned = identity
        if let identity, let slot = slotByIdentity[identity] { identities[slot].setPinned(true, limits: limits) }
    }

    /// Whether `identity` is known and matches `filter` (its name, kind, format, or any of
    /// the distinct actions and resources it keeps), inversion applied.
    public func identity(_ identity: String, matches filter: TextFilter) -> Bool {
        slotByIdentity[identity].map { filter.matches(identities[$0]) } ?? false
    }

    /// The picture the view reads: rows, the latest `feedLimit` events and, when asked,
    /// the detail of one identity (or of the riskiest one when `detailFor` is nil).
    public func snapshot(detailFor identity: String?, feedLimit: Int = 200) -> ActivitySnapshot {
        snapshot(query: IdentityQuery(), detailFor: identity, feedLimit: feedLimit)
    }
}

/// An acknowledgement in effect and the signal classes that contributed when it was made.
private struct AcknowledgedAlert {
    var ack: Acknowledgement
    var classes: Set<SignalClass>

    /// Whether an alert for an event at `t`, where `firing` classes fired, stays quiet:
    /// within the quiet period and nothing new among the classes.
    func mutes(firing: Set<SignalClass>, at t: EventTime) -> Bool {
        t <= ack.at.adding(seconds: ack.quietSeconds) && firing.isSubset(of: classes)
    }
}
