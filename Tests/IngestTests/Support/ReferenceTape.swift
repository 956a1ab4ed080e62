// The validating parser `JSONTape` as it was before the word-wide string scan (commit 7395d07),
// kept verbatim but renamed: the oracle `JSONTapeEquivalenceTests` compares the fast parser with.
// Do not optimise it.
import Glibc

/// A validating byte-level JSON parser that writes a flat, reusable tape of tokens
/// (in the spirit of simdjson's tape): no tree, no `String`s, no Foundation.
///
/// * Containers record the index just past their last descendant, so a sibling walk is O(1) a step.
/// * Strings record the byte range between their quotes; escapes are validated while parsing
///   but decoded only when a field is extracted (`string(_:)`).
/// * Every string is checked to be well-formed UTF-8 (no overlongs, no surrogates);
///   raw control characters (including NUL) inside strings are rejected, as the grammar demands.
/// * Nesting deeper than `maxDepth` is rejected.
///
/// `input` and `tokens` keep their capacity between records: parse many records with one tape.
struct ReferenceTape {
    enum Kind: UInt8 { case object, array, string, number, trueValue, falseValue, null }

    struct Token {
        var kind: Kind
        /// String: contains a backslash escape.
        var escaped: Bool
        /// Byte offset: the opening brace, the first byte inside a string's quotes, a number's first byte.
        var start: Int32
        /// String / number: the byte offset just past the content. Containers: unused.
        var end: Int32
        /// Containers: the token index just past the container's last descendant.
        var next: Int32
    }

    var input: [UInt8] = []
    private(set) var tokens: [Token] = []
    private var stack: [Int32] = []
    var maxDepth: Int

    init(maxDepth: Int = 512) { self.maxDepth = maxDepth }

    // MARK: Parsing

    /// Parses `input` (exactly one JSON value, surrounded by optional whitespace).
    /// Returns false on any syntax error, invalid UTF-8 or excessive depth.
    mutating func parse() -> Bool {
        tokens.removeAll(keepingCapacity: true)
        stack.removeAll(keepingCapacity: true)
        guard input.count < Int(Int32.max) else { return false }
        let maxDepth = self.maxDepth
        return input.withUnsafeBufferPointer { buf -> Bool in
            var p = Parser(b: buf, depthLimit: maxDepth)
            let ok = p.run(tokens: &tokens, stack: &stack)
            return ok
        }
    }

