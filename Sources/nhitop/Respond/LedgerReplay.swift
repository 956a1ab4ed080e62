import Activity
import Events
import Response

/// Applies ledger rows to the aggregator, in row order: a revoke in force is watched for
/// use after it, an undo stops the watch, an acknowledgement mutes the identity's alert.
/// Rows loaded at start are applied before any file is read, so replaying yesterday's
/// logs against today's ledger shows what still worked after its revoke.
struct LedgerReplay {
    let acknowledgeQuietSeconds: Int64
    /// Revokes in force by action id, so undo and the dialog can find them.
    private(set) var inForce: [String: LedgerEntry] = [:]
    private(set) var lastID: Int64 = 0
    private(set) var rows: [LedgerEntry] = []

    init(acknowledgeQuietSeconds: Int64) { self.acknowledgeQuietSeconds = acknowledgeQuietSeconds }

    mutating func apply(_ entries: [LedgerEntry], to aggregator: inout ActivityAggregator) {
        for e in track(entries) {
            switch e.action {
            case .revoke:
                if e.outcome.takesEffect { aggregator.recordRevocation(Self.revocation(e)) }
            case .undo:
                if e.outcome.takesEffect { aggregator.removeRevocation(actionID: e.linkedActionID) }
            case .acknowledge:
                aggregator.acknowledge(identity: e.identity, Acknowledgement(
                    at: e.time, by: e.operatorInfo.name, note: e.reason, quietSeconds: acknowledgeQuietSeconds))
            }
        }
    }

    /// Takes in rows not seen before and returns them; keeps which revokes are in force.
    mutating func track(_ entries: [LedgerEntry]) -> [LedgerEntry] {
        var fresh: [LedgerEntry] = []
        for e in entries where e.id > lastID {
            lastID = e.id
            rows.append(e)
            fresh.append(e)
            switch e.action {
            case .revoke where e.outcome.takesEffect: inForce[e.actionID] = e
            case .undo where e.outcome.takesEffect: inForce.removeValue(forKey: e.linkedActionID)
            default: break
            }
        }
        return fresh
    }

    static func revocation(_ e: LedgerEntry) -> Revocation {
        Revocation(identity: e.identity, revokedAt: e.time, graceSeconds: e.graceSeconds, actionID: e.actionID,
                   by: e.operatorInfo.name, reason: e.reason, hook: e.hook, reversible: e.reversible)
    }

    /// The newest revoke in force for an identity ("already revoked by alice 12 s ago").
    func current(for identity: String) -> LedgerEntry? {
        inForce.values.filter { $0.identity == identity }.max { $0.id < $1.id }
    }

    /// Every revoke row of an identity, oldest first, with whether an undo followed it.
    func revokes(of identity: String) -> [(entry: LedgerEntry, undone: Bool)] {
        rows.filter { $0.identity == identity && $0.action == .revoke }.map { r in
            (r, rows.contains { $0.action == .undo && $0.linkedActionID == r.actionID && $0.outcome.takesEffect })
        }
    }
}
