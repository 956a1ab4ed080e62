/// Small, pure helpers of the signal detectors: stable fingerprints, bounded fingerprint
/// sets, network grouping of source addresses, and the shortening of names in reasons.

/// FNV-1a over UTF-8: stable across runs and processes (Swift's `Hasher` is seeded per
/// process), so a replay learns exactly the same baseline as the live stream did.
@inline(__always)
func fingerprint(_ s: String) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in s.utf8 {
        h ^= UInt64(b)
        h = h &* 0x0000_0100_0000_01b3
    }
    return h
}

/// A sorted array of at most `capacity` fingerprints: 8 bytes per member, no per-process
/// hashing, deterministic. Past capacity, `insert` refuses (the caller decides what that means).
struct FingerprintSet: Hashable, Sendable {
    let capacity: Int
    private(set) var members: [UInt64] = []

    init(capacity: Int) { self.capacity = capacity }

    var count: Int { members.count }
    var isFull: Bool { members.count >= capacity }

    private func position(_ f: UInt64) -> Int {
        var lo = 0, hi = members.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if members[mid] < f { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    func contains(_ f: UInt64) -> Bool {
        let i = position(f)
        return i < members.count && members[i] == f
    }

    /// True when `f` is a member afterwards.
    @discardableResult
    mutating func insert(_ f: UInt64) -> Bool {
        let i = position(f)
        if i < members.count && members[i] == f { return true }
        guard members.count < capacity else { return false }
        if members.isEmpty { members.reserveCapacity(min(capacity, 16)) }
        members.insert(f, at: i)
        return true
    }

    var approximateBytes: Int { members.capacity * 8 }
}

enum SignalText {
    /// The network a source belongs to: IPv4 → its /24, IPv6 → its /48, anything else (an
    /// AWS service name, `AWS Internal`, a host name) → itself, shortened. Empty → nil.
    static func network(_ source: String) -> String? {
        var s = Substring(source)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        guard !s.isEmpty else { return nil }
        if let v4 = ipv4(s) { return "\(v4.0).\(v4.1).\(v4.2).0/24" }
        if s.first == "[", let close = s.firstIndex(of: "]") { s = s[s.index(after: s.startIndex)..<close] }
        if let pct = s.firstIndex(of: "%") { s = s[..<pct] }
        if let groups = ipv6(s) {
            if groups[0] == 0, groups[1] == 0, groups[2] == 0, groups[3] == 0, groups[4] == 0, groups[5] == 0xffff {
                return "\(groups[6] >> 8).\(groups[6] & 0xff).\(groups[7] >> 8).0/24"  // IPv4-mapped
            }
            return String(groups[0], radix: 16) + ":" + String(groups[1], radix: 16) + ":"
                + String(groups[2], radix: 16) + "::/48"
        }
        return middle(String(s), max: 64)
    }

    static func ipv4(_ s: Substring) -> (Int, Int, Int, Int)? {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var v: [Int] = []
        for p in parts {
            guard !p.isEmpty, p.count <= 3, p.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(p), n <= 255 else { return nil }
            v.append(n)
        }
        return (v[0], v[1], v[2], v[3])
    }

    /// Eight 16-bit groups, or nil if `s` is not an IPv6 address (embedded IPv4 tails allowed).
    static func ipv6(_ s: Substring) -> [UInt16]? {
        guard s.contains(":"), s.count <= 45 else { return nil }
        func groups(_ part: Substring) -> [UInt16]? {
            if part.isEmpty { return [] }
            var out: [UInt16] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (i, p) in pieces.enumerated() {
                if i == pieces.count - 1, p.contains("."), let v4 = ipv4(p) {
                    out.append(UInt16(v4.0 << 8 | v4.1))
                    out.append(UInt16(v4.2 << 8 | v4.3))
                    continue
                }
                guard !p.isEmpty, p.count <= 4, let g = UInt16(p, radix: 16) else { return nil }
                out.append(g)
            }
            return out
        }
        // Split at the one "::" if there is one.
        var gap: (Substring.Index, Substring.Index)? = nil
        var i = s.startIndex
        while i < s.endIndex {
            let j = s.index(after: i)
            if s[i] == ":", j < s.endIndex, s[j] == ":" {
                guard gap == nil else { return nil }
                gap = (i, s.index(after: j))
                i = s.index(after: j)
            } else {
                i = j
            }
        }
        guard let (a, b) = gap else {
            guard let g = groups(s), g.count == 8 else { return nil }
            return g
        }
        guard let head = groups(s[..<a]), let tail = groups(s[b...]), head.count + tail.count <= 7 else { return nil }
        return head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
    }

    /// Long names keep their head and their tail (ARNs differ at the end): `arn:aws:iam::1…role/ci`.
    static func middle(_ s: String, max: Int = 48) -> String {
        guard s.count > max, max >= 5 else { return s }
        let tail = (max - 1) / 2
        let head = max - 1 - tail
        return String(s.prefix(head)) + "…" + String(s.suffix(tail))
    }

    /// A credential as analysts write it: the first and last four, `AKIA…MPLE`.
    static func credential(_ s: String) -> String {
        s.count <= 12 ? s : String(s.prefix(4)) + "…" + String(s.suffix(4))
    }

    /// `0.2`, `3`, `12.5`: rates in reasons, one decimal below 10.
    static func rate(_ x: Double) -> String {
        if x >= 10 { return String(Int(x.rounded())) }
        let tenths = Int((x * 10).rounded())
        return tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10).\(tenths % 10)"
    }

    /// The service an action belongs to: `iam` for `iam:ListUsers`, `pods` for `list pods`,
    /// `secret` for Vault's `list secret/metadata/app`.
    static func service(of action: String) -> String {
        if let space = action.firstIndex(of: " ") {
            let rest = action[action.index(after: space)...].drop { $0 == "/" }
            let first = rest.split(separator: "/", maxSplits: 1).first.map(String.init) ?? String(rest)
            return String(first.prefix(15))
        }
        if let colon = action.firstIndex(of: ":") { return String(action[..<colon].prefix(15)) }
        return String(action.prefix(15))
    }

    /// List/describe/get style: AWS `List*`, `Describe*`, `Get*`; k8s `list`/`get`; Vault `list`/`read`.
    static func isEnumeration(_ action: String) -> Bool {
        if let space = action.firstIndex(of: " ") {
            let verb = action[..<space].lowercased()
            return verb == "list" || verb == "get" || verb == "read"
        }
        let op = action.firstIndex(of: ":").map { action[action.index(after: $0)...] } ?? Substring(action)
        return op.hasPrefix("List") || op.hasPrefix("Describe") || op.hasPrefix("Get")
    }

    /// A write verb: Create/Put/Delete/Attach/Update… (AWS) or create/delete/patch/update (k8s, Vault).
    static func isWrite(_ action: String) -> Bool {
        if let space = action.firstIndex(of: " ") {
            let verb = action[..<space].lowercased()
            return ["create", "delete", "deletecollection", "patch", "update", "write", "put", "post", "destroy"].contains(verb)
        }
        let op = action.firstIndex(of: ":").map { action[action.index(after: $0)...] } ?? Substring(action)
        for p in ["Create", "Put", "Delete", "Attach", "Detach", "Update", "Modify", "Add", "Remove", "Set", "Enable", "Disable", "Stop", "Revoke", "Authorize"]
        where op.hasPrefix(p) { return true }
        return false
    }

    /// `41 min`, `5 h`, `3.5 days`, `40 days`: durations in reasons.
    static func duration(_ micros: Int64) -> String {
        let minutes = Double(micros) / 60_000_000
        if minutes < 120 { return "\(Int(minutes.rounded())) min" }
        let hours = minutes / 60
        if hours < 48 { return "\(Int(hours.rounded())) h" }
        let d = hours / 24
        return d >= 10 ? "\(Int(d.rounded())) days" : "\(rate(d)) days"
    }
}
