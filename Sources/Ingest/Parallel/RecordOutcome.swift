import Events

/// The Kubernetes dedupe hashes of one audit record (see `AuditIDDedupe`): its auditID, and the
/// auditID chained with its user and verb.
struct DedupeKey: Equatable, Sendable {
    var id: UInt64
    var request: UInt64
}

/// What one record became, decided from its bytes alone (`RecordDecoder`), before the
/// stateful part of a source (`RecordAdmission`) has seen it.
///
/// Everything that depends on records before this one (the run's auditID dedupe, the
/// source's clock, the counters) is left to admission, so records can be decoded on any
/// thread, ahead of their turn, and still count exactly as a sequential read counts them.
/// A Kubernetes record carries its dedupe key whatever else it became: a later stage of a
/// request already counted is ignored even when it is malformed or before `--since`.
enum RecordOutcome {
    /// An event (with its rule hits); admission may still find it a repeated stage.
    case event(NormalizedEvent, DedupeKey?)
    /// A recognised event dated before `--since`: left out, counted as skipped.
    case tooEarly(DedupeKey?)
    /// Unusable, or not recognised at all.
    case malformed(DedupeKey?)
    /// Recognised, but not an event (Vault requests, `RequestReceived`, console lines).
    case ignored
}
