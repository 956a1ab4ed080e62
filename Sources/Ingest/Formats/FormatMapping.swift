import Events

/// A log format added by an operator's mapping file: how to recognise a record and the JSON path
/// of each normalized field. Records that match become events with `SourceFormat.mapped`.
///
/// Mapped formats are tried after every built-in format (a CloudTrail record stays CloudTrail),
/// in file order; the first whose `detect` holds wins, and a detected record missing `time`,
/// `identity` or `action` is counted malformed (it is not offered to the next mapping).
///
/// ```yaml
/// formats:
///   - name: toolgateway                 # required, unique; names this format in errors
///     detect:                           # required; every condition must hold
///       has: [event.tool, event.agent_id]     # paths present (and not null)
///       equals: {source: "tool-gateway"}      # path: exact value (string, or a number's/bool's text)
///     fields:
///       time: event.at                  # required: RFC 3339 text, or epoch seconds/ms/µs/ns
///       time_unit: auto                 # epoch numbers: s | ms | us | ns | auto (default)
///       identity: event.agent_id        # required
///       action: "tool:{event.tool_server}.{event.tool}"   # required
///       resource: event.target          # optional text fields: missing → ""
///       source_ip: client.ip
///       credential: auth.key_id
///       actor: on_behalf_of
///       kind: ai_agent                  # a constant IdentityKind label, or {path, map, default}
///       decision:                       # a constant label, or:
///         path: outcome.result
///         map: {allowed: allow, blocked: deny, failed: error}   # values not listed → default
///         default: unknown              # optional; unknown unless given
/// ```
///
/// - A **path** is dot-separated keys from the record (`event.agent_id`); a key that is all digits
///   also indexes an array (`sourceIPs.0`); a key containing a dot is written in double quotes
///   (`annotations."authorization.k8s.io/decision"`, quoted as a YAML string: `'a."b.c"'`).
/// - A text field is a path; a **list** of paths, whose present, non-empty values are joined with
///   `.`; or a **template** (any text with `{path}` in it, `{{`/`}}` for literal braces), which is
///   missing when any of its paths is. Strings, numbers and booleans are text; null, objects and
///   arrays are missing. Record values are data: they are never re-read as templates.
/// - `kind` / `decision` as `{path: …}` without `map` accept the built-in labels (`ai_agent`,
///   `service`…; `allow`/`allowed`/`success`, `deny`/`denied`, `error`/`failure`…). With `map`,
///   only the listed values (compared exactly) count; numbers match by their text (`403: deny`).
/// - Unknown keys are errors: a typo never silently drops a field.
///
/// Compiled once: per record only the needed paths are looked up on the tape, with no
/// dictionaries or intermediate strings for detection and label maps.
public struct FormatMapping: Sendable {
    /// The format's name, from the file.
    public let name: String

    let detectHas: [FieldPath]
    let detectEquals: [(path: FieldPath, value: [UInt8])]
    let time: FieldPath
    let timeUnit: TimeUnit
    let identity: TextSpec
    let action: TextSpec
    let resource: TextSpec?
    let sourceIP: TextSpec?
    let credential: TextSpec?
    let actor: TextSpec?
    let kind: LabelSpec<IdentityKind>
    let decision: LabelSpec<Decision>

    enum TimeUnit: String, Sendable, CaseIterable {
        case auto, s, ms, us, ns
    }

    /// A text field: one path, a list joined with `.`, or a template.
    enum TextSpec: Sendable {
        case path(FieldPath)
        case join([FieldPath])
        case template([TemplatePart])
    }

    enum TemplatePart: Sendable {
        case literal(String)
        case path(FieldPath)
    }

    /// `kind` and `decision`: a constant, or a looked-up value read through a map or the built-in labels.
    enum LabelSpec<Label: Sendable>: Sendable {
        case constant(Label)
        case lookup(FieldPath, map: [(key: [UInt8], label: Label)]?, otherwise: Label)
    }

    // MARK: Per record

    /// True when every `detect` condition holds for the object at `r`.
    func matches(_ t: JSONTape, _ r: Int) -> Bool {
        for p in detectHas {
            guard let v = p.lookup(t, r), t.kind(v) != .null else { return false }
        }
        for (p, value) in detectEquals {
            guard let v = p.lookup(t, r), FormatMapping.isScalar(t, v),
                  value.withUnsafeBytes({ t.keyEquals(v, $0) })
            else { return false }
        }
        return true
    }