    /// Replaces the input with `bytes` and parses it.
    mutating func parse<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        input.removeAll(keepingCapacity: true)
        input.append(contentsOf: bytes)
        return parse()
    }

    private struct Parser {
        let b: UnsafeBufferPointer<UInt8>
        let depthLimit: Int
        var i = 0

        init(b: UnsafeBufferPointer<UInt8>, depthLimit: Int) {
            self.b = b
            self.depthLimit = depthLimit
        }

        @inline(__always) mutating func skipWS() {
            while i < b.count {
                let c = b[i]
                if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { i += 1 } else { return }
            }
        }

        mutating func run(tokens: inout [Token], stack: inout [Int32]) -> Bool {
            // States: after a value we need ',' or a closer; in an object a key then ':'.
            skipWS()
            guard parseValue(&tokens, &stack) else { return false }
            while !stack.isEmpty {
                skipWS()
                guard i < b.count else { return false }
                let top = Int(stack[stack.count - 1])
                let inObject = tokens[top].kind == .object
                let c = b[i]
                if c == 0x2C {  // ,
                    i += 1
                    skipWS()
                    if inObject {
                        guard parseKey(&tokens) else { return false }
                    }
                    guard parseValue(&tokens, &stack) else { return false }
                } else if (inObject && c == 0x7D) || (!inObject && c == 0x5D) {
                    i += 1
                    tokens[top].next = Int32(tokens.count)
                    stack.removeLast()
                } else {
                    return false
                }
            }
            skipWS()
            return i == b.count
        }

        /// Parses `"key" :` inside an object.
        mutating func parseKey(_ tokens: inout [Token]) -> Bool {
            guard i < b.count, b[i] == 0x22 else { return false }
            guard parseString(&tokens) else { return false }
            skipWS()
            guard i < b.count, b[i] == 0x3A else { return false }
            i += 1
            skipWS()
            return true
        }

        /// Parses one value; an opened container is pushed and its first key (if any) consumed.
        mutating func parseValue(_ tokens: inout [Token], _ stack: inout [Int32]) -> Bool {
            guard i < b.count else { return false }
            let c = b[i]
            switch c {
            case 0x7B, 0x5B:  // { [
                guard stack.count < depthLimit else { return false }
                let kind: Kind = c == 0x7B ? .object : .array
                let index = Int32(tokens.count)
                tokens.append(Token(kind: kind, escaped: false, start: Int32(i), end: 0, next: 0))
                i += 1
                skipWS()
                guard i < b.count else { return false }
                if b[i] == (c == 0x7B ? 0x7D : 0x5D) {  // empty container
                    i += 1
                    tokens[Int(index)].next = Int32(tokens.count)
                    return true
                }
                stack.append(index)
                if kind == .object {
                    guard parseKey(&tokens) else { return false }
                }
                // The first member's value; nested containers recurse through the loop in run().
                return parseValue(&tokens, &stack)
            case 0x22:
                return parseString(&tokens)
            case 0x74:  // true
                guard literal(0x74, 0x72, 0x75, 0x65) else { return false }
                tokens.append(Token(kind: .trueValue, escaped: false, start: Int32(i - 4), end: Int32(i), next: 0))
                return true
            case 0x66:  // false
                guard i + 5 <= b.count, b[i + 1] == 0x61, b[i + 2] == 0x6C, b[i + 3] == 0x73, b[i + 4] == 0x65 else { return false }
                i += 5
                tokens.append(Token(kind: .falseValue, escaped: false, start: Int32(i - 5), end: Int32(i), next: 0))
                return true
            case 0x6E:  // null
                guard literal(0x6E, 0x75, 0x6C, 0x6C) else { return false }
                tokens.append(Token(kind: .null, escaped: false, start: Int32(i - 4), end: Int32(i), next: 0))
                return true
            default:
                return parseNumber(&tokens)
            }
        }

        @inline(__always) mutating func literal(_ a: UInt8, _ b1: UInt8, _ c: UInt8, _ d: UInt8) -> Bool {
            guard i + 4 <= b.count, b[i] == a, b[i + 1] == b1, b[i + 2] == c, b[i + 3] == d else { return false }
            i += 4
            return true
        }

        mutating func parseNumber(_ tokens: inout [Token]) -> Bool {
            let start = i
            if i < b.count, b[i] == 0x2D { i += 1 }
            guard i < b.count else { return false }
            if b[i] == 0x30 {
                i += 1
            } else if b[i] >= 0x31 && b[i] <= 0x39 {
                while i < b.count, b[i] &- 0x30 <= 9 { i += 1 }
            } else {
                return false
            }
            if i < b.count, b[i] == 0x2E {
                i += 1
                let f = i
                while i < b.count, b[i] &- 0x30 <= 9 { i += 1 }
                guard i > f else { return false }
            }
            if i < b.count, b[i] == 0x65 || b[i] == 0x45 {
                i += 1
                if i < b.count, b[i] == 0x2B || b[i] == 0x2D { i += 1 }
                let e = i
                while i < b.count, b[i] &- 0x30 <= 9 { i += 1 }
                guard i > e else { return false }
            }
            tokens.append(Token(kind: .number, escaped: false, start: Int32(start), end: Int32(i), next: 0))
            return true
        }

        @inline(__always) static func hex(_ c: UInt8) -> Bool {
            (c &- 0x30) <= 9 || ((c | 0x20) &- 0x61) <= 5
        }

        /// Validates a string starting at the opening quote: escapes, control characters, UTF-8.
        mutating func parseString(_ tokens: inout [Token]) -> Bool {
            i += 1
            let start = i
            var escaped = false
            let n = b.count
            while i < n {
                let c = b[i]
                if c == 0x22 {
                    tokens.append(Token(kind: .string, escaped: escaped, start: Int32(start), end: Int32(i), next: 0))
                    i += 1
                    return true
                }
                if c == 0x5C {
                    escaped = true
                    guard i + 1 < n else { return false }
                    switch b[i + 1] {
                    case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74:
                        i += 2
                    case 0x75:  // \uXXXX
                        guard i + 6 <= n, Parser.hex(b[i + 2]), Parser.hex(b[i + 3]), Parser.hex(b[i + 4]), Parser.hex(b[i + 5])
                        else { return false }
                        i += 6
                    default:
                        return false
                    }
                    continue
                }
                if c < 0x20 { return false }  // raw control characters, NUL included
                if c < 0x80 { i += 1; continue }
                guard validateUTF8Scalar() else { return false }
            }
            return false  // unterminated
        }

        /// Validates one multi-byte UTF-8 sequence at `i` (RFC 3629 table) and advances past it.
        @inline(__always) mutating func validateUTF8Scalar() -> Bool {
            let n = b.count
            let c0 = b[i]
            @inline(__always) func cont(_ k: Int) -> Bool { i + k < n && b[i + k] & 0xC0 == 0x80 }
            switch c0 {
            case 0xC2...0xDF:
                guard cont(1) else { return false }
                i += 2
            case 0xE0:
                guard i + 1 < n, (0xA0...0xBF).contains(b[i + 1]), cont(2) else { return false }
                i += 3
            case 0xE1...0xEC, 0xEE...0xEF:
                guard cont(1), cont(2) else { return false }
                i += 3
            case 0xED:
                guard i + 1 < n, (0x80...0x9F).contains(b[i + 1]), cont(2) else { return false }
                i += 3
            case 0xF0:
                guard i + 1 < n, (0x90...0xBF).contains(b[i + 1]), cont(2), cont(3) else { return false }
                i += 4
            case 0xF1...0xF3:
                guard cont(1), cont(2), cont(3) else { return false }
                i += 4
            case 0xF4:
                guard i + 1 < n, (0x80...0x8F).contains(b[i + 1]), cont(2), cont(3) else { return false }
                i += 4
            default:
                return false
            }
            return true
        }
    }

    // MARK: Navigation

    var isEmpty: Bool { tokens.isEmpty }

    @inline(__always) func kind(_ t: Int) -> Kind { tokens[t].kind }

    /// The index of the token after `t` and all its descendants.
    @inline(__always) func skip(_ t: Int) -> Int {
        let tok = tokens[t]
        return tok.kind == .object || tok.kind == .array ? Int(tok.next) : t + 1
    }

    /// Element indices of an array (or value indices of an object's members, if you need them).
    func elements(_ array: Int) -> [Int] {
        guard kind(array) == .array else { return [] }
        var out: [Int] = []
        var t = array + 1
        let end = Int(tokens[array].next)
        while t < end { out.append(t); t = skip(t) }
        return out
    }

    /// The first element of an array, if any.
    func first(_ array: Int) -> Int? {
        guard kind(array) == .array, array + 1 < Int(tokens[array].next) else { return nil }
        return array + 1
    }

    /// The value of `key` in object `object`.
    func value(_ object: Int, _ key: UnsafeRawBufferPointer) -> Int? {
        guard tokens[object].kind == .object else { return nil }
        let end = Int(tokens[object].next)
        var t = object + 1
        while t < end {
            if keyEquals(t, key) { return t + 1 }
            t = skip(t + 1)
        }
        return nil
    }

    func value(_ object: Int, _ key: StaticString) -> Int? {
        value(object, UnsafeRawBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
    }

    func value(_ object: Int, _ key: [UInt8]) -> Int? {
        key.withUnsafeBytes { value(object, $0) }
    }

    /// Follows a path of keys from `object`.
    func find(_ object: Int, _ keys: StaticString...) -> Int? {
        var t = object
        for k in keys {
            guard let v = value(t, k) else { return nil }
            t = v
        }
        return t
    }

    func find(_ object: Int, path: [[UInt8]]) -> Int? {
        var t = object
        for k in path {
            guard let v = value(t, k) else { return nil }
            t = v
        }
        return t
    }

    /// Compares a key (string token) with raw UTF-8 bytes, decoding only when the key has escapes.
    func keyEquals(_ t: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        let tok = tokens[t]
        if tok.escaped { return string(t).utf8.elementsEqual(key) }
        let len = Int(tok.end - tok.start)
        guard len == key.count else { return false }
        return input.withUnsafeBytes { raw in
            len == 0 || memcmp(raw.baseAddress! + Int(tok.start), key.baseAddress!, len) == 0
        }
    }

    /// True when token `t` is a string equal to `text`.
    func stringEquals(_ t: Int?, _ text: StaticString) -> Bool {
        guard let t, tokens[t].kind == .string else { return false }
        return keyEquals(t, UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// The raw bytes of a string (between its quotes, escapes not decoded) or a number.
    func withRawBytes<R>(_ t: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let tok = tokens[t]
        return input.withUnsafeBytes { raw in
            body(UnsafeRawBufferPointer(rebasing: raw[Int(tok.start)..<Int(tok.end)]))
        }
    }

    /// True when `t` is a string or a number with no characters (strings) at all.
    func isEmptyString(_ t: Int) -> Bool {
        tokens[t].kind == .string && tokens[t].start == tokens[t].end
    }

    /// The decoded text of a string token; a number's literal text; "true"/"false"; "" otherwise.
    func string(_ t: Int) -> String {
        let tok = tokens[t]
        switch tok.kind {
        case .string:
            let start = Int(tok.start), end = Int(tok.end)
            if !tok.escaped {
                return input.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) }
            }
            return input.withUnsafeBufferPointer { src in
                String(unsafeUninitializedCapacity: end - start) { dst in
                    ReferenceTape.unescape(UnsafeBufferPointer(rebasing: src[start..<end]), into: dst)
                }
            }
        case .number:
            return input.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[Int(tok.start)..<Int(tok.end)]), as: UTF8.self) }
        case .trueValue: return "true"
        case .falseValue: return "false"
        default: return ""
        }
    }

    /// A string field's text, nil when absent or not a string.
    func text(_ t: Int?) -> String? {
        guard let t, tokens[t].kind == .string else { return nil }
        return string(t)
    }

    /// A string field's text when present and non-empty.
    func nonEmptyText(_ t: Int?) -> String? {
        guard let t, tokens[t].kind == .string, tokens[t].end > tokens[t].start else { return nil }
        return string(t)
    }

    /// Decoded bytes of a string token (for a nested JSON document or a base64 payload).
    func decodedBytes(_ t: Int, into out: inout [UInt8]) {
        let tok = tokens[t]
        let start = Int(tok.start), end = Int(tok.end)
        out.removeAll(keepingCapacity: true)
        input.withUnsafeBufferPointer { src in
            let s = UnsafeBufferPointer(rebasing: src[start..<end])
            if !tok.escaped { out.append(contentsOf: s); return }
            out.append(contentsOf: repeatElement(0, count: s.count))
            let n = out.withUnsafeMutableBufferPointer { ReferenceTape.unescape(s, into: $0) }
            out.removeLast(out.count - n)
        }
    }

    /// An integer value of a number token (no fraction/exponent), or of a string holding digits.
    func int(_ t: Int?) -> Int64? {
        guard let t else { return nil }
        let tok = tokens[t]
        guard tok.kind == .number || tok.kind == .string else { return nil }
        return withRawBytes(t) { raw -> Int64? in
            var v: Int64 = 0
            var neg = false
            var i = 0
            if i < raw.count, raw[i] == 0x2D { neg = true; i += 1 }
            guard i < raw.count else { return nil }
            while i < raw.count {
                let d = raw[i] &- 0x30
                if d > 9 {
                    // Accept a fraction of zeros or an exponent-free "123.0" in numbers only.
                    if raw[i] == 0x2E, tok.kind == .number { break }
                    return nil
                }
                let (m, o1) = v.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(Int64(d))
                guard !o1, !o2 else { return nil }
                v = a
                i += 1
            }
            return neg ? -v : v
        }
    }

    /// Decodes JSON string content (validated by the parser) into `dst`; returns the byte count.
    /// Lone surrogates become U+FFFD.
    static func unescape(_ s: UnsafeBufferPointer<UInt8>, into dst: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var i = 0, o = 0
        let n = s.count
        @inline(__always) func hexValue(_ at: Int) -> UInt32 {
            var v: UInt32 = 0
            for k in at..<(at + 4) {
                let c = s[k]
                let d: UInt8 = c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x61 + 10
                v = v << 4 | UInt32(d)
            }
            return v
        }
        @inline(__always) func put(_ scalar: UInt32) {
            switch scalar {
            case 0..<0x80:
                dst[o] = UInt8(scalar); o += 1
            case 0x80..<0x800:
                dst[o] = UInt8(0xC0 | scalar >> 6); dst[o + 1] = UInt8(0x80 | scalar & 0x3F); o += 2
            case 0x800..<0x10000:
                dst[o] = UInt8(0xE0 | scalar >> 12); dst[o + 1] = UInt8(0x80 | (scalar >> 6) & 0x3F)
                dst[o + 2] = UInt8(0x80 | scalar & 0x3F); o += 3
            default:
                dst[o] = UInt8(0xF0 | scalar >> 18); dst[o + 1] = UInt8(0x80 | (scalar >> 12) & 0x3F)
                dst[o + 2] = UInt8(0x80 | (scalar >> 6) & 0x3F); dst[o + 3] = UInt8(0x80 | scalar & 0x3F); o += 4
            }
        }
        while i < n {
            let c = s[i]
            guard c == 0x5C, i + 1 < n else { dst[o] = c; o += 1; i += 1; continue }
            let e = s[i + 1]
            i += 2
            switch e {
            case 0x62: dst[o] = 0x08; o += 1
            case 0x66: dst[o] = 0x0C; o += 1
            case 0x6E: dst[o] = 0x0A; o += 1
            case 0x72: dst[o] = 0x0D; o += 1
            case 0x74: dst[o] = 0x09; o += 1
            case 0x75:
                guard i + 4 <= n else { return o }
                var u = hexValue(i)
                i += 4
                if (0xD800..<0xDC00).contains(u) {
                    if i + 6 <= n, s[i] == 0x5C, s[i + 1] == 0x75 {
                        let low = hexValue(i + 2)
                        if (0xDC00..<0xE000).contains(low) {
                            u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00)
                            i += 6
                        } else {
                            u = 0xFFFD
                        }
                    } else {
                        u = 0xFFFD
                    }
                } else if (0xDC00..<0xE000).contains(u) {
                    u = 0xFFFD
                }
                put(u)
            default: dst[o] = e; o += 1  // " \ /
            }
        }
        return o
    }
}

