import Events

/// An attack the demo injected into the background traffic: what to look for on screen,
/// and what tests assert on.
public struct DemoIncident: Hashable, Sendable {
    /// The catalogue entry, e.g. `leaked-iam-key`, `k8s-sa-escalation`.
    public var kind: String
    /// The identity as a parser derives it: an IAM user/role ARN, a
    /// `system:serviceaccount:NS:NAME`, a Vault display name, an agent id, a GitHub actor,
    /// or a native identity.
    public var identity: String
    public var identityKind: IdentityKind
    public var format: SourceFormat
    /// Event time of the first and last scripted action.
    public var start: EventTime
    public var end: EventTime
    public var description: String

    public init(kind: String, identity: String, identityKind: IdentityKind, format: SourceFormat,
                start: EventTime, end: EventTime, description: String) {
        self.kind = kind
        self.identity = identity
        self.identityKind = identityKind
        self.format = format
        self.start = start
        self.end = end
        self.description = description
    }
}

/// A scripted incident in progress: timed events, consumed in order by the scheduler.
struct DemoScript: Sendable {
    var steps: [(time: Int64, event: DemoEvent)]
    var cursor = 0
    var rng: DemoRandom

    var nextTime: Int64? { cursor < steps.count ? steps[cursor].time : nil }
}

/// Builds a script on a running clock; times are quantized to the principal's log precision.
struct DemoScriptBuilder {
    var rng: DemoRandom
    let start: Int64
    private(set) var clock: Int64
    private(set) var steps: [(time: Int64, event: DemoEvent)] = []

    init(start: Int64, rng: DemoRandom) {
        self.start = start
        self.clock = start
        self.rng = rng
    }

    /// Advance the clock by a random gap in milliseconds.
    mutating func wait(_ ms: ClosedRange<Int64>) { clock += rng.range64(ms) * 1000 }

    mutating func add(_ principal: DemoPrincipal, _ op: DemoOp, _ outcome: DemoOutcome = .allow, ip: String, ua: String = "") {
        // Round up onto the log's grid: a step never lands before the incident's start.
        let q = DemoTimeFormat.quantum(principal.format)
        let t = DemoTimeFormat.quantize(clock + q - 1, principal.format)
        steps.append((max(t, steps.last?.time ?? t), DemoEvent(principal: principal, op: op, outcome: outcome, sourceIP: ip, userAgent: ua)))
    }

    func finish(kind: String, principal: DemoPrincipal, description: String) -> (DemoIncident, DemoScript) {
        let first = steps.first?.time ?? start
        let last = steps.last?.time ?? start
        let incident = DemoIncident(kind: kind, identity: principal.identity, identityKind: principal.identityKind,
                                    format: principal.format, start: EventTime(microseconds: first),
                                    end: EventTime(microseconds: last), description: description)
        return (incident, DemoScript(steps: steps, rng: rng))
    }
}
