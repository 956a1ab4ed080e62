import Events
import Rules

/// One parsed record as detection rules see it: values by path read straight off the parse
/// tape (no second parse, no `String`s), the record's raw bytes, and the event made of it.
///
/// It holds pointers into the tape and to the event, valid only inside `evaluate`: a rule
/// set reads the record many times per record, and a plain value of pointers costs nothing
/// to pass around where a copy of the tape's arrays and the event's strings would cost
/// reference counting at every read.
struct TapeRecord: RuleRecord {
    private let tokens: UnsafeBufferPointer<JSONTape.Token>
    private let input: UnsafeBufferPointer<UInt8>
    /// The record's object on the tape (not 0 for a `Records` element or EventBridge `detail`).
    private let root: Int
    private let eventPointer: UnsafePointer<NormalizedEvent>

    var event: NormalizedEvent { eventPointer.pointee }

    /// The rules `rules` finds matching the record at `root` of `tape`, which Ingest made `event` of.
    static func evaluate(_ rules: RuleSet, _ tape: JSONTape, _ root: Int, _ event: NormalizedEvent) -> [RuleHit] {
        tape.tokens.withUnsafeBufferPointer { tokens in
            tape.input.withUnsafeBufferPointer { input in
                withUnsafePointer(to: event) { e in
                    rules.evaluate(TapeRecord(tokens: tokens, input: input, root: root, eventPointer: e), format: event.format)
                }
            }
        }
    }

    func anyValue(at path: Rules.FieldPath, _ body: (RecordValueKind, UnsafeRawBufferPointer) -> Bool) -> Bool {
        walk(root, path.components, 0, body)
    }

