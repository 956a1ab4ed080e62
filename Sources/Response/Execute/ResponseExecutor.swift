import Events
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Carries out what the operator confirmed, the same way for the dashboard's dialog and
/// for `nhitop revoke`: record the action as pending, run the hook as an argv with its
/// timeout, then write the ledger row (time, operator, reason, hook and its hash, redacted
/// argv, exit status, output, outcome). A failed or timed-out hook is recorded as such and
/// never taken as a revoke; one cut short by nhitop's own death is recorded as interrupted
/// by the next nhitop to open the ledger.
public struct ResponseExecutor: Sendable {
    public let ledger: Ledger
    public let config: ResponseConfig
    public let operatorInfo: OperatorInfo
    /// Where the built-in `denylist` hook writes its OPA document.
    public let denylistPath: String
    /// Bytes of hook output kept for the screen and the ledger.
    public var outputLimit = 4096
    /// Wall-clock now: a revoke's time is when it was done, compared later with event time.
    public var now: @Sendable () -> EventTime = {
        EventTime(microseconds: Int64(Date().timeIntervalSince1970 * 1_000_000))
    }

    public init(ledger: Ledger, config: ResponseConfig, operatorInfo: OperatorInfo, denylistPath: String) {
        self.ledger = ledger
        self.config = config
        self.operatorInfo = operatorInfo
        self.denylistPath = denylistPath
    }

    // MARK: Revoke

    public func revoke(plan: RevokePlan, step index: Int, reason: String, dryRun: Bool = false) async -> ExecutionResult {
        guard plan.steps.indices.contains(index) else { return ExecutionResult(succeeded: false, title: "no such step") }
        let step = plan.steps[index]
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard reason.count >= RevokePlan.minimumReasonLength else {
            return ExecutionResult(succeeded: false,
                                   title: "a reason of at least \(RevokePlan.minimumReasonLength) characters is required")
        }
        if let problem = step.problem { return ExecutionResult(succeeded: false, title: "\(step.name): \(problem)") }
        let actionID = UUID().uuidString.lowercased()
        var row = LedgerEntry(actionID: actionID, time: now(), action: .revoke, operatorInfo: operatorInfo,
                              identity: plan.target.identity, identityKind: plan.target.kind.label,
                              credential: RevokePlanner.shownCredential(plan.target.credential), reason: reason, hook: step.name,
                              hookHash: step.hook?.definitionHash ?? "", outcome: .succeeded,
                              graceSeconds: step.graceSeconds, reversible: step.reversible)
        var detail = ""
        var output = ""
        var running: RunningAction?
        switch step.kind {
        case .hook:
            guard let hook = step.hook else { return ExecutionResult(succeeded: false, title: "\(step.name): no hook") }
            guard let template = dryRun ? hook.dryRun : hook.run else {
                // Nothing to rehearse with: show what would run, change nothing.
                row.argv = step.shownArgv.map { $0 == RevokePlanner.reasonPlaceholder ? reason : $0 }
                row.outcome = .dryRun
                detail = "dry run: \(hook.name) has no dryRun command; nothing ran"
                break
            }
            do {
                output = try await runHook(hook, template, target: plan.target, reason: reason, actionID: actionID,
                                           dryRun: dryRun, into: &row, detail: &detail, running: &running)
            } catch {
                return ExecutionResult(succeeded: false, title: "\(hook.name): \(error)")
            }
            if dryRun && row.outcome == .succeeded { row.outcome = .dryRun }
        case .denylist:
            row.argv = ["denylist", "add", plan.target.identity, "->", denylistPath]
            if dryRun {
                row.outcome = .dryRun
                detail = "dry run: the deny-list was not changed"
            } else {
                return denylistChange(row, done: "written to \(denylistPath)") { Self.revokeTitle($0, step: step) }
            }
        case .manual:
            row.outcome = dryRun ? .dryRun : .manual
            row.argv = []
            detail = "recorded; nothing ran"
        }
        return record(row, title: Self.revokeTitle(row, step: step), detail: detail, output: output, finishing: running)
    }

