import Events

/// The most frequent and the most recent keys of an unbounded stream, in bounded memory
/// (Space-Saving, Metwally et al. 2005). Below `capacity` distinct keys every count is exact.
/// Past it a new key always gets in: it replaces the key with the smallest count (the least
/// recently seen among equals) and inherits that count plus one, remembered as its possible
/// error. So a key an attacker starts using now is in the sketch at once, and a key holding
/// more than 1/`capacity` of the stream is never lost.
///
/// Logs are attacker-written; keeping the *first* keys seen let a burst of junk blind the
/// evidence for good. Every order this type produces is specified (count, time, arrival,
/// key), never the order of a hash table, so the output is byte-identical across processes.
public struct HeavyHitters: Hashable, Sendable {
    /// What is kept per key: plain values, so the eviction scan copies no strings, and 24
    /// bytes, since there are four sketches per identity and maybe 100,000 identities.
    struct Stats: Hashable, Sendable {
        /// An upper bound on how often the key was seen (exact when `error` is 0); it stops
        /// at `UInt32.max` rather than wrap.
        var count: UInt32
        /// How much of `count` may belong to keys it replaced.
        var error: UInt32
        /// The latest event time it was seen at, and the arrival order as the last tie-break.
        var lastSeen: EventTime
        var tick: UInt64

        /// How often the key was surely seen.
        var guaranteed: UInt32 { count - error }

        /// Eviction order: the smallest count first; among equals the one seen longest ago,
        /// so recent keys stay. Ticks are unique, so this is a total order and the victim
        /// does not depend on the order the dictionary happens to hold its keys in.
        func evictsBefore(_ b: Stats) -> Bool {
            if count != b.count { return count < b.count }
            if lastSeen != b.lastSeen { return lastSeen < b.lastSeen }
            return tick < b.tick
        }
    }

    public let capacity: Int
    /// Storage grows with the keys actually seen: most identities use a handful, and there
    /// may be 100,000 identities, so nothing is reserved up front.
    private var stats: [String: Stats] = [:]
    private var ticks: UInt64 = 0
    /// Whether a key was ever replaced: from then on `distinct` is a lower bound.
    public private(set) var saturated = false

    public init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Distinct keys seen, exact until `saturated`, then at least this many.
    public var distinct: Int { stats.count }

    /// Counts one occurrence of `key` at event time `time`. Cost: one hash lookup; when the
    /// sketch is full and the key is new, also one pass over `capacity` plain values (no sorting).
    public mutating func add(_ key: String, at time: EventTime) {
        guard !key.isEmpty else { return }
        ticks &+= 1
        if let i = stats.index(forKey: key) {
            if stats.values[i].count < .max { stats.values[i].count += 1 }
            if time > stats.values[i].lastSeen { stats.values[i].lastSeen = time }
            stats.values[i].tick = ticks
            return
        }
        guard stats.count >= capacity else {
            stats[key] = Stats(count: 1, error: 0, lastSeen: time, tick: ticks)
            return
        }
        var victim = stats.values.startIndex
        for i in stats.values.indices where stats.values[i].evictsBefore(stats.values[victim]) { victim = i }
        let floor = stats.values[victim].count
        stats.remove(at: victim)
        stats[key] = Stats(count: floor == .max ? floor : floor + 1, error: floor, lastSeen: time, tick: ticks)
        saturated = true
    }

    /// The `n` keys surely seen most often, with that sure count (`count - error`): a
    /// newcomer that replaced an old key shows what it did, not what it inherited. Ties by key.
    public func top(_ n: Int) -> [ActionCount] {
        stats.sorted {
            let a = $0.value.guaranteed, b = $1.value.guaranteed
            if a != b { return a > b }
            if $0.value.count != $1.value.count { return $0.value.count > $1.value.count }
            return $0.key < $1.key
        }
        .prefix(max(0, n))
        .map { ActionCount(action: $0.key, count: Int($0.value.guaranteed)) }
    }

    /// The `n` keys seen most recently (event time, then arrival), newest first: what a
    /// credential or address list shows, so one first seen now is at the top.
    public func newest(_ n: Int) -> [String] {
        stats.sorted {
            $0.value.lastSeen != $1.value.lastSeen ? $0.value.lastSeen > $1.value.lastSeen : $0.value.tick > $1.value.tick
        }
        .prefix(max(0, n))
        .map(\.key)
    }

    /// The keys kept, in no specified order: for matching a filter, never for output.
    var keys: Dictionary<String, Stats>.Keys { stats.keys }

    /// The count `key` holds and its possible error, when it is kept (tests, diagnostics).
    public func estimate(_ key: String) -> (count: Int, error: Int)? {
        stats[key].map { (Int($0.count), Int($0.error)) }
    }
}
