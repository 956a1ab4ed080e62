/// Decodes base64url (and plain base64) without padding requirements, into `out`.
/// Returns false on a character outside both alphabets.
enum Base64URL {
    static func decode(_ s: UnsafeRawBufferPointer, into out: inout [UInt8]) -> Bool {
        out.removeAll(keepingCapacity: true)
        var acc: UInt32 = 0
        var bits = 0
        for c in s {
            let v: UInt32
            switch c {
            case 0x41...0x5A: v = UInt32(c - 0x41)
            case 0x61...0x7A: v = UInt32(c - 0x61 + 26)
            case 0x30...0x39: v = UInt32(c - 0x30 + 52)
            case 0x2D, 0x2B: v = 62  // - +
            case 0x5F, 0x2F: v = 63  // _ /
            case 0x3D: continue  // padding
            default: return false
            }
            acc = acc << 6 | v
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: acc >> UInt32(bits)))
            }
        }
        return true
    }
}
