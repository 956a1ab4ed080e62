import Events

/// Counts over a sliding window of fixed slots on event time (e.g. 60 one-second slots,
/// or 60 one-minute slots). Memory is fixed at creation; old slots are reused as time
/// moves on, so a replay of a day costs no more than a minute.
public struct SlidingCounter: Hashable, Sendable {
    public let slotMicros: Int64
    private var counts: [UInt32]
    /// Index (time / slotMicros) of the newest slot that has been touched.
    private var head: Int64 = Int64.min

    public init(slots: Int, slotSeconds: Int64) {
        // Slots are sized by code, never by input; a slot of over a year is a programming error.
        precondition(slots > 0 && slotSeconds > 0 && slotSeconds <= 366 * 86_400)
        counts = Array(repeating: 0, count: slots)
        slotMicros = slotSeconds * 1_000_000
    }

    public var slots: Int { counts.count }

    @inline(__always)
    private func slotIndex(_ t: EventTime) -> Int64 { t.microseconds.floorDivided(by: slotMicros) }

    /// Adds `n` at time `t`. Events older than the window are dropped (they cannot change it).
    public mutating func add(_ t: EventTime, _ n: UInt32 = 1) {
        let s = slotIndex(t)
        let n64 = Int64(counts.count)
        if head == Int64.min {
            head = s
        } else if s > head {
            let gap = s - head
            if gap >= n64 {
                for i in counts.indices { counts[i] = 0 }
            } else {
                var k = head + 1
                while k <= s { counts[Int(k.positiveModulo(n64))] = 0; k += 1 }
            }
            head = s
        } else if s <= head - n64 {
            return
        }
        let i = Int(s.positiveModulo(n64))
        counts[i] = counts[i] &+ n
    }

    /// The sum over the `last` slots ending at the slot containing `now` (inclusive).
    public func sum(last: Int, endingAt now: EventTime) -> Int {
        guard head != Int64.min else { return 0 }
        let n64 = Int64(counts.count)
        let end = min(slotIndex(now), head)
        let start = max(slotIndex(now) - Int64(min(last, counts.count)) + 1, head - n64 + 1)
        guard start <= end else { return 0 }
        var total = 0
        var k = start
        while k <= end { total += Int(counts[Int(k.positiveModulo(n64))]); k += 1 }
        return total
    }

    /// Every slot's count, oldest first, for the window ending at `now` (zeros where nothing happened).
    public func series(endingAt now: EventTime) -> [Int] {
        let n64 = Int64(counts.count)
        let last = slotIndex(now)
        return (0..<n64).map { offset in
            let k = last - n64 + 1 + offset
            guard head != Int64.min, k <= head, k > head - n64 else { return 0 }
            return Int(counts[Int(k.positiveModulo(n64))])
        }
    }
}

extension Int64 {
    @inline(__always)
    func floorDivided(by d: Int64) -> Int64 {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }

    @inline(__always)
    func positiveModulo(_ m: Int64) -> Int64 {
        let r = self % m
        return r < 0 ? r + m : r
    }
}
