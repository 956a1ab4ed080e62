import Events

/// What the dashboard asks of the aggregator for one frame: which identities, in which
/// order, and what extra detail the open views need. A value, so the loop can hand it over.
public struct IdentityQuery: Hashable, Sendable {
    /// Only identities (and feed events) that match: `/` in the dashboard.
    public var filter: TextFilter?
    /// Identities that match are listed in `ActivitySnapshot.searchHits` (for `n`/`N`),
    /// without removing the others.
    public var search: TextFilter?
    public var sort: IdentitySort
    /// Per-minute counts of this many trailing minutes on every row (`IdentityRow.perMinute`),
    /// for the table's sparkline column; 0 = none.
    public var sparklineMinutes: Int
    /// The identity whose view is open: its detail carries up to `timelineLimit` recent events.
    public var timelineFor: String?
    public var timelineLimit: Int
    /// How many of the newest alerts the snapshot carries (the alerts pane asks for all it keeps).
    public var alertLimit: Int

    public init(filter: TextFilter? = nil, search: TextFilter? = nil, sort: IdentitySort = IdentitySort(),
                sparklineMinutes: Int = 0, timelineFor: String? = nil, timelineLimit: Int = 500,
                alertLimit: Int = 20) {
        self.filter = filter
        self.search = search
        self.sort = sort
        self.sparklineMinutes = sparklineMinutes
        self.timelineFor = timelineFor
        self.timelineLimit = timelineLimit
        self.alertLimit = alertLimit
    }
}

/// The identity table's order: `s` cycles the key, `S` reverses it.
public enum IdentitySortKey: UInt8, Hashable, Sendable, CaseIterable {
    case risk, rate, denied, lastSeen, name

    /// How the footer and help name it.
    public var label: String {
        switch self {
        case .risk: "risk"
        case .rate: "events/min"
        case .denied: "denied"
        case .lastSeen: "last seen"
        case .name: "name"
        }
    }

    /// The next key in `s`'s cycle.
    public var next: IdentitySortKey {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}

public struct IdentitySort: Hashable, Sendable {
    public var key: IdentitySortKey
    /// Reversed from the key's natural order (risk, rate, denied, last seen: highest or newest
    /// first; name: A to Z).
    public var reversed: Bool

    public init(key: IdentitySortKey = .risk, reversed: Bool = false) {
        self.key = key
        self.reversed = reversed
    }
}
