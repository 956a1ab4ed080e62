import Events

/// The sequential half of a source's decoding: takes each record's outcome, in stream order,
/// and applies everything that depends on the records before it.
///
/// In order: the run's Kubernetes auditID dedupe (a repeated stage is ignored, whatever else
/// the record was; events and records before `--since` are remembered, malformed ones are
/// not), `--since`, the source's clock-skew check, the counts, then `emit`. `SourceDecoder`
/// runs it right after `RecordDecoder` on every record; the parallel reader runs it on the
/// merging thread over outcomes decoded on other threads. Both share this code, so the two
/// cannot count differently.
struct RecordAdmission {
    let options: IngestOptions
    /// Shared by every source of the run (see `IngestOptions.auditIDs`).
    let auditIDs: AuditIDDedupe

    private(set) var events = 0
    var malformed = 0
    private(set) var ignored = 0
    private(set) var skipped = 0
    private(set) var clockSkewed = 0
    /// Events whose auditID had been seen with another user or verb (`SourceStatus.auditIDReused`).
    private(set) var auditIDReused = 0
    private var skew = ClockSkewCheck()
    private var formatCounts = [Int](repeating: 0, count: SourceFormat.allCases.count)

    init(options: IngestOptions) {
        self.options = options
        auditIDs = options.auditIDs ?? AuditIDDedupe(capacity: options.dedupeCapacity)
    }

    mutating func admit(_ outcome: consuming RecordOutcome, emit: (NormalizedEvent) -> Void) {
        switch consume outcome {
        case .ignored:
            ignored += 1
        case let .malformed(key):
            if let key, auditIDs.check(id: key.id, request: key.request) == .repeatStage {
                ignored += 1
            } else {
                malformed += 1
            }
        case let .tooEarly(key):
            if let key, !remember(key) { ignored += 1; return }
            skipped += 1
        case .event(var event, let key):
            if let key, !remember(key) { ignored += 1; return }
            if skew.isSkewed(event.time, options: options) {
                event.clockSkewed = true
                clockSkewed += 1
            }
            events += 1
            formatCounts[Int(event.format.rawValue)] += 1
            emit(event)
        }
    }

    /// A record that became an event (or was left out by `--since`) takes its place in the
    /// dedupe; false when it is a later stage of a request already counted.
    private mutating func remember(_ key: DedupeKey) -> Bool {
        let verdict = auditIDs.check(id: key.id, request: key.request)
        if verdict == .repeatStage { return false }
        auditIDs.record(id: key.id, request: key.request)
        if verdict == .reused { auditIDReused += 1 }
        return true
    }

    /// The counts so far under `name`; `format` is the most common format seen.
    func status(name: String, finished: Bool) -> SourceStatus {
        var best: SourceFormat?
        var bestCount = 0
        for f in SourceFormat.allCases where formatCounts[Int(f.rawValue)] > bestCount {
            best = f
            bestCount = formatCounts[Int(f.rawValue)]
        }
        var s = SourceStatus(name: name, format: best, events: events, malformed: malformed,
                             ignored: ignored, skipped: skipped, state: finished ? .finished : .following,
                             clockSkewed: clockSkewed)
        s.auditIDReused = auditIDReused
        return s
    }
}