    func withRawRecord<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        body(bytes(root, end: endOffset(root)))
    }

    // MARK: Tape navigation

    @inline(__always) private func skip(_ t: Int) -> Int {
        let tok = tokens[t]
        return tok.kind == .object || tok.kind == .array ? Int(tok.next) : t + 1
    }

    @inline(__always) private func bytes(from start: Int, to end: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(input)[start..<end])
    }

    /// Value `t`'s raw JSON text, to `end`.
    @inline(__always) private func bytes(_ t: Int, end: Int) -> UnsafeRawBufferPointer {
        bytes(from: Int(tokens[t].start), to: end)
    }

    /// The raw bytes between a string's quotes (escapes not decoded) or of a number.
    @inline(__always) private func rawBytes(_ t: Int) -> UnsafeRawBufferPointer {
        bytes(from: Int(tokens[t].start), to: Int(tokens[t].end))
    }

    /// Calls `body` with a key's text, unescaped when it holds escapes.
    @inline(__always) private func withKey<T>(_ k: Int, _ body: (UnsafeRawBufferPointer) -> T) -> T {
        if !tokens[k].escaped { return body(rawBytes(k)) }
        return withUnescaped(k, body)
    }

    private func withUnescaped<T>(_ t: Int, _ body: (UnsafeRawBufferPointer) -> T) -> T {
        let tok = tokens[t]
        let count = Int(tok.end - tok.start)
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(count, 1)) { dst in
            let n = JSONTape.unescape(UnsafeBufferPointer(rebasing: input[Int(tok.start)..<Int(tok.end)]), into: dst)
            return body(UnsafeRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(dst)[0..<n]))
        }
    }

    /// The value of `key` in object `object`; else whether some key starts with `key` and a
    /// dot (so a key holding dots may match the path's next names too).
    private func value(_ object: Int, _ key: [UInt8]) -> (value: Int?, dottedKey: Bool) {
        let end = Int(tokens[object].next)
        var k = object + 1
        var dotted = false
        while k < end {
            let tok = tokens[k]
            let length = Int(tok.end - tok.start)
            if !tok.escaped {
                // The common case, compared in place: equal, or the key then a dot.
                if length >= key.count, key.withUnsafeBytes({
                    ByteScan.equal(input.baseAddress.map { UnsafeRawPointer($0 + Int(tok.start)) }, $0.baseAddress, $0.count)
                }) {
                    if length == key.count { return (k + 1, false) }
                    if input[Int(tok.start) + key.count] == 0x2E { dotted = true }
                }
            } else {
                let match = withKey(k) { raw -> (equal: Bool, dotted: Bool) in
                    guard raw.count >= key.count, key.withUnsafeBytes({
                        raw.count == 0 || $0.count == 0 || memcmp(raw.baseAddress!, $0.baseAddress!, $0.count) == 0
                    }) else { return (false, false) }
                    return (raw.count == key.count, raw.count > key.count && raw[key.count] == 0x2E)
                }
                if match.equal { return (k + 1, false) }
                dotted = dotted || match.dotted
            }
            k = skip(k + 1)
        }
        return (nil, dotted)
    }

    // MARK: Paths

    private func walk(_ t: Int, _ names: [[UInt8]], _ at: Int,
                      _ body: (RecordValueKind, UnsafeRawBufferPointer) -> Bool) -> Bool {
        if at == names.count { return emitFanningOut(t, body) }
        switch tokens[t].kind {
        case .object:
            let found = value(t, names[at])
            if let v = found.value { return walk(v, names, at + 1, body) }
            if at + 1 == names.count || !found.dottedKey { return false }
            return walkDottedKeys(t, names, at, body)
        case .array:
            let end = Int(tokens[t].next)
            var e = t + 1
            while e < end {
                if walk(e, names, at, body) { return true }
                e = skip(e)
            }
            return false
        default:
            return false
        }
    }

    /// `names[at]` is not a key of object `t`: tries keys that hold dots, equal to
    /// `names[at...j]` joined by `.` (`authorization.k8s.io/decision`), compared without building them.
    private func walkDottedKeys(_ t: Int, _ names: [[UInt8]], _ at: Int,
                                _ body: (RecordValueKind, UnsafeRawBufferPointer) -> Bool) -> Bool {
        let end = Int(tokens[t].next)
        var k = t + 1
        while k < end {
            if let j = withKey(k, { joinedMatch($0, names, at) }), walk(k + 1, names, j + 1, body) { return true }
            k = skip(k + 1)
        }
        return false
    }

    /// The last name index `j > at` such that `key` equals `names[at...j]` joined by dots.
    private func joinedMatch(_ key: UnsafeRawBufferPointer, _ names: [[UInt8]], _ at: Int) -> Int? {
        var pos = 0
        var j = at
        while j < names.count {
            let name = names[j]
            guard pos + name.count <= key.count else { return nil }
            for (i, b) in name.enumerated() where key[pos + i] != b { return nil }
            pos += name.count
            if pos == key.count { return j > at ? j : nil }
            guard key[pos] == 0x2E else { return nil }
            pos += 1
            j += 1
        }
        return nil
    }

    /// A value at the end of a path: an array's elements one by one, anything else itself.
    private func emitFanningOut(_ t: Int, _ body: (RecordValueKind, UnsafeRawBufferPointer) -> Bool) -> Bool {
        guard tokens[t].kind == .array else { return emit(t, body) }
        let end = Int(tokens[t].next)
        var e = t + 1
        while e < end {
            if emit(e, body) { return true }
            e = skip(e)
        }
        return false
    }

    private func emit(_ t: Int, _ body: (RecordValueKind, UnsafeRawBufferPointer) -> Bool) -> Bool {
        switch tokens[t].kind {
        case .string:
            if !tokens[t].escaped { return body(.string, rawBytes(t)) }
            return withUnescaped(t) { body(.string, $0) }
        case .number:
            return body(.number, rawBytes(t))
        case .trueValue:
            return TapeRecord.literal("true") { body(.bool, $0) }
        case .falseValue:
            return TapeRecord.literal("false") { body(.bool, $0) }
        case .null:
            return TapeRecord.literal("null") { body(.null, $0) }
        case .object:
            return body(.object, bytes(t, end: endOffset(t)))
        case .array:
            return body(.array, bytes(t, end: endOffset(t)))
        }
    }

    private static func literal<R>(_ text: StaticString, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        body(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    // MARK: Raw text

    /// The byte offset just past value `t`. The tape does not keep where a container closes:
    /// it is found after the container's last scalar, past one closing bracket per container
    /// on the chain of last children.
    private func endOffset(_ t: Int) -> Int {
        let tok = tokens[t]
        switch tok.kind {
        case .string: return Int(tok.end) + 1
        case .number, .trueValue, .falseValue, .null: return Int(tok.end)
        case .object, .array: break
        }
        var closers = 0
        var c = t
        var pos: Int
        while true {
            closers += 1
            let next = skip(c)
            if next == c + 1 {  // empty container: its closer follows its opener
                pos = Int(tokens[c].start) + 1
                break
            }
            var last = c + 1
            while skip(last) < next { last = skip(last) }
            let kind = tokens[last].kind
            if kind == .object || kind == .array {
                c = last
                continue
            }
            pos = endOffset(last)
            break
        }
        while closers > 0 && pos < input.count {
            let ch = input[pos]
            if ch == 0x7D || ch == 0x5D { closers -= 1 }
            pos += 1
        }
        return pos
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
