/// The keys of a tape's root object in a small open-addressing table, so that looking a field
/// up on the root costs a hash and a compare instead of a walk over every key (format
/// detection alone asks for a dozen fields a record does not have).
///
/// Built after each successful parse when the root is an object whose keys have no escapes
/// (an escaped key would need decoding to compare: such a root keeps the walk). With repeated
/// keys the first one wins, as in the walk. `find` answers `.some(nil)` for a key that is not
/// there, and nil when there is no index (the caller then walks).
struct RootIndex {
    /// Key token index + 1 per slot; 0 is empty. A power of two, at least twice the keys.
    private var slots: [Int32] = []
    private var mask = -1

    mutating func clear() { mask = -1 }

    mutating func build(_ tokens: [JSONTape.Token], _ input: [UInt8]) {
        guard let root = tokens.first, root.kind == .object else { return }
        let end = Int(root.next)
        var keys = 0
        var t = 1
        while t < end {
            if tokens[t].escaped { return }
            keys += 1
            t = JSONTape.skipValue(tokens, t + 1)
        }
        var size = 16
        while size < keys * 2 { size <<= 1 }
        if slots.count != size {
            slots = [Int32](repeating: 0, count: size)
        } else {
            slots.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        }
        let mask = size - 1
        input.withUnsafeBytes { raw in
            tokens.withUnsafeBufferPointer { toks in
                slots.withUnsafeMutableBufferPointer { slots in
                    var t = 1
                    while t < end {
                        let k = toks[t]
                        let key = UnsafeRawBufferPointer(rebasing: raw[Int(k.start)..<Int(k.end)])
                        var i = RootIndex.hash(key) & mask
                        while true {
                            let held = Int(slots[i])
                            if held == 0 { slots[i] = Int32(t + 1); break }
                            if RootIndex.same(toks[held - 1], key, raw) { break }  // a repeat: the first stays
                            i = (i + 1) & mask
                        }
                        t = JSONTape.skipValue(toks, t + 1)
                    }
                }
            }
        }
        self.mask = mask
    }

    /// The value token of `key` on the root: `.some(nil)` when absent, nil without an index.
    func find(_ key: UnsafeRawBufferPointer, _ tokens: [JSONTape.Token], _ input: [UInt8]) -> Int?? {
        guard mask >= 0 else { return nil }
        return input.withUnsafeBytes { raw in
            tokens.withUnsafeBufferPointer { toks in
                slots.withUnsafeBufferPointer { slots -> Int?? in
                    var i = RootIndex.hash(key) & mask
                    while true {
                        let held = Int(slots[i])
                        if held == 0 { return .some(nil) }
                        if RootIndex.same(toks[held - 1], key, raw) { return .some(held) }  // key + 1: the value
                        i = (i + 1) & mask
                    }
                }
            }
        }
    }

    @inline(__always) private static func same(_ k: JSONTape.Token, _ key: UnsafeRawBufferPointer, _ raw: UnsafeRawBufferPointer) -> Bool {
        Int(k.end &- k.start) == key.count && ByteScan.equal(raw.baseAddress.map { $0 + Int(k.start) }, key.baseAddress, key.count)
    }

    /// Length and the first and last eight bytes: keys of one record differ there.
    @inline(__always) static func hash(_ key: UnsafeRawBufferPointer) -> Int {
        let n = key.count
        var h = UInt64(truncatingIfNeeded: n) &* 0x9E37_79B9_7F4A_7C15
        if let p = key.baseAddress {
            if n >= 8 {
                h ^= p.loadUnaligned(as: UInt64.self)
                h = (h ^ (h >> 31)) &* 0xBF58_476D_1CE4_E5B9
                h ^= p.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            } else if n >= 4 {
                h ^= UInt64(p.loadUnaligned(as: UInt32.self)) | UInt64(p.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)) << 32
            } else {
                for i in 0..<n { h ^= UInt64(p.load(fromByteOffset: i, as: UInt8.self)) << (8 * i) }
            }
        }
        h = (h ^ (h >> 29)) &* 0x94D0_49BB_1331_11EB
        return Int(truncatingIfNeeded: h >> 32)
    }
}

extension JSONTape {
    /// The token after value `t` and its descendants.
    @inline(__always) static func skipValue(_ tokens: UnsafeBufferPointer<Token>, _ t: Int) -> Int {
        let tok = tokens[t]
        return tok.kind == .object || tok.kind == .array ? Int(tok.next) : t + 1
    }

    @inline(__always) static func skipValue(_ tokens: [Token], _ t: Int) -> Int {
        let tok = tokens[t]
        return tok.kind == .object || tok.kind == .array ? Int(tok.next) : t + 1
    }
}
