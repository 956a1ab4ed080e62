import Events

/// One identity's contributions, deduplicated by (signal, key) and bounded by `capacity`.
///
/// Repeats of the same evidence merge into one row (count, first/last seen), so a storm of
/// identical events costs one row. When a new row arrives and the set is full, the row whose
/// last evidence is oldest and that is not frozen (a marker awaiting acknowledgement) is
/// evicted; ties go to the lowest (signal rawValue, key). If every row is frozen and the new
/// one is not, the new one is dropped. Everything is pure and ordered: the same sequence of
/// `raise` calls always yields the same set.
public struct ContributionSet: Hashable, Sendable {
    public let capacity: Int
    /// Sorted by (signal rawValue, key): `all` needs no sort and lookups are a binary search.
    private var rows: [Contribution] = []
    /// Rows that had to leave (or could not enter) because the set was full.
    public private(set) var evicted = 0

    public init(capacity: Int = 32) {
        precondition(capacity > 0)
        self.capacity = capacity
    }

    public var count: Int { rows.count }
    public var isEmpty: Bool { rows.isEmpty }

    /// Every contribution, ordered by (signal rawValue, key).
    public var all: [Contribution] { rows }

    public func contribution(_ signal: Signal, key: String) -> Contribution? {
        let (i, found) = position(signal, key)
        return found ? rows[i] : nil
    }

    /// All contributions of one signal, ordered by key.
    public func contributions(of signal: Signal) -> [Contribution] {
        rows.filter { $0.signal == signal }
    }

    /// Adds evidence. An existing (signal, key) row merges: counts add, the time span widens,
    /// points keep the maximum, and the reason of the newer evidence wins (ties: the incoming).
    public mutating func raise(_ c: Contribution) {
        let (i, found) = position(c.signal, c.key)
        if found {
            var r = rows[i]
            let incomingIsNewer = c.lastSeen >= r.lastSeen
            r.count += c.count
            r.firstSeen = min(r.firstSeen, c.firstSeen)
            r.lastSeen = max(r.lastSeen, c.lastSeen)
            r.points = max(r.points, c.points)
            if incomingIsNewer { r.reason = c.reason }
            r.frozen = r.frozen || c.frozen
            rows[i] = r
            return
        }
        if rows.count < capacity {
            rows.insert(c, at: i)
            return
        }
        // Full: the oldest unfrozen row leaves, the incoming one included as a candidate so an
        // out-of-order old event cannot push out fresher evidence.
        evicted += 1
        var victim: Int? = nil
        for j in rows.indices where !rows[j].frozen {
            if let v = victim {
                if rows[j].lastSeen < rows[v].lastSeen { victim = j }  // equal: keep the lower (signal, key)
            } else {
                victim = j
            }
        }
        guard let v = victim else {
            // Every row is a marker: only another marker may displace nothing; drop the newcomer.
            return
        }
        if !c.frozen, c.lastSeen < rows[v].lastSeen
            || (c.lastSeen == rows[v].lastSeen && Self.less(c.signal, c.key, rows[v].signal, rows[v].key)) {
            return
        }
        rows.remove(at: v)
        let (k, _) = position(c.signal, c.key)
        rows.insert(c, at: k)
    }

    /// The operator has seen a signal: its frozen markers are removed (a frozen marker has no
    /// half-life to decay by, so unfreezing would keep it at full value forever). Decaying
    /// rows of that signal stay and fade by themselves. With `key`, only that row.
    public mutating func acknowledge(signal: Signal, key: String? = nil) {
        rows.removeAll { $0.signal == signal && $0.frozen && (key == nil || $0.key == key) }
    }

    /// Removes every row of `signal`, frozen or not (a suppression, an acknowledged rule).
    public mutating func remove(signal: Signal) {
        rows.removeAll { $0.signal == signal }
    }

    /// Drops rows whose value fell below `floor` points at `now` (they no longer count in the score).
    public mutating func prune(at now: EventTime, config: RiskConfig, floor: Double = 1) {
        rows.removeAll { !$0.frozen && RiskScorer.value(of: $0, at: now, halfLifeHours: config.halfLifeHours($0.signal)) < floor }
    }

    private static func less(_ s1: Signal, _ k1: String, _ s2: Signal, _ k2: String) -> Bool {
        s1.rawValue != s2.rawValue ? s1.rawValue < s2.rawValue : k1 < k2
    }

    /// Binary search: the index of (signal, key) or where it would be inserted.
    private func position(_ signal: Signal, _ key: String) -> (Int, Bool) {
        var lo = 0, hi = rows.count
        while lo < hi {
            let mid = (lo + hi) / 2
            let r = rows[mid]
            if r.signal == signal && r.key == key { return (mid, true) }
            if Self.less(r.signal, r.key, signal, key) { lo = mid + 1 } else { hi = mid }
        }
        return (lo, false)
    }
}
