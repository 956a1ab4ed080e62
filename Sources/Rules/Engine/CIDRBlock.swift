/// An IPv4 or IPv6 network (`10.0.0.0/8`, `2001:db8::/32`) for the `cidr` modifier.
/// Addresses are parsed by hand from the record's bytes: no `String`, no Foundation.
struct CIDRBlock: Sendable, Hashable {
    /// 4 or 16 bytes, the bits past `prefix` cleared.
    let network: [UInt8]
    let prefix: Int

    init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let address = Array(parts[0].utf8).withUnsafeBytes({ CIDRBlock.parseAddress($0) })
        else { return nil }
        let bits = address.count * 8
        var prefix = bits
        if parts.count == 2 {
            guard let p = Int(parts[1]), p >= 0, p <= bits else { return nil }
            prefix = p
        }
        self.prefix = prefix
        network = CIDRBlock.masked(address, prefix)
    }

    static func masked(_ a: [UInt8], _ prefix: Int) -> [UInt8] {
        var out = a
        for i in 0..<out.count {
            let keep = max(0, min(8, prefix - i * 8))
            out[i] &= keep == 8 ? 0xFF : ~(UInt8(0xFF) >> keep)
        }
        return out
    }

    /// True when `s` is an address (of the same family) inside the network.
    /// An IPv4-mapped IPv6 address (`::ffff:10.1.2.3`) counts as its IPv4 address.
    func contains(_ s: UnsafeRawBufferPointer) -> Bool {
        guard var a = CIDRBlock.parseAddress(s) else { return false }
        if network.count == 4, a.count == 16, a[0..<10].allSatisfy({ $0 == 0 }), a[10] == 0xFF, a[11] == 0xFF {
            a = Array(a[12..<16])
        }
        guard a.count == network.count else { return false }
        var bits = prefix
        var i = 0
        while bits > 0 {
            let keep = min(8, bits)
            let mask: UInt8 = keep == 8 ? 0xFF : ~(UInt8(0xFF) >> keep)
            if a[i] & mask != network[i] { return false }
            bits -= keep
            i += 1
        }
        return true
    }

    /// 4 bytes for dotted IPv4, 16 for IPv6 (with `::` and an embedded IPv4 tail); a zone
    /// (`%eth0`) is ignored. nil for anything else.
    static func parseAddress(_ s: UnsafeRawBufferPointer) -> [UInt8]? {
        var end = s.count
        if let pct = s.firstIndex(of: 0x25) { end = pct }  // %zone
        guard end > 0 else { return nil }
        if s[0..<end].contains(0x3A) { return parseIPv6(UnsafeRawBufferPointer(rebasing: s[0..<end])) }
        return parseIPv4(UnsafeRawBufferPointer(rebasing: s[0..<end]))
    }

    static func parseIPv4(_ s: UnsafeRawBufferPointer) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(4)
        var value = 0, digits = 0
        for c in s {
            if c == 0x2E {
                guard digits > 0, out.count < 3 else { return nil }
                out.append(UInt8(value))
                value = 0
                digits = 0
            } else {
                let d = Int(c &- 0x30)
                guard d <= 9, digits < 3 else { return nil }
                value = value * 10 + d
                guard value <= 255 else { return nil }
                digits += 1
            }
        }
        guard digits > 0, out.count == 3 else { return nil }
        out.append(UInt8(value))
        return out
    }

    static func parseIPv6(_ s: UnsafeRawBufferPointer) -> [UInt8]? {
        var head: [UInt16] = [], tail: [UInt16] = []
        var sawGap = false
        var i = 0
        let n = s.count
        if n >= 2, s[0] == 0x3A, s[1] == 0x3A { sawGap = true; i = 2 }
        while i < n {
            // An IPv4 tail: the rest holds a dot.
            var j = i
            while j < n, s[j] != 0x3A { j += 1 }
            let group = UnsafeRawBufferPointer(rebasing: s[i..<j])
            if group.contains(0x2E) {
                guard j == n, let v4 = parseIPv4(group) else { return nil }
                let words = [UInt16(v4[0]) << 8 | UInt16(v4[1]), UInt16(v4[2]) << 8 | UInt16(v4[3])]
                if sawGap { tail += words } else { head += words }
                i = n
                break
            }
            guard group.count >= 1, group.count <= 4 else { return nil }
            var v: UInt16 = 0
            for c in group {
                let d: UInt8
                switch c {
                case 0x30...0x39: d = c - 0x30
                case 0x61...0x66: d = c - 0x61 + 10
                case 0x41...0x46: d = c - 0x41 + 10
                default: return nil
                }
                v = v << 4 | UInt16(d)
            }
            if sawGap { tail.append(v) } else { head.append(v) }
            i = j
            if i < n {  // at ':'
                if i + 1 < n, s[i + 1] == 0x3A {
                    guard !sawGap else { return nil }
                    sawGap = true
                    i += 2
                } else {
                    i += 1
                    guard i < n else { return nil }
                }
            }
        }
        let count = head.count + tail.count
        if sawGap { guard count <= 7 else { return nil } } else { guard count == 8 else { return nil } }
        let words = head + [UInt16](repeating: 0, count: 8 - count) + tail
        var out: [UInt8] = []
        out.reserveCapacity(16)
        for w in words { out.append(UInt8(w >> 8)); out.append(UInt8(w & 0xFF)) }
        return out
    }
}
