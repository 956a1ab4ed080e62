/// Builds an event's text field (`create pods/exec`, `pay/pods/api-0`) straight from tape tokens
/// and literal separators: the bytes are written once into the field's own storage, with no
/// `String` per part, no array of parts and no join. Fields of 15 bytes or less are stored
/// inline by `String`: no allocation at all.
///
/// The text is exactly the concatenation of the parts' decoded texts (`JSONTape.string`),
/// which is what `+` and `joined` of those `String`s gave.
struct TextWriter {
    fileprivate let input: UnsafeBufferPointer<UInt8>
    fileprivate let tokens: UnsafeBufferPointer<JSONTape.Token>
    fileprivate let out: UnsafeMutableBufferPointer<UInt8>
    private(set) var count = 0

    /// One ASCII byte (a separator).
    mutating func byte(_ byte: UInt8) {
        out[count] = byte
        count += 1
    }

    /// A string token's decoded text, or a number's literal.
    mutating func text(_ t: Int) {
        let tok = tokens[t]
        guard tok.kind == .string || tok.kind == .number else { return }
        let raw = UnsafeBufferPointer(rebasing: input[Int(tok.start)..<Int(tok.end)])
        if tok.kind == .string, tok.escaped {
            count += JSONTape.unescape(raw, into: UnsafeMutableBufferPointer(rebasing: out[count...]))
            return
        }
        guard let base = raw.baseAddress, !raw.isEmpty, let dst = out.baseAddress else { return }
        (dst + count).update(from: base, count: raw.count)
        count += raw.count
    }

    /// Raw bytes `range` (offsets within the content) of an unescaped string token.
    mutating func text(_ t: Int, _ range: Range<Int>) {
        let tok = tokens[t]
        guard !range.isEmpty, let dst = out.baseAddress, let src = input.baseAddress else { return }
        (dst + count).update(from: src + Int(tok.start) + range.lowerBound, count: range.count)
        count += range.count
    }
}

extension JSONTape {
    /// The most bytes `TextWriter.text(t)` writes: a string's raw length (escapes only shrink).
    @inline(__always) func textCapacity(_ t: Int?) -> Int {
        guard let t else { return 0 }
        let tok = tokens[t]
        return tok.kind == .string || tok.kind == .number ? Int(tok.end - tok.start) : 0
    }

    /// A string token when `t` is a string with at least one character (as `nonEmptyText`).
    @inline(__always) func nonEmptyString(_ t: Int?) -> Int? {
        guard let t, tokens[t].kind == .string, tokens[t].end > tokens[t].start else { return nil }
        return t
    }

    /// A text of at most `capacity` bytes written by `body`.
    func makeText(capacity: Int, _ body: (inout TextWriter) -> Void) -> String {
        input.withUnsafeBufferPointer { input in
            tokens.withUnsafeBufferPointer { tokens in
                String(unsafeUninitializedCapacity: capacity) { out in
                    var writer = TextWriter(input: input, tokens: tokens, out: out)
                    body(&writer)
                    return writer.count
                }
            }
        }
    }

    /// Where `String.firstIndex(of:)` (or `lastIndex(of:)`, with `last`) would find the ASCII
    /// delimiter `byte` (`?`, `.`, `/`) in string token `t`, read from the raw bytes.
    ///
    /// `.unsure` when bytes and characters might disagree: the token has escapes, or the
    /// delimiter has a non-ASCII byte beside it (a combining mark after it, or a prepended mark
    /// before it, would make it part of another character). Callers then take the `String` path.
    func asciiDelimiter(_ t: Int, _ byte: UInt8, last: Bool = false) -> Delimiter {
        let tok = tokens[t]
        guard !tok.escaped else { return .unsure }
        return withRawBytes(t) { raw -> Delimiter in
            guard let i = last ? raw.lastIndex(of: byte) : raw.firstIndex(of: byte) else { return .absent(length: raw.count) }
            if i > 0, raw[i - 1] >= 0x80 { return .unsure }
            if i + 1 < raw.count, raw[i + 1] >= 0x80 { return .unsure }
            return .at(i, length: raw.count)
        }
    }

    enum Delimiter {
        /// Not in the text, of `length` raw bytes.
        case absent(length: Int)
        /// At raw offset `offset`, a character of its own.
        case at(_ offset: Int, length: Int)
        case unsure
    }
}

extension JSONTape.Delimiter {
    /// The length of the text before the delimiter (all of it when absent); nil when unsure.
    var prefixLength: Int? {
        switch self {
        case .absent(let length): length
        case .at(let offset, _): offset
        case .unsure: nil
        }
    }
}
