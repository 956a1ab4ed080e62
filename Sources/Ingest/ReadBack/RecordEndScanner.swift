/// Finds where a JSON value that starts at a `{` or `[` closes: brace depth outside strings,
/// as the framer counts it. For records whose length was not recorded (a `Records` element
/// found by the decoder's fallback, an origin that knows only its line).
enum RecordEndScanner {
    /// The index just past the closing brace of the value starting at `bytes.startIndex`,
    /// or nil when it does not close within `bytes` (or does not start with `{` / `[`).
    static func end(of bytes: ArraySlice<UInt8>) -> Int? {
        guard let first = bytes.first, first == 0x7B || first == 0x5B else { return nil }
        var depth = 0
        var inString = false
        var escape = false
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let c = bytes[i]
            i += 1
            if inString {
                if escape { escape = false } else if c == 0x5C { escape = true } else if c == 0x22 { inString = false }
                continue
            }
            switch c {
            case 0x22: inString = true
            case 0x7B, 0x5B: depth += 1
            case 0x7D, 0x5D:
                depth -= 1
                if depth == 0 { return i }
            default: break
            }
        }
        return nil
    }
}
