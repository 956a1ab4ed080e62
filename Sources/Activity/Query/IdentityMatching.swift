import Events
import Synchronization

extension TextFilter {
    /// Whether an identity matches, inversion applied: any of its name, kind, format and the
    /// distinct actions and resources it keeps (see `HeavyHitters`) matches (inverted: none does).
    func matches(_ activity: IdentityActivity) -> Bool {
        let any = fieldMatches(activity.identity) || fieldMatches(activity.kind.label)
            || fieldMatches(activity.format.label)
            || activity.actions.keys.contains(where: fieldMatches)
            || activity.resources.keys.contains(where: fieldMatches)
        return any != inverted
    }
}

/// Verdicts of the filter and the search from earlier frames. The snapshot is asked for up
/// to 15 times a second while identities and the feed mostly stay as they were: a regex is
/// run again only over what changed since (an identity whose `matchStamp` moved, events that
/// entered the feed).
///
/// A reference held by the aggregator, so the non-mutating `snapshot` can fill it. A copy of
/// the aggregator shares it only until either copy ingests (`ActivityAggregator.ingest`
/// detaches it), so verdicts never cross between copies whose data differ. Copies that have
/// not ingested may take snapshots on several threads at once: a snapshot takes the verdicts
/// out under the lock and puts them back after, so a concurrent one starts from empty
/// verdicts (slower, never wrong) instead of racing on the same arrays.
final class QueryCache: Sendable {
    private let stored = Mutex(QueryVerdicts())

    func take() -> QueryVerdicts { stored.withLock { v in defer { v = QueryVerdicts() }; return v } }

    func put(_ verdicts: QueryVerdicts) { stored.withLock { $0 = verdicts } }
}

/// The verdicts one snapshot reads and extends.
struct QueryVerdicts: Sendable {
    var filter = IdentityVerdicts()
    var search = IdentityVerdicts()
    var feed = FeedVerdicts()
}

/// One filter's verdict per identity slot, with the stamp it was reached at.
struct IdentityVerdicts: Sendable {
    private var text: String?
    private var stamps: [MatchStamp?] = []
    private var verdicts: [Bool] = []

    /// Before a frame's `matches` calls: verdicts of another filter are dropped.
    mutating func use(_ filter: TextFilter) {
        guard text != filter.text else { return }
        text = filter.text
        stamps.removeAll(keepingCapacity: true)
        verdicts.removeAll(keepingCapacity: true)
    }

    /// Whether the identity in `slot` matches `filter`, the one last passed to `use`.
    mutating func matches(_ filter: TextFilter, slot: Int, _ activity: IdentityActivity) -> Bool {
        if slot >= stamps.count {
            stamps.append(contentsOf: repeatElement(nil, count: slot + 1 - stamps.count))
            verdicts.append(contentsOf: repeatElement(false, count: slot + 1 - verdicts.count))
        }
        let stamp = activity.matchStamp
        if stamps[slot] == stamp { return verdicts[slot] }
        let verdict = filter.matches(activity)
        stamps[slot] = stamp
        verdicts[slot] = verdict
        return verdict
    }
}

/// One filter's verdict on each event of the feed, by the event's sequence number (its
/// position in the stream: the feed holds the events numbered `total - feed.count ..< total`).
struct FeedVerdicts: Sendable {
    private var text: String?
    /// Verdicts for the events numbered `end - verdicts.count ..< end`.
    private var verdicts: [Bool] = []
    private var end = 0

    /// Verdicts aligned with `feed`, the newest `feed.count` of `total` events ingested.
    mutating func verdicts<C: RandomAccessCollection>(_ filter: TextFilter, feed: C, total: Int) -> [Bool]
    where C.Element == NormalizedEvent, C.Index == Int {
        let first = total - feed.count
        if text != filter.text || end > total || end < first {
            text = filter.text
            verdicts.removeAll(keepingCapacity: true)
            end = first
        }
        let cachedFirst = end - verdicts.count
        if cachedFirst < first { verdicts.removeFirst(first - cachedFirst) }
        if end < total {
            verdicts.reserveCapacity(feed.count)
            let base = feed.startIndex
            for seq in end..<total { verdicts.append(filter.matches(feed[base + (seq - first)])) }
            end = total
        }
        return verdicts
    }
}
