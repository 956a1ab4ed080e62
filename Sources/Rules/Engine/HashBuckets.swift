/// A frozen map from a key's 64-bit hash to rule numbers: open addressing on the hash itself
/// (already well mixed, so no second hash as `Dictionary` would compute), and every list in
/// one flat array, so a lookup is a few loads and hands back a range, with no reference counting.
struct HashBuckets: Sendable {
    /// Slot → key (0: empty). Keys are the hashes with their lowest bit set, so none is 0;
    /// two hashes that differ only there share a slot, which only costs an evaluation.
    private let keys: [UInt64]
    /// Slot → where its numbers start in `numbers` and how many (start << 32 | count).
    private let spans: [UInt64]
    let numbers: [Int32]
    private let shift: UInt64

    var isEmpty: Bool { numbers.isEmpty }

    init(_ lists: [UInt64: [Int32]]) {
        var merged: [UInt64: [Int32]] = [:]
        for (h, list) in lists { merged[h | 1, default: []] += list }
        var bits: UInt64 = 1
        while (1 << bits) < max(2, merged.count * 2) { bits += 1 }
        var keys = [UInt64](repeating: 0, count: 1 << bits)
        var spans = [UInt64](repeating: 0, count: 1 << bits)
        var numbers: [Int32] = []
        let shift = 64 - bits
        for (k, list) in merged.sorted(by: { $0.key < $1.key }) {
            var slot = Int(truncatingIfNeeded: (k &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while keys[slot] != 0 { slot = (slot + 1) & (keys.count - 1) }
            let unique = Array(Set(list)).sorted()
            keys[slot] = k
            spans[slot] = UInt64(numbers.count) << 32 | UInt64(unique.count)
            numbers += unique
        }
        self.keys = keys
        self.spans = spans
        self.numbers = numbers
        self.shift = shift
    }

    /// The positions in `numbers` of the rules filed under `hash`; empty when none.
    @inline(__always)
    func lookUp(_ hash: UInt64) -> Range<Int> {
        let k = hash | 1
        let mask = keys.count - 1
        var slot = Int(truncatingIfNeeded: (k &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let found = keys[slot]
            if found == k {
                let span = spans[slot]
                let start = Int(span >> 32)
                return start..<(start + Int(span & 0xFFFF_FFFF))
            }
            if found == 0 { return 0..<0 }
            slot = (slot + 1) & mask
        }
    }
}
