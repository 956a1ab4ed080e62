import Activity
import Dashboard
import Events
import Response

/// The revocations pane's rows: the ledger's revokes (this process's and any other nhitop's
/// on the host), newest first, at most `limit`, each with what the stream shows of it now.
/// Dry runs are left out: they changed nothing.
func revocationEntries(replay: LedgerReplay, aggregator: ActivityAggregator, limit: Int = 500) -> [RevocationEntry] {
    revocationEntries(rows: replay.rows, aggregator: aggregator, limit: limit)
}

/// The same from ledger rows in row order (what `LedgerReplay.rows` holds).
func revocationEntries(rows: [LedgerEntry], aggregator: ActivityAggregator, limit: Int = 500) -> [RevocationEntry] {
    var undone = Set<String>()
    for e in rows where e.action == .undo && e.outcome.takesEffect { undone.insert(e.linkedActionID) }
    var out: [RevocationEntry] = []
    for e in rows.reversed() where e.action == .revoke {
        if out.count >= max(0, limit) { break }
        guard let state = revocationEntryState(e, undone: undone.contains(e.actionID), aggregator: aggregator) else {
            continue
        }
        out.append(RevocationEntry(time: e.time, identity: e.identity, credential: e.credential, hook: e.hook,
                                   by: e.operatorInfo.name, reason: e.reason, state: state))
    }
    return out
}

/// A revoke row's state: failed runs say why; one in force is pending, effective or still
/// active as the aggregator watching it says; nil for a dry run.
func revocationEntryState(_ e: LedgerEntry, undone: Bool, aggregator: ActivityAggregator) -> RevocationEntry.State? {
    switch e.outcome {
    case .dryRun, .recorded:
        return nil
    case .failed:
        let status = e.exitStatus.map { "exit \($0)" } ?? "could not start"
        return .failed(why: withOutput(status, e.output))
    case .timedOut:
        return .failed(why: withOutput("timed out", e.output))
    case .interrupted:
        return .failed(why: "interrupted: nhitop ended while the hook ran; it may have acted")
    case .succeeded, .manual:
        break
    }
    if undone { return .undone }
    let r = LedgerReplay.revocation(e)
    // The identity's row status names the action that got through; it covers the newest
    // revocation only, so for older ones the effect alone says it.
    let status = aggregator.revocationStatus(for: e.identity).flatMap { $0.revocation == r ? $0.state : nil }
    switch (aggregator.effect(of: r), status) {
    case (_, .stillActive(let at, let action)?):
        return .stillActive(since: at, action: action)
    case (.usedAfterRevoke(let at)?, _):
        return .stillActive(since: at, action: "")
    case (.effective?, _), (_, .effective?):
        return .effective
    case (_, .pending(let left)?):
        return .pending(secondsLeft: min(max(0, left), max(0, r.graceSeconds)))
    case (.unverified?, nil), (nil, nil):
        return aggregator.clock > r.graceEnds ? .effective : .pending(secondsLeft: secondsLeft(r, at: aggregator.clock))
    }
}

/// Grace seconds left at `clock`, rounded up, never more than the grace itself (the logs may
/// lag the wall-clock revoke time, or not have started).
private func secondsLeft(_ r: Revocation, at clock: EventTime) -> Int64 {
    let grace = max(0, r.graceSeconds)
    let (micros, over) = r.graceEnds.microseconds.subtractingReportingOverflow(clock.microseconds)
    if over || micros > Int64.max - 999_999 { return grace }
    return min(grace, max(0, (micros + 999_999) / 1_000_000))
}

/// `exit 2: permission denied`: the first line of what the hook printed, bounded.
private func withOutput(_ status: String, _ output: String) -> String {
    let first = output.split(whereSeparator: \.isNewline).first.map { $0.trimmingPrefixAndSuffixSpaces() } ?? ""
    guard !first.isEmpty else { return status }
    return status + ": " + (first.count > 120 ? String(first.prefix(120)) + "…" : first)
}

private extension Substring {
    func trimmingPrefixAndSuffixSpaces() -> String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