    /// Maps a detected record. Missing or unparseable time, identity or action → malformed.
    func map(_ t: JSONTape, _ r: Int, origin: EventOrigin) -> MapResult {
        guard let tv = time.lookup(t, r), let time = FormatMapping.time(t, tv, unit: timeUnit),
              let identity = FormatMapping.text(identity, t, r), !identity.isEmpty,
              let action = FormatMapping.text(action, t, r), !action.isEmpty
        else { return .malformed }
        @inline(__always) func optional(_ spec: TextSpec?) -> String {
            guard let spec else { return "" }
            return FormatMapping.text(spec, t, r) ?? ""
        }
        return .event(NormalizedEvent(
            time: time, identity: identity,
            identityKind: FormatMapping.label(kind, t, r, parse: IdentityKind.init(label:)),
            action: action, resource: optional(resource),
            decision: FormatMapping.label(decision, t, r, parse: Decision.init(label:)),
            sourceIP: optional(sourceIP), credentialID: optional(credential),
            format: .mapped, origin: origin, actor: optional(actor)))
    }

    /// Strings, numbers and booleans have a text; null, objects and arrays do not.
    @inline(__always) static func isScalar(_ t: JSONTape, _ v: Int) -> Bool {
        switch t.kind(v) {
        case .string, .number, .trueValue, .falseValue: true
        case .object, .array, .null: false
        }
    }

    static func scalarText(_ t: JSONTape, _ v: Int?) -> String? {
        guard let v, isScalar(t, v) else { return nil }
        return t.string(v)
    }

    static func text(_ spec: TextSpec, _ t: JSONTape, _ r: Int) -> String? {
        switch spec {
        case .path(let p):
            return scalarText(t, p.lookup(t, r))
        case .join(let paths):
            var out: String?
            for p in paths {
                guard let s = scalarText(t, p.lookup(t, r)), !s.isEmpty else { continue }
                if out == nil { out = s } else { out! += "." + s }
            }
            return out
        case .template(let parts):
            var out = ""
            for part in parts {
                switch part {
                case .literal(let s): out += s
                case .path(let p):
                    guard let s = scalarText(t, p.lookup(t, r)) else { return nil }
                    out += s
                }
            }
            return out
        }
    }

    static func label<L: Sendable>(_ spec: LabelSpec<L>, _ t: JSONTape, _ r: Int, parse: (String) -> L?) -> L {
        switch spec {
        case .constant(let l):
            return l
        case .lookup(let path, let map, let otherwise):
            guard let v = path.lookup(t, r), isScalar(t, v) else { return otherwise }
            if let map {
                for entry in map where entry.key.withUnsafeBytes({ t.keyEquals(v, $0) }) { return entry.label }
                return otherwise
            }
            return parse(t.string(v)) ?? otherwise
        }
    }

    /// RFC 3339 text, or an epoch number (or a string of one) in `unit`.
    static func time(_ t: JSONTape, _ v: Int, unit: TimeUnit) -> EventTime? {
        switch t.kind(v) {
        case .number:
            return t.withRawBytes(v) { epoch($0, unit: unit) }
        case .string:
            if t.tokens[v].escaped { return TimestampParser.parse(t.string(v)) }
            return t.withRawBytes(v) { b in
                b.first.map({ $0 &- 0x30 <= 9 || $0 == 0x2D }) == true && !b.contains(0x3A)  // no ':' → not a date-time
                    ? epoch(b, unit: unit) : TimestampParser.parse(b)
            }
        default:
            return nil
        }
    }

    /// `-?digits(.digits)?` in `unit` → microseconds; nil on overflow or anything else (exponents).
    /// `auto`: seconds below 10^11 (year 5138), milliseconds below 10^14, microseconds below 10^17,
    /// else nanoseconds.
    static func epoch(_ b: UnsafeRawBufferPointer, unit: TimeUnit) -> EventTime? {
        var i = 0
        let negative = i < b.count && b[i] == 0x2D
        if negative { i += 1 }
        var whole: Int64 = 0
        let digitsStart = i
        while i < b.count, b[i] &- 0x30 <= 9 {
            let (m, o1) = whole.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int64(b[i] &- 0x30))
            guard !o1, !o2 else { return nil }
            whole = a
            i += 1
        }
        guard i > digitsStart else { return nil }
        let fractionStart: Int
        if i < b.count, b[i] == 0x2E {
            i += 1
            fractionStart = i
            while i < b.count, b[i] &- 0x30 <= 9 { i += 1 }
            guard i > fractionStart else { return nil }
        } else {
            fractionStart = i
        }
        guard i == b.count else { return nil }

