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
    /// 15 one-minute slots of denies.
    var deniedPerMinute = SlidingCounter(slots: 15, slotSeconds: 60)
    /// Per sensitive category, 15 one-minute slots; created on first use.
    var categoryCounters: [UInt8: SlidingCounter] = [:]
    var actions: BoundedCounts
    var resources: BoundedCounts
    var credentials: BoundedSet
    var sourceIPs: BoundedSet
    var recent: Deque<NormalizedEvent>
    /// Secrets this identity has read, so reading its own secrets again is routine
    /// and only a secret new to it counts. Bounded; past the bound every read counts.
    var knownSecrets: Set<String> = []
    /// Secrets read for the first time, per minute over 15 minutes, counted during the
    /// warm-up too: an identity that appears and harvests secrets has no history to hide in.
    var newSecretsPerMinute: SlidingCounter?

    init(event e: NormalizedEvent, limits: ActivityLimits) {
        identity = e.identity
        kind = e.identityKind
        format = e.format
        firstSeen = e.time
        lastSeen = e.time
        actions = BoundedCounts(capacity: limits.distinctPerIdentity)
        resources = BoundedCounts(capacity: limits.distinctPerIdentity)
        credentials = BoundedSet(capacity: limits.credentialsPerIdentity)
        sourceIPs = BoundedSet(capacity: limits.credentialsPerIdentity)
        recent = Deque(minimumCapacity: limits.recentPerIdentity)
    }

    mutating func record(_ e: NormalizedEvent, categories: ActionCategory, limits: ActivityLimits) {
        events += 1
        switch e.decision {
        case .deny:
            denied += 1
            deniedPerMinute.add(e.time)
        case .error:
            errors += 1
        case .allow, .unknown:
            break
        }
        if e.time < firstSeen { firstSeen = e.time }
        if e.time > lastSeen { lastSeen = e.time }
        if kind == .unknown { kind = e.identityKind }
        perSecond.add(e.time)
        perMinute.add(e.time)
        var categories = categories
        if categories.contains(.secretAccess) {
            switch secretNovelty(e, limits: limits) {
            case .known:
                categories.remove(.secretAccess)
            case .newDuringWarmUp:
                categories.remove(.secretAccess)
                countNewSecret(at: e.time)
            case .new:
                countNewSecret(at: e.time)
            }
        }
        if !categories.isEmpty {
            for c in ActionCategory.all where categories.contains(c) {
                categoryCounters[c.rawValue, default: SlidingCounter(slots: 15, slotSeconds: 60)].add(e.time)
            }
        }
        actions.add(e.action)
        resources.add(e.resource)
        credentials.insert(e.credentialID)
        sourceIPs.insert(e.sourceIP)
        if recent.count == limits.recentPerIdentity { recent.removeFirst() }
        recent.append(e)
    }

    private mutating func countNewSecret(at t: EventTime) {
        if newSecretsPerMinute == nil { newSecretsPerMinute = SlidingCounter(slots: 15, slotSeconds: 60) }
        newSecretsPerMinute?.add(t)
    }

    enum SecretNovelty { case known, newDuringWarmUp, new }

    /// Reading a secret it has read before is routine. A new one counts as novel once the
    /// identity has a history (the warm-up); before that it is only learned, unless many
    /// arrive at once (see `harvestThreshold`).
    private mutating func secretNovelty(_ e: NormalizedEvent, limits: ActivityLimits) -> SecretNovelty {
        let key = e.resource.isEmpty ? e.action : e.resource
        if knownSecrets.contains(key) { return .known }
        guard knownSecrets.count < limits.distinctPerIdentity else { return .new }
        knownSecrets.insert(key)
        let warm = e.time.microseconds - firstSeen.microseconds > limits.warmUpSeconds * 1_000_000
        return warm ? .new : .newDuringWarmUp
    }

    /// This many distinct new secrets within 15 minutes is a harvest, warm-up or not.
    static let harvestThreshold = 5

    /// The first simple risk measure: fresh denies and fresh sensitive actions, in words.
    /// Fifteen minutes of event time is "fresh"; older activity stops counting by itself.
    func risk(at clock: EventTime) -> (Int, [RiskReason]) {
        var reasons: [RiskReason] = []
        let deniedRecently = deniedPerMinute.sum(last: 15, endingAt: clock)
        if deniedRecently > 0 {
            let points = min(40, deniedRecently * 4)
            reasons.append(RiskReason(signal: "denied", points: points,
                                      text: "\(deniedRecently) denied in the last 15 min"))
        }
        if let newSecrets = newSecretsPerMinute?.sum(last: 15, endingAt: clock), newSecrets >= Self.harvestThreshold {
            reasons.append(RiskReason(signal: "secret_harvest", points: newSecrets >= 20 ? 35 : 25,
                                      text: "read \(newSecrets) different secrets for the first time in 15 min"))
        } else if let counter = categoryCounters[ActionCategory.secretAccess.rawValue] {
            let n = counter.sum(last: 15, endingAt: clock)
            if n > 0 {
                reasons.append(RiskReason(signal: "secret_access", points: ActionCategory.secretAccess.points,
                                          text: ActionCategory.secretAccess.reason(count: n, window: "15 min")))
            }
        }
        for c in ActionCategory.all where c != .secretAccess {
            guard let counter = categoryCounters[c.rawValue] else { continue }
            let n = counter.sum(last: 15, endingAt: clock)
            guard n > 0 else { continue }
            reasons.append(RiskReason(signal: c.signal, points: c.points, text: c.reason(count: n, window: "15 min")))
        }
        reasons.sort { $0.points != $1.points ? $0.points > $1.points : $0.signal < $1.signal }
        return (min(100, reasons.reduce(0) { $0 + $1.points }), reasons)
    }

    func row(at clock: EventTime) -> IdentityRow {
        let (score, reasons) = risk(at: clock)
        return IdentityRow(identity: identity, kind: kind, format: format,
                           eventsLastMinute: perSecond.sum(last: 60, endingAt: clock),
                           events: events, denied: denied, errors: errors,
                           firstSeen: firstSeen, lastSeen: lastSeen, risk: score, reasons: reasons)
    }

    func detail(at clock: EventTime, row: IdentityRow) -> IdentityDetail {
        IdentityDetail(row: row, perMinute: perMinute.series(endingAt: clock),
                       topActions: actions.top(8), topResources: resources.top(8),
                       credentials: credentials.values, sourceIPs: sourceIPs.values,
                       recent: Array(recent))
    }
}
