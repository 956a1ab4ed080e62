import Events

/// nhitop's built-in demo: an endless, deterministic mix of raw log records in the real
/// formats (CloudTrail, Kubernetes audit, Vault audit, OPA decision logs, GitHub audit,
/// nhitop native), one JSON object per line, meant to be fed through the same parser
/// path as real files.
///
/// About 45 background identities each follow their own routine (usual actions, usual
/// addresses, own rate, occasional benign errors and rare benign denies); about 15
/// actions (~18 lines) per second in all. Every `incidentEvery` seconds, starting 12 s
/// after `start`, one incident from a rotating catalogue of six plays out over 1–2
/// minutes of event time (see `incidents`).
///
/// Seeded with SplitMix64 and integer-only scheduling: the same seed and start give the
/// same bytes, and output does not depend on how `generate(until:)` is sliced.
/// Line timestamps are non-decreasing as a parser reads them (each format's own
/// precision: CloudTrail seconds, GitHub milliseconds, the rest micro/nanoseconds).
public struct DemoTraffic: Sendable {
    public let seed: UInt64
    public let start: EventTime
    /// Seconds between incident starts; 0 or less disables incidents.
    public let incidentEvery: Int64
    /// Seconds after `start` at which the first incident begins.
    public static let firstIncidentDelay: Int64 = 12
    /// Slugs of the rotating incident catalogue, in play order.
    public static let incidentKinds: [String] = DemoIncidentCatalogue.kinds

    /// What was injected and when, in start order (appended as generation reaches each one).
    public private(set) var incidents: [DemoIncident] = []
    /// Lines appended so far.
    public private(set) var linesWritten = 0

    private struct ActorState: Sendable {
        var clock: Int64
        var next: Int64
        var rng: DemoRandom
    }

    private var actors: [ActorState] = []
    private var scripts: [DemoScript] = []
    private var nextIncident: Int64 = 0
    private var pending: [DemoRecord] = []
    private var seq: UInt64 = 0
    private var started = false

    public init(seed: UInt64 = 1, start: EventTime, incidentEvery seconds: Int64 = 180) {
        self.seed = seed
        self.start = start
        self.incidentEvery = seconds
        reset(origin: start.microseconds)
    }

    /// Appends the records whose event time is ≤ `until`, in time order, each a single
    /// JSON line ending with `\n`. Records due later (a Vault response, a Kubernetes
    /// `ResponseComplete` a few ms after its request) wait for a later call.
    public mutating func generate(until: EventTime, into out: inout [UInt8]) {
        started = true
        let limit = until.microseconds
        let cast = DemoCast.all
        while true {
            // The next source to act: incident start, then scripts, then actors on ties.
            var bestTime = Int64.max, bestKind = 0, bestIndex = 0
            if incidentEvery > 0 { bestTime = incidentStart(nextIncident) }
            for i in scripts.indices {
                if let t = scripts[i].nextTime, t < bestTime { bestTime = t; bestKind = 1; bestIndex = i }
            }
            for i in actors.indices where actors[i].next < bestTime {
                bestTime = actors[i].next; bestKind = 2; bestIndex = i
            }
            guard bestTime <= limit else { break }
            // Every record produced from here on is at or after bestTime.
            flush(upTo: bestTime, into: &out)
            switch bestKind {
            case 0: beginIncident()
            case 1: stepScript(bestIndex)
            default: stepActor(bestIndex, cast[bestIndex])
            }
        }
        flush(upTo: limit, into: &out)
    }

    /// Fills the dashboard at once: the records from `start - seconds` through `start`
    /// (background and any incident scheduled in that window). Only before the first
    /// `generate(until:)`; afterwards it appends nothing. Continue with
    /// `generate(until:)` for times after `start`.
    public mutating func backfill(seconds: Int64, into out: inout [UInt8]) {
        guard !started, seconds > 0 else { return }
        reset(origin: start.microseconds - seconds * 1_000_000)
        generate(until: start, into: &out)
    }

    // MARK: scheduling

    private mutating func reset(origin: Int64) {
        let cast = DemoCast.all
        actors = cast.enumerated().map { i, actor in
            var rng = DemoRandom(seed: seed, salt: UInt64(i + 1))
            let clock = origin + rng.range64(0...actor.meanGapMicros)
            return ActorState(clock: clock, next: DemoTimeFormat.quantize(clock + DemoTimeFormat.quantum(actor.principal.format) - 1,
                                                                         actor.principal.format), rng: rng)
        }
        scripts = []
        pending = []
        incidents = []
        seq = 0
        if incidentEvery > 0 {
            // The first incident whose start is not before the origin.
            let anchor = start.microseconds + Self.firstIncidentDelay * 1_000_000
            let every = incidentEvery * 1_000_000
            nextIncident = -(anchor - origin).floorDivided(by: every)
        }
    }

    private func incidentStart(_ k: Int64) -> Int64 {
        start.microseconds + (Self.firstIncidentDelay + k * incidentEvery) * 1_000_000
    }

    private mutating func beginIncident() {
        let k = nextIncident
        nextIncident += 1
        let count = Int64(DemoIncidentCatalogue.count)
        let index = Int(((k % count) + count) % count)
        let rng = DemoRandom(seed: seed, salt: 0x1_0000_0000 &+ UInt64(bitPattern: k))
        let (incident, script) = DemoIncidentCatalogue.make(index: index, start: incidentStart(k), rng: rng)
        incidents.append(incident)
        scripts.append(script)
    }

    private mutating func stepScript(_ i: Int) {
        let step = scripts[i].steps[scripts[i].cursor]
        scripts[i].cursor += 1
        var rng = scripts[i].rng
        emit(step.event, at: step.time, rng: &rng)
        scripts[i].rng = rng
        if scripts[i].nextTime == nil { scripts.remove(at: i) }
    }

    private mutating func stepActor(_ i: Int, _ actor: DemoActor) {
        var st = actors[i]
        let time = st.next
        let op = st.rng.pick(actor.routine).filled(String(st.rng.range(10_000...99_999)))
        let roll = st.rng.below(1000)
        var outcome = DemoOutcome.allow
        if roll < actor.denyPerMille, op.canEnd(in: .deny) { outcome = .deny }
        else if roll >= 1000 - actor.errorPerMille, op.canEnd(in: .error) { outcome = .error }
        let event = DemoEvent(principal: actor.principal, op: op, outcome: outcome,
                              sourceIP: st.rng.pick(actor.ips), userAgent: actor.userAgent)
        emit(event, at: time, rng: &st.rng)
        st.clock += max(1_000, st.rng.gap(mean: actor.meanGapMicros))
        st.next = max(time, DemoTimeFormat.quantize(st.clock, actor.principal.format))
        actors[i] = st
    }

    private mutating func emit(_ event: DemoEvent, at time: Int64, rng: inout DemoRandom) {
        for (t, bytes) in DemoRender.lines(event, at: time, rng: &rng) {
            let record = DemoRecord(time: t, seq: seq, bytes: bytes)
            seq &+= 1
            // Keep `pending` sorted by (time, seq); it holds a handful of records at most.
            var at = pending.count
            while at > 0, pending[at - 1].time > t { at -= 1 }
            pending.insert(record, at: at)
        }
    }

    private mutating func flush(upTo limit: Int64, into out: inout [UInt8]) {
        var n = 0
        while n < pending.count, pending[n].time <= limit {
            out.append(contentsOf: pending[n].bytes)
            n += 1
        }
        if n > 0 {
            pending.removeFirst(n)
            linesWritten += n
        }
    }
}
