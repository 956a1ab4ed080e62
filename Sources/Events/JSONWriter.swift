/// A minimal JSON writer straight into bytes: objects, arrays, strings, integers,
/// booleans and null, with commas placed for the caller. Strings are escaped so any
/// input (quotes, backslashes, newlines, ESC and other control bytes) stays one valid
/// JSON line: `"` and `\` are backslash-escaped, `\n` `\r` `\t` use their short forms
/// (as Vault and most encoders write them), every other byte below 0x20 and DEL become
/// `\u00XX`, U+2028 and U+2029 become `\u2028` `\u2029`. Other non-ASCII UTF-8 passes
/// through unchanged. JSON is exact, not sanitized: escaping keeps every byte of evidence
/// while no raw control reaches whoever prints the line (see `DisplaySafe` for text).
public struct JSONWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    /// One flag per open container: true until its first member is written.
    private var firstInContainer: [Bool] = []
    private var afterKey = false

    public init() { bytes.reserveCapacity(1024) }

    private mutating func separate() {
        if afterKey { afterKey = false; return }
        if let last = firstInContainer.indices.last {
            if !firstInContainer[last] { bytes.append(UInt8(ascii: ",")) }
            firstInContainer[last] = false
        }
    }

    public mutating func beginObject() { separate(); bytes.append(UInt8(ascii: "{")); firstInContainer.append(true) }
    public mutating func endObject() { firstInContainer.removeLast(); bytes.append(UInt8(ascii: "}")) }
    public mutating func beginArray() { separate(); bytes.append(UInt8(ascii: "[")); firstInContainer.append(true) }
    public mutating func endArray() { firstInContainer.removeLast(); bytes.append(UInt8(ascii: "]")) }

    public mutating func key(_ name: String) {
        separate()
        writeString(name)
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    public mutating func string(_ value: String) { separate(); writeString(value) }
    public mutating func int(_ value: Int64) { separate(); bytes.append(contentsOf: String(value).utf8) }
    public mutating func bool(_ value: Bool) { separate(); bytes.append(contentsOf: (value ? "true" : "false").utf8) }
    public mutating func null() { separate(); bytes.append(contentsOf: "null".utf8) }

    // MARK: conveniences

    public mutating func field(_ name: String, _ value: String) { key(name); string(value) }
    public mutating func field(_ name: String, _ value: Int64) { key(name); int(value) }
    public mutating func field(_ name: String, _ value: Int) { key(name); int(Int64(value)) }
    public mutating func field(_ name: String, _ value: Bool) { key(name); bool(value) }
    public mutating func nullField(_ name: String) { key(name); null() }

    public mutating func field(_ name: String, strings: [String]) {
        key(name)
        beginArray()
        for s in strings { string(s) }
        endArray()
    }

    public mutating func object(_ name: String, _ body: (inout JSONWriter) -> Void) {
        key(name)
        beginObject()
        body(&self)
        endObject()
    }

    /// A whole top-level object as one line ending in `\n`.
    public static func line(_ body: (inout JSONWriter) -> Void) -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        body(&w)
        w.endObject()
        w.bytes.append(UInt8(ascii: "\n"))
        return w.bytes
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private mutating func writeString(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        let u = s.utf8
        var i = u.startIndex
        while i != u.endIndex {
            let b = u[i]
            switch b {
            case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\\")); bytes.append(b)
            case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\")); bytes.append(b)
            case 0x0A: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "t"))
            case 0..<0x20, 0x7F:
                bytes.append(contentsOf: "\\u00".utf8)
                bytes.append(Self.hexDigits[Int(b >> 4)])
                bytes.append(Self.hexDigits[Int(b & 0xF)])
            case 0xE2:
                // U+2028 and U+2029 (E2 80 A8/A9) are valid in JSON but end a line in
                // JavaScript and in some log viewers: escaped, so one record stays one line.
                let j = u.index(after: i)
                if j != u.endIndex, u[j] == 0x80 {
                    let k = u.index(after: j)
                    if k != u.endIndex, u[k] == 0xA8 || u[k] == 0xA9 {
                        bytes.append(contentsOf: (u[k] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                        i = u.index(after: k)
                        continue
                    }
                }
                bytes.append(b)
            default: bytes.append(b)
            }
            i = u.index(after: i)
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
