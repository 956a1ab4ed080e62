import Synchronization

/// A bounded set of recently seen ids (64-bit FNV-1a hashes of their bytes): a ring buffer
/// evicts the oldest once `capacity` is reached, so memory stays constant on endless streams.
struct RecentIDs {
    private var ring: [UInt64]
    private var members: Set<UInt64>
    private var next = 0
    let capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        ring = []
        members = []
    }

    static let hashSeed: UInt64 = 0xcbf2_9ce4_8422_2325

    static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = hashSeed) -> UInt64 {
        var h = seed
        for b in bytes {
            h ^= UInt64(b)
            h &*= 0x0000_0100_0000_01B3
        }
        return h
    }

    /// One more byte into an FNV-1a hash.
    static func mix(_ h: UInt64, _ b: UInt8) -> UInt64 { (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }

    func contains(_ h: UInt64) -> Bool { members.contains(h) }

    /// Inserts `h`; returns false when it was already present.
    mutating func insert(_ h: UInt64) -> Bool {
        guard !members.contains(h) else { return false }
        if ring.count < capacity {
            ring.append(h)
        } else {
            members.remove(ring[next])
            ring[next] = h
            next = (next + 1) % capacity
        }
        members.insert(h)
        return true
    }
}

/// Kubernetes `auditID` dedupe for one run: every source of a `report dir/` or a watch shares it,
/// so the stages of one request count once even when a rotation splits them across files.
///
/// A request is keyed by its auditID *with* its user and verb: a later stage repeats all three.
/// An auditID already seen with another user or verb is not a later stage (real exports and test
/// fixtures reuse IDs): it is counted as an event, and reported as a reuse so it is not silent.
/// Bounded like `RecentIDs`; thread-safe, since sources may be decoded on different threads.
public final class AuditIDDedupe: Sendable {
    public enum Verdict: Equatable, Sendable {
        /// First sight of this auditID: an event.
        case new
        /// Same auditID, user and verb: a later stage of a request already counted.
        case repeatStage
        /// The auditID was seen with another user or verb: an event, and a flagged reuse.
        case reused
    }

    private struct State {
        var ids: RecentIDs
        var requests: RecentIDs
    }

    private let state: Mutex<State>

    public init(capacity: Int = 65_536) {
        state = Mutex(State(ids: RecentIDs(capacity: capacity), requests: RecentIDs(capacity: capacity)))
    }

    /// What a record with these hashes is; `record` remembers it (only records that became events).
    func check(id: UInt64, request: UInt64) -> Verdict {
        state.withLock { s in
            if s.requests.contains(request) { return .repeatStage }
            return s.ids.contains(id) ? .reused : .new
        }
    }

    func record(id: UInt64, request: UInt64) {
        state.withLock { s in
            _ = s.ids.insert(id)
            _ = s.requests.insert(request)
        }
    }
}