    static func revokeTitle(_ row: LedgerEntry, step: PlanStep) -> String {
        switch row.outcome {
        case .succeeded: "revoked with \(step.name)"
        case .manual: "manual revoke recorded"
        case .dryRun: "dry run of \(step.name): nothing changed"
        case .timedOut: "\(step.name) timed out after \(Self.seconds(step.timeoutSeconds)): not revoked"
        case .failed: "\(step.name) failed: not revoked"
        case .recorded: "recorded"
        case .interrupted: "\(step.name) interrupted: not known to be revoked"
        }
    }

    // MARK: Undo

    public func undo(plan: UndoPlan, target: RevokeTarget, reason: String) async -> ExecutionResult {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard reason.count >= RevokePlan.minimumReasonLength else {
            return ExecutionResult(succeeded: false,
                                   title: "a reason of at least \(RevokePlan.minimumReasonLength) characters is required")
        }
        if let problem = plan.problem { return ExecutionResult(succeeded: false, title: problem) }
        let revoke = plan.revoke
        let actionID = UUID().uuidString.lowercased()
        var row = LedgerEntry(actionID: actionID, time: now(), action: .undo, operatorInfo: operatorInfo,
                              identity: revoke.identity, identityKind: revoke.identityKind, credential: revoke.credential,
                              reason: reason, hook: revoke.hook, hookHash: revoke.hookHash, outcome: .succeeded,
                              linkedActionID: revoke.actionID, graceSeconds: revoke.graceSeconds)
        var detail = ""
        var output = ""
        var running: RunningAction?
        switch revoke.hook {
        case "denylist":
            row.argv = ["denylist", "remove", revoke.identity, "->", denylistPath]
            return denylistChange(row, done: "removed from \(denylistPath)") {
                $0.outcome.takesEffect ? "revoke undone (denylist)" : "undo failed: the revoke stays in force"
            }
        case "manual":
            row.outcome = .manual
            detail = "recorded; nothing ran"
        default:
            guard let hook = plan.hook, let undo = hook.undo else {
                return ExecutionResult(succeeded: false, title: "\(revoke.hook) cannot be undone")
            }
            do {
                output = try await runHook(hook, undo, target: target, reason: reason, actionID: actionID,
                                           dryRun: false, into: &row, detail: &detail, running: &running)
            } catch {
                return ExecutionResult(succeeded: false, title: "\(hook.name) undo: \(error)")
            }
        }
        let title = row.outcome.takesEffect ? "revoke undone (\(revoke.hook))" : "undo failed: the revoke stays in force"
        return record(row, title: title, detail: detail, output: output, finishing: running)
    }

    // MARK: Acknowledge

    public func acknowledge(identity: String, kind: IdentityKind, note: String) -> ExecutionResult {
        let row = LedgerEntry(actionID: UUID().uuidString.lowercased(), time: now(), action: .acknowledge,
                              operatorInfo: operatorInfo, identity: identity, identityKind: kind.label,
                              reason: note.trimmingCharacters(in: .whitespacesAndNewlines), outcome: .recorded)
        return record(row, title: "alert acknowledged", detail: "", output: "")
    }

    // MARK: Shared

