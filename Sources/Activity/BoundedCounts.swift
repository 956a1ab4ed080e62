/// Counts per key, holding at most `capacity` distinct keys; later keys go to `overflow`.
/// Keeps memory per identity bounded however many distinct actions or resources it touches.
public struct BoundedCounts: Hashable, Sendable {
    public let capacity: Int
    public private(set) var counts: [String: Int] = [:]
    public private(set) var overflow: Int = 0

    public init(capacity: Int) { self.capacity = capacity }

    public var distinct: Int { counts.count }

    public mutating func add(_ key: String) {
        guard !key.isEmpty else { return }
        if let i = counts.index(forKey: key) {
            counts.values[i] += 1
        } else if counts.count < capacity {
            counts[key] = 1
        } else {
            overflow += 1
        }
    }

    /// The `n` most frequent keys, ties broken by key so output is deterministic.
    public func top(_ n: Int) -> [ActionCount] {
        counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(n)
            .map { ActionCount(action: $0.key, count: $0.value) }
    }
}

/// The first `capacity` distinct values in the order first seen (credentials, source IPs).
public struct BoundedSet: Hashable, Sendable {
    public let capacity: Int
    public private(set) var values: [String] = []

    public init(capacity: Int) { self.capacity = capacity }

    public mutating func insert(_ value: String) {
        guard !value.isEmpty, values.count < capacity, !values.contains(value) else { return }
        values.append(value)
    }
}