        var resolved = unit
        if unit == .auto {
            resolved = whole < 100_000_000_000 ? .s : whole < 100_000_000_000_000 ? .ms
                : whole < 100_000_000_000_000_000 ? .us : .ns
        }
        // Microseconds per unit, or (ns) a divisor; fraction digits kept to microsecond precision.
        let perUnit: Int64, fractionDigits: Int
        switch resolved {
        case .s: perUnit = 1_000_000; fractionDigits = 6
        case .ms: perUnit = 1000; fractionDigits = 3
        case .us: perUnit = 1; fractionDigits = 0
        case .ns, .auto: perUnit = 0; fractionDigits = 0
        }
        var micros: Int64
        if perUnit == 0 {
            micros = whole / 1000
        } else {
            let (m, o) = whole.multipliedReportingOverflow(by: perUnit)
            guard !o else { return nil }
            micros = m
            var scale = perUnit
            var k = fractionStart
            for _ in 0..<fractionDigits {
                scale /= 10
                guard k < b.count, b[k] &- 0x30 <= 9 else { break }
                // `9223372036854.999999` s: the whole part fits, the fraction does not.
                let (sum, o) = micros.addingReportingOverflow(Int64(b[k] &- 0x30) * scale)
                guard !o else { return nil }
                micros = sum
                k += 1
            }
        }
        return EventTime(microseconds: negative ? -micros : micros)
    }
}

/// A compiled key path: looked up on the tape with no allocation.
struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    struct Step: Sendable, Hashable {
        var key: [UInt8]
        /// Set when the key is all digits: used when the value at this step is an array.
        var index: Int?
    }

    var steps: [Step]
    /// As written in the mapping file.
    var description: String

    func lookup(_ t: JSONTape, _ root: Int) -> Int? {
        var cur = root
        for step in steps {
            switch t.kind(cur) {
            case .object:
                guard let v = t.value(cur, step.key) else { return nil }
                cur = v
            case .array:
                guard let index = step.index else { return nil }
                var e = cur + 1
                let end = t.skip(cur)
                var n = 0
                while e < end, n < index { e = t.skip(e); n += 1 }
                guard e < end else { return nil }
                cur = e
            default:
                return nil
            }
        }
        return cur
    }

    /// Parses `a.b."c.d".0`.
    static func parse(_ text: String) -> Result<FieldPath, PathError> {
        var steps: [Step] = []
        var key: [UInt8] = []
        var quoted = false, wasQuoted = false
        func finish() -> Bool {
            guard !key.isEmpty else { return false }
            let isDigits = !wasQuoted && key.allSatisfy { $0 &- 0x30 <= 9 } && key.count <= 9
            steps.append(Step(key: key, index: isDigits ? Int(String(decoding: key, as: UTF8.self)) : nil))
            key = []
            wasQuoted = false
            return true
        }
        for c in text.utf8 {
            if quoted {
                if c == 0x22 { quoted = false } else { key.append(c) }
            } else if c == 0x22 {
                guard key.isEmpty, !wasQuoted else { return .failure(PathError("a quote may only wrap a whole key")) }
                quoted = true
                wasQuoted = true
            } else if c == 0x2E {
                guard finish() else { return .failure(PathError("empty key in path \"\(text)\"")) }
            } else {
                guard !wasQuoted else { return .failure(PathError("a quote may only wrap a whole key")) }
                key.append(c)
            }
        }
        if quoted { return .failure(PathError("unterminated quote in path \"\(text)\"")) }
        guard finish() else {
            return .failure(PathError(text.isEmpty ? "expected a path" : "empty key in path \"\(text)\""))
        }
        return .success(FieldPath(steps: steps, description: text))
    }

    struct PathError: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }
}
