import Activity
import Dashboard
import Events
import Foundation
import Response

/// The dashboard's side of responding. It answers the dialog's effects (build a plan, run
/// what was confirmed), runs hooks and ledger writes off the UI thread, and feeds ledger
/// rows (from this process and any other on the host) into the aggregator.
struct LiveResponse {
    let executor: ResponseExecutor
    let inbox = ResponseInbox()
    let poller: LedgerPoller
    private(set) var replay: LedgerReplay
    /// What is wrong with the ledger now (a broken chain found at start, a poll that failed), for the footer.
    private(set) var problem: String?
    /// When the running hook started; nil when nothing runs.
    private var jobStarted: Date?
    private var lastProgress = Date.distantPast

    /// Loads the whole ledger into the aggregator before any log is read (so a replay is
    /// judged against today's revokes), then polls it every second.
    init(executor: ResponseExecutor, aggregator: inout ActivityAggregator) throws {
        self.executor = executor
        var replay = LedgerReplay(acknowledgeQuietSeconds: executor.config.acknowledgeQuietSeconds)
        replay.apply(try executor.ledger.entries(), to: &aggregator)
        self.replay = replay
        // An edited ledger still loads (the operator needs the dashboard in an incident), but says so.
        if case let .broken(row, reason) = try executor.ledger.verify() {
            problem = "ledger \(executor.ledger.path): row \(row): \(reason) (see nhitop ledger)"
        }
        poller = LedgerPoller(ledger: executor.ledger, inbox: inbox, after: replay.lastID)
    }

    var config: ResponseConfig { executor.config }

    func stop() { poller.stop() }

    var isRunning: Bool { jobStarted != nil }

    /// Answers one effect of `update`; returns the messages to feed back.
    mutating func handle(_ effect: Effect, aggregator: ActivityAggregator) -> [Msg] {
        switch effect {
        case .planRevoke(let identity):
            let target = Self.target(identity, aggregator: aggregator)
            return [.revokePlan(RevokePlanner.plan(target: target, config: config, operatorInfo: executor.operatorInfo,
                                                   previous: replay.current(for: identity)))]
        case .planUndo(let identity):
            guard let revoke = replay.current(for: identity) else {
                return [.responseFinished(ResponseOutcome(
                    succeeded: false, title: "nothing to undo", detail: "no revoke of this identity is in force",
                    output: "", ledgerNote: ""))]
            }
            let target = Self.undoTarget(revoke, aggregator: aggregator)
            return [.undoPlan(RevokePlanner.undoPlan(for: revoke, target: target, config: config,
                                                     operatorInfo: executor.operatorInfo))]
        case let .runRevoke(plan, step, reason):
            guard !config.readOnly, !isRunning else { return [] }
            start { [executor] in await executor.revoke(plan: plan, step: step, reason: reason) }
        case let .runUndo(plan, reason):
            guard !config.readOnly, !isRunning else { return [] }
            let target = Self.undoTarget(plan.revoke, aggregator: aggregator)
            start { [executor] in await executor.undo(plan: plan, target: target, reason: reason) }
        case let .acknowledge(identity, note):
            guard !config.readOnly, !isRunning else { return [] }
            let kind = aggregator.detail(for: identity)?.row.kind ?? .unknown
            start { [executor] in executor.acknowledge(identity: identity, kind: kind, note: note) }
        default:
            break
        }
        return []
    }

    private mutating func start(_ work: @escaping @Sendable () async -> ExecutionResult) {
        jobStarted = Date()
        lastProgress = Date()
        let inbox = self.inbox, poller = self.poller
        Task.detached {
            let result = await work()
            inbox.post(.finished(result))
            poller.kick()
        }
    }

    /// Takes what the background side posted: ledger rows go into the aggregator, results
    /// become messages for the dialog.
    mutating func drain(into aggregator: inout ActivityAggregator) -> (msgs: [Msg], changed: Bool) {
        var msgs: [Msg] = []
        var changed = false
        for item in inbox.drain() {
            switch item {
            case .ledgerRows(let rows):
                replay.apply(rows, to: &aggregator)
                if problem?.hasPrefix("ledger: ") == true { problem = nil }  // polling works again
                changed = true
            case .finished(let r):
                jobStarted = nil
                msgs.append(.responseFinished(r))
                changed = true
            case .ledgerError(let message):
                // Retried on the next poll; meanwhile the footer says other processes' rows may be missing.
                problem = "ledger: \(message)"
                changed = true
            }
        }
        return (msgs, changed)
    }

    /// About four times a second while a hook runs: how long it has been running.
    mutating func progress(now: Date) -> Msg? {
        guard let started = jobStarted, now.timeIntervalSince(lastProgress) >= 0.25 else { return nil }
        lastProgress = now
        return .responseProgress(elapsedSeconds: now.timeIntervalSince(started))
    }

    static func undoTarget(_ revoke: LedgerEntry, aggregator: ActivityAggregator) -> RevokeTarget {
        RevokePlanner.undoTarget(for: revoke, seen: target(revoke.identity, aggregator: aggregator))
    }

    /// What the plan needs to know about an identity, from what the aggregator saw of it.
    static func target(_ identity: String, aggregator: ActivityAggregator) -> RevokeTarget {
        guard let detail = aggregator.detail(for: identity) else {
            return RevokeTarget(identity: identity, kind: IdentityKindGuess.kind(of: identity))
        }
        let recent = detail.recent.suffix(5).reversed().map { e in
            "\(e.time.clock) \(e.decision.word) \(e.action) \(e.resource)"
        }
        // The credential it used most recently first: that is the one acting now.
        var credentials: [String] = []
        for e in detail.recent.reversed() where !e.credentialID.isEmpty && !credentials.contains(e.credentialID) {
            credentials.append(e.credentialID)
        }
        for c in detail.credentials where !c.isEmpty && !credentials.contains(c) { credentials.append(c) }
        return RevokeTarget(identity: identity, kind: detail.row.kind, credentials: credentials,
                            reasons: detail.row.reasons.map(\.text), recentEvents: Array(recent))
    }
}
