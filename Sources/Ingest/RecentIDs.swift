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

    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h &*= 0x0000_0100_0000_01B3
        }
        return h
    }

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