    /// Runs one of a hook's commands for the target and fills the row's argv (redacted),
    /// outcome and exit status; returns the output excerpt, secrets redacted.
    ///
    /// Unless rehearsing, the action is first recorded as pending (`running`, to be finished
    /// by `record`): a hook that may change something never runs unrecorded. When that record
    /// cannot be made the hook does not run, and this throws.
    private func runHook(_ hook: Hook, _ template: HookTemplate, target: RevokeTarget, reason: String, actionID: String,
                         dryRun: Bool, into row: inout LedgerEntry, detail: inout String,
                         running: inout RunningAction?) async throws -> String {
        let argv = try RevokePlanner.argv(template, target: target, reason: reason, operatorInfo: operatorInfo,
                                          actionID: actionID, dryRun: dryRun)
        row.argv = argv.shown
        if !dryRun {
            do {
                running = try ledger.begin(row)
            } catch {
                throw NotRun(reason: "not run: \(error)")
            }
        }
        let result = await HookRunner.run(argv.run, timeoutSeconds: hook.timeoutSeconds, outputLimit: outputLimit)
        (row.outcome, row.exitStatus, detail) = Self.outcome(of: result, timeout: hook.timeoutSeconds)
        row.output = HookArgv.redacted([result.output], secrets: RevokePlanner.secrets(in: target))[0]
        return row.output
    }

    /// A deny-list revoke or undo. Several nhitop processes may do one at once: each reads
    /// the ledger, writes the document and appends its row under one lock beside the file,
    /// so no process's entry is lost to another's rename. A row that cannot be written
    /// leaves the document as the ledger says.
    private func denylistChange(_ row: LedgerEntry, done: String, title: (LedgerEntry) -> String) -> ExecutionResult {
        var row = row
        let lockPath = denylistPath + ".lock"
        let dir = (denylistPath as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: dir.isEmpty ? "." : dir, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        let fd = open(lockPath, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            row.outcome = .failed
            return record(row, title: title(row), detail: "cannot lock \(lockPath): \(String(cString: strerror(errno)))", output: "")
        }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
        if let failure = rewriteDenylist(adding: row) {
            row.outcome = .failed
            row.output = failure
            return record(row, title: title(row), detail: failure, output: "")
        }
        let result = record(row, title: title(row), detail: done, output: "")
        if result.entry == nil { _ = rewriteDenylist(adding: nil) }
        return result
    }

    /// Rewrites the deny-list from the whole ledger plus the row about to be written; nil
    /// when written, else why not.
    private func rewriteDenylist(adding row: LedgerEntry?) -> String? {
        do {
            try Denylist.write(Denylist.entries(from: try ledger.entries() + (row.map { [$0] } ?? [])), to: denylistPath)
            return nil
        } catch {
            return "cannot write the deny-list: \(error)"
        }
    }

    private func record(_ row: LedgerEntry, title: String, detail: String, output: String,
                        finishing running: RunningAction? = nil) -> ExecutionResult {
        do {
            let written = try ledger.append(row, finishing: running)
            return ExecutionResult(succeeded: row.outcome.takesEffect || row.outcome == .recorded || row.outcome == .dryRun,
                                   title: title, detail: detail, output: output,
                                   ledgerNote: "recorded in the ledger as row \(written.id)", entry: written)
        } catch {
            // The hook may have acted: say so loudly, the record is what was lost.
            return ExecutionResult(succeeded: false, title: title + " (NOT RECORDED)", detail: detail, output: output,
                                   ledgerNote: "could not write the ledger: \(error)")
        }
    }

    /// Why a hook was not started, as the dialog shows it after the hook's name.
    private struct NotRun: Error, CustomStringConvertible {
        var reason: String
        var description: String { reason }
    }

    static func outcome(of r: HookResult, timeout: Double) -> (LedgerOutcome, Int32?, String) {
        let took = "in \(seconds(r.seconds))"
        switch r.status {
        case .exited(0): return (.succeeded, 0, "exit 0 \(took)")
        case .exited(let code): return (.failed, code, "exit \(code) \(took)")
        case .signalled(let sig): return (.failed, nil, "killed by signal \(sig) \(took)")
        case .timedOut: return (.timedOut, nil, "killed after \(seconds(timeout)) (timeout)")
        case .failedToStart(let why): return (.failed, nil, "could not start: \(why)")
        }
    }

    static func seconds(_ s: Double) -> String {
        s < 10 ? String(format: "%.1f s", s) : "\(Int(s.rounded())) s"
    }
}
