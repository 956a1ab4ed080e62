import DequeModule
import Events

/// Bounds on what is kept, so memory per identity and for the feed never grows with time.
public struct ActivityLimits: Hashable, Sendable {
    public var recentPerIdentity = 32
    public var distinctPerIdentity = 64
    public var credentialsPerIdentity = 16
    public var feedCapacity = 500
    /// How long an identity is watched before what is new to it counts as novel.
    public var warmUpSeconds: Int64 = 300

    public init() {}
}

/// Folds normalized events into per-identity activity. Its clock is event time (the
/// latest event seen), so replaying yesterday's log gives the same picture as living it.
public struct ActivityAggregator {
    public let limits: ActivityLimits
    public private(set) var clock: EventTime = .zero
    public private(set) var totalEvents = 0

    private var slotByIdentity: [String: Int] = [:]
    private var identities: [IdentityActivity] = []
    private var feed: Deque<NormalizedEvent> = []
    private var perSecond = SlidingCounter(slots: 10, slotSeconds: 1)
    /// Classification is per distinct action; the same few hundred actions recur forever.
    private var categoryCache: [String: ActionCategory] = [:]

    public init(limits: ActivityLimits = ActivityLimits()) {
        self.limits = limits
    }

    public var identityCount: Int { identities.count }

    public mutating func ingest(_ e: NormalizedEvent) {
        totalEvents += 1
        if e.time > clock { clock = e.time }
        perSecond.add(e.time)
        if feed.count == limits.feedCapacity { feed.removeFirst() }
        feed.append(e)

        let categories = category(of: e.action)
        if let slot = slotByIdentity[e.identity] {
            identities[slot].record(e, categories: categories, limits: limits)
        } else {
            var activity = IdentityActivity(event: e, limits: limits)
            activity.record(e, categories: categories, limits: limits)
            slotByIdentity[e.identity] = identities.count
            identities.append(activity)
        }
    }

    private mutating func category(of action: String) -> ActionCategory {
        if let c = categoryCache[action] { return c }
        let c = ActionCategory.classify(action: action)
        if categoryCache.count < 65_536 { categoryCache[action] = c }
        return c
    }

    /// Identity rows, riskiest first, then busiest, then by name.
    public func rows() -> [IdentityRow] {
        identities.map { $0.row(at: clock) }.sorted(by: Self.rank)
    }

    static func rank(_ a: IdentityRow, _ b: IdentityRow) -> Bool {
        if a.risk != b.risk { return a.risk > b.risk }
        if a.events != b.events { return a.events > b.events }
        return a.identity < b.identity
    }

    public func detail(for identity: String) -> IdentityDetail? {
        guard let slot = slotByIdentity[identity] else { return nil }
        let activity = identities[slot]
        return activity.detail(at: clock, row: activity.row(at: clock))
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
            detail: chosen.flatMap { detail(for: $0) })
    }
}
