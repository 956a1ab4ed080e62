import Events
import Foundation

/// Renders each `Scenario` event back into the raw record its real log would hold, one JSON
/// line each, so that detection rules, which read the raw record, can run on the scenario:
/// CloudTrail records (userIdentity by identity kind, requestParameters and `resources` where
/// the real API puts them, errorCode for denies and errors), Kubernetes audit events at
/// ResponseComplete, Vault audit response entries, OPA decision logs, GitHub audit-log events,
/// and nhitop's own lines for API keys, CI jobs and services.
///
/// Deterministic: every random-looking id comes from a generator seeded by the event's line.
/// The incidents' own calls (found by replaying the generator's incident injection) carry the
/// attacker's tooling where a record shows it (an aws-cli user agent, kubectl, an interactive shell).
struct ScenarioRender {
    struct Record {
        let format: SourceFormat
        let line: [UInt8]
        /// What the record carries as nhitop's resource: the scenario's resource for every format
        /// but CloudTrail, where some APIs name only the last part of it (`userName` for an IAM
        /// user ARN) or do not name it at all (`logGroupName`, an Athena workgroup): then "".
        let resource: String
    }

    /// Events the generator's incident injection made (time, identity, action, resource).
    let injected: Set<String>
    /// Per-identity blocks (userIdentity, a k8s user, a Vault auth), built once.
    private let memo = Memo()

    final class Memo {
        var blocks: [String: (RawJSON, String)] = [:]
    }

    func memoized(_ key: String, _ make: () -> (RawJSON, String)) -> (RawJSON, String) {
        if let hit = memo.blocks[key] { return hit }
        let made = make()
        memo.blocks[key] = made
        return made
    }

    init(seed: UInt64 = 0x5CE7_A210, end: EventTime) {
        injected = Set(Scenario.injectedEvents(seed: seed, end: end).map(ScenarioRender.key))
    }

    static func key(_ e: NormalizedEvent) -> String {
        "\(e.time.microseconds)|\(e.identity)|\(e.action)|\(e.resource)"
    }

    /// Every event of `scenario`, in its order.
    static func render(_ scenario: Scenario) -> [Record] {
        let r = ScenarioRender(end: scenario.end)
        return scenario.events.map { r.record($0) }
    }

    func record(_ e: NormalizedEvent) -> Record {
        var rng = SplitMix64(seed: UInt64(bitPattern: e.origin.line) &* 0x9E37_79B9_7F4A_7C15 ^ 0x5CE7_5EED)
        let attack = injected.contains(Self.key(e))
        switch e.format {
        case .cloudtrail:
            let (json, carried) = cloudTrail(e, attack: attack, &rng)
            return Record(format: e.format, line: json.line, resource: carried)
        case .k8sAudit: return Record(format: e.format, line: kubernetes(e, attack: attack, &rng).line, resource: e.resource)
        case .vault: return Record(format: e.format, line: vault(e, &rng).line, resource: e.resource)
        case .opa: return Record(format: e.format, line: opa(e, &rng).line, resource: e.resource)
        case .github: return Record(format: e.format, line: github(e, &rng).line, resource: e.resource)
        default: return Record(format: e.format, line: native(e).line, resource: e.resource)
        }
    }
}

// MARK: - The incidents' own events

extension Scenario {
    /// The events `generate(seed:)` injects for its incidents, replayed the way it makes them.
    static func injectedEvents(seed: UInt64, end: EventTime) -> [NormalizedEvent] {
        var setup = SplitMix64(seed: seed)
        _ = backgroundPersonas(&setup)
        let victims = incidentPersonas(&setup)
        var rng = SplitMix64(seed: seed ^ 0xBAD_C0DE)
        return victims.flatMap { $0.inject(&rng, end) }
    }
}

// MARK: - A JSON value, written by JSONWriter

/// A record as a value, so each format can be described as data and written in one place.
indirect enum RawJSON {
    case s(String), n(Int64), b(Bool), o([(String, RawJSON)]), a([RawJSON]), null

    var line: [UInt8] {
        var w = JSONWriter()
        w.write(self)
        return w.bytes + [UInt8(ascii: "\n")]
    }
}

extension JSONWriter {
    /// Writes `v` (a whole record, or a value after `key`).
    mutating func write(_ v: RawJSON) {
        switch v {
        case .s(let x): string(x)
        case .n(let x): int(x)
        case .b(let x): bool(x)
        case .null: null()
        case .a(let xs):
            beginArray()
            for x in xs { write(x) }
            endArray()
        case .o(let fields):
            beginObject()
            for (k, x) in fields {
                key(k)
                write(x)
            }
            endObject()
        }
    }
}

// MARK: - Shared helpers

/// Ids drawn straight into bytes: the scenario's quarter of a million records are rendered
/// once per test run, and String-by-Character building made that the slowest part.
extension SplitMix64 {
    static let hexDigits = Array("0123456789abcdef".utf8)
    static let base32Digits = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    mutating func idDraw(_ n: Int, _ alphabet: [UInt8], bits: Int) -> String {
        var out = [UInt8](repeating: 0, count: n)
        var pool = next(), left = 64 / bits
        for i in 0..<n {
            if left == 0 { pool = next(); left = 64 / bits }
            out[i] = alphabet[Int(pool & UInt64(alphabet.count - 1))]
            pool >>= UInt64(bits)
            left -= 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    mutating func idHex(_ n: Int) -> String { idDraw(n, Self.hexDigits, bits: 4) }
    mutating func idBase32(_ n: Int) -> String { idDraw(n, Self.base32Digits, bits: 5) }
    mutating func idUUID() -> String { "\(idHex(8))-\(idHex(4))-4\(idHex(3))-a\(idHex(3))-\(idHex(12))" }
    mutating func idDigits(_ n: Int) -> String { String(below(Int(idPow10(n)))).idLeftPadded(n) }

    private func idPow10(_ n: Int) -> Int64 { (0..<n).reduce(1) { r, _ in r * 10 } }
}

private extension String {
    func idLeftPadded(_ n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}

/// Text and id helpers the format renderers share.
enum RenderText {
    /// A stable number for a name: the same name always gives the same ids.
    static func seed(_ s: String) -> UInt64 {
        s.utf8.reduce(14_695_981_039_346_656_037 as UInt64) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }
    }

    static func stable(_ s: String) -> SplitMix64 { SplitMix64(seed: seed(s)) }

    /// `2026-11-24T08:00:00.123456789Z`: microseconds plus three digits, as Vault and OPA write.
    static func nanos(_ t: EventTime, _ rng: inout SplitMix64) -> String {
        String(t.iso8601Micros.dropLast()) + rng.idDigits(3) + "Z"
    }

    /// Text after the last `sep`, or all of it.
    static func last(_ s: String, after sep: String) -> String {
        guard let r = s.range(of: sep, options: .backwards) else { return s }
        return String(s[r.upperBound...])
    }

    /// Text after the first `marker`, or nil.
    static func after(_ s: String, _ marker: String) -> String? {
        s.range(of: marker).map { String(s[$0.upperBound...]) }
    }

    /// `CreateAccessKey` → `create-access-key`, as aws-cli names its commands.
    static func kebab(_ s: String) -> String {
        var out = ""
        for (i, c) in s.enumerated() {
            if c.isUppercase, i > 0 { out.append("-") }
            out.append(contentsOf: c.lowercased())
        }
        return out
    }
}
