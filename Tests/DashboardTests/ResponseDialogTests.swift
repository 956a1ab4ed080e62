import Activity
@testable import Dashboard
import Events
import Response
import Testing

/// The dialog's state machine through `update`: nothing runs before the explicit choice.
@Suite struct ResponseDialogTests {
    let snap = ResponseFixture.snapshot()
    var ctx: UpdateContext { UpdateContext(snapshot: snap) }
    var plan: RevokePlan { ResponseFixture.plan(snap) }

    /// The state with `svc-reporting` selected on the Identities pane.
    var selected: AppState {
        var s = AppState(width: 120, height: 40)
        s.selectedIdentity = ResponseFixture.reporting
        return update(s, .tick, context: ctx).0
    }

    func send(_ s: AppState, _ msgs: [Msg]) -> (AppState, [Effect]) {
        var state = s, all: [Effect] = []
        for m in msgs {
            let (n, e) = update(state, m, context: ctx)
            state = n
            all += e
        }
        return (state, all)
    }

    func keys(_ s: AppState, _ keys: Key...) -> (AppState, [Effect]) { send(s, keys.map { .key($0) }) }

    func type(_ text: String) -> [Msg] { text.unicodeScalars.map { .key(.char($0)) } }

    /// R, the plan arrives, the step at `step` is chosen with j: at the reason stage.
    func atReason(step: Int = 0) -> AppState {
        var s = keys(selected, .char("R")).0
        s = send(s, [.revokePlan(plan)]).0
        for _ in 0..<step { s = keys(s, .char("j")).0 }
        return keys(s, .enter).0
    }

    func atConfirm(step: Int = 0) -> AppState { keys(atReason(step: step), .enter).0 }

    @Test func revokeKeyAsksForAPlanAndOpensLoading() {
        let (s, effects) = keys(selected, .char("R"))
        #expect(effects == [.planRevoke(identity: ResponseFixture.reporting)])
        #expect(s.dialog?.stage == .loading)
        #expect(s.dialog?.kind == .revoke)
        let plan = send(s, [.revokePlan(plan)]).0
        #expect(plan.dialog?.stage == .plan)
        #expect(plan.dialog?.step?.name == "aws-deactivate-key")
    }

    @Test func undoAndAcknowledgeKeys() {
        let (u, ue) = keys(selected, .char("U"))
        #expect(ue == [.planUndo(identity: ResponseFixture.reporting)])
        #expect(u.dialog?.kind == .undo)
        let (a, ae) = keys(selected, .char("a"))
        #expect(ae.isEmpty)
        #expect(a.dialog?.kind == .acknowledge)
        #expect(a.dialog?.stage == .reason)
        #expect(a.dialog?.reason == "")
    }

    @Test func escapeAtEveryStepClosesWithoutAnEffect() {
        let loading = keys(selected, .char("R")).0
        let planned = send(loading, [.revokePlan(plan)]).0
        for s in [loading, planned, atReason(), atConfirm(), atConfirm(step: 1)] {
            let (after, effects) = keys(s, .escape)
            #expect(effects.isEmpty)
            #expect(after.dialog == nil)
        }
        // A plan arriving after the cancel is dropped.
        let late = send(keys(loading, .escape).0, [.revokePlan(plan)]).0
        #expect(late.dialog == nil)
    }

    @Test func enterAtTheConfirmationDoesNotRunAndYDoes() {
        let s = atConfirm()
        #expect(s.dialog?.stage == .confirm)
        let (entered, none) = keys(s, .enter, .enter)
        #expect(none.isEmpty)
        #expect(entered.dialog?.stage == .confirm)
        #expect(entered.dialog?.message?.contains("Enter does not confirm") == true)
        let (no, noEffects) = keys(s, .char("n"))
        #expect(noEffects.isEmpty && no.dialog == nil)
        let (ran, effects) = keys(s, .char("y"))
        #expect(effects == [.runRevoke(plan: plan, step: 0, reason: plan.suggestedReason)])
        #expect(ran.dialog?.stage == .running(elapsedSeconds: 0))
    }

    @Test func theEditedReasonIsTheOneRun() {
        var s = atReason()
        #expect(s.dialog?.reason == plan.suggestedReason)
        s = keys(s, .ctrlU).0
        #expect(s.dialog?.reason == "")
        // 'q' is a letter here, not quit; Backspace deletes; the reason is trimmed.
        let (edited, effects) = send(s, type("quarantine: key used from TOR exit  x") + [.key(.backspace)])
        #expect(!effects.contains(.quit))
        #expect(edited.dialog?.reason == "quarantine: key used from TOR exit  ")
        let (ran, run) = keys(edited, .enter, .char("y"))
        #expect(run == [.runRevoke(plan: plan, step: 0, reason: "quarantine: key used from TOR exit")])
        #expect(ran.dialog?.isRunning == true)
    }

    @Test func aShortReasonIsRefused() {
        var s = keys(atReason(), .ctrlU).0
        s = send(s, type("   too short  ") + [.key(.enter)]).0
        #expect(s.dialog?.stage == .reason)
        #expect(s.dialog?.message == "a reason of at least 10 characters is required")
        s = send(s, type("xx") + [.key(.enter)]).0   // "too short  xx": 13 trimmed characters
        #expect(s.dialog?.stage == .confirm)
    }

    @Test func aDangerousStepNeedsTheTypedName() {
        let index = plan.steps.firstIndex { $0.dangerous }!
        let s = atConfirm(step: index)
        #expect(s.dialog?.needsTypedName == true)
        // y and Enter do not confirm; y is just a letter of the name.
        let (wrong, none) = send(s, [.key(.char("y")), .key(.enter)])
        #expect(none.isEmpty)
        #expect(wrong.dialog?.stage == .confirm)
        #expect(wrong.dialog?.message?.contains("svc-reporting") == true)
        let (short, effects) = send(s, type("svc-reporting") + [.key(.enter)])
        #expect(effects == [.runRevoke(plan: plan, step: index, reason: plan.suggestedReason)])
        #expect(short.dialog?.isRunning == true)
        let full = send(s, type(ResponseFixture.reporting) + [.key(.enter)]).1
        #expect(full.count == 1)
        let almost = send(s, type("svc-reportin") + [.key(.enter)]).1
        #expect(almost.isEmpty)
    }

    @Test func aStepWithAProblemCannotBePicked() {
        var broken = plan
        broken.steps[0].problem = "$CREDENTIAL_ID is empty"
        var s = keys(selected, .char("R")).0
        s = send(s, [.revokePlan(broken)]).0
        #expect(s.dialog?.selectedStep == 1)  // the first runnable step is highlighted
        s = keys(s, .char("k"), .enter).0
        #expect(s.dialog?.stage == .plan)
        #expect(s.dialog?.message?.contains("cannot run") == true)
    }

    @Test func readOnlyRunsNothing() {
        var s = selected
        s.readOnly = true
        for key in ["R", "U", "a"] as [Unicode.Scalar] {
            let (after, effects) = keys(s, .char(key))
            #expect(effects.isEmpty)
            #expect(after.dialog == nil)
            #expect(after.flash?.hasPrefix("read-only:") == true)
            #expect(keys(after, .char("j")).0.flash == nil)
        }
    }

    @Test func runningCanBeHiddenAndTheResultShowsItAgain() {
        let running = keys(atConfirm(), .char("y")).0
        var s = send(running, [.responseProgress(elapsedSeconds: 3.2)]).0
        #expect(s.dialog?.stage == .running(elapsedSeconds: 3.2))
        s = keys(s, .escape).0
        #expect(s.dialog?.hidden == true)
        // Keys work on the dashboard again while the hook runs.
        s = keys(s, .char("j")).0
        #expect(s.selectedIdentity != ResponseFixture.reporting)
        let outcome = ResponseOutcome(succeeded: false, title: "hook timed out after 5 s", detail: "killed after 5 s (timeout)",
                                      output: "", ledgerNote: "recorded in the ledger as row 12")
        s = send(s, [.responseFinished(outcome)]).0
        #expect(s.dialog?.hidden == false)
        #expect(s.dialog?.stage == .finished(outcome))
        let (closed, effects) = keys(s, .enter)
        #expect(closed.dialog == nil && effects.isEmpty)
    }

    @Test func theDialogOwnsTheKeyboardButCtrlCQuits() {
        let s = send(keys(selected, .char("R")).0, [.revokePlan(plan)]).0
        let (q, qe) = keys(s, .char("q"))
        #expect(qe.isEmpty && q.dialog != nil)
        let (_, ce) = keys(s, .ctrlC)
        #expect(ce == [.quit])
        #expect(keys(s, .char("j")).0.selectedIdentity == ResponseFixture.reporting)
    }

    @Test func acknowledgeNeedsANote() {
        var s = keys(selected, .char("a")).0
        s = send(s, type("ok") + [.key(.enter)]).0
        #expect(s.dialog?.message == "a note of at least 3 characters is required")
        let (after, effects) = send(s, type(" seen, SOC-4411") + [.key(.enter)])
        #expect(effects == [.acknowledge(identity: ResponseFixture.reporting, note: "ok seen, SOC-4411")])
        #expect(after.dialog?.isRunning == true)
    }

    @Test func undoRunsWithItsReason() {
        var s = keys(selected, .char("U")).0
        s = send(s, [.undoPlan(ResponseFixture.undoPlan)]).0
        #expect(s.dialog?.stage == .reason)
        let (after, effects) = send(s, type("revoked the wrong key by mistake") + [.key(.enter), .key(.enter), .key(.char("y"))])
        #expect(effects == [.runUndo(plan: ResponseFixture.undoPlan, reason: "revoked the wrong key by mistake")])
        #expect(after.dialog?.isRunning == true)

        // Nothing to undo: the loop answers with an explanation straight away.
        let nothing = ResponseOutcome(succeeded: false, title: "nothing to undo for this identity")
        let n = send(keys(selected, .char("U")).0, [.responseFinished(nothing)]).0
        #expect(n.dialog?.stage == .finished(nothing))

        // An undo that cannot run only says why; Enter closes it, nothing runs.
        var blocked = ResponseFixture.undoPlan
        blocked.problem = "vault-revoke has no undo: revoking a token cannot be reversed"
        let b = send(keys(selected, .char("U")).0, [.undoPlan(blocked)]).0
        #expect(b.dialog?.stage == .plan)
        let (closed, none) = keys(b, .enter)
        #expect(closed.dialog == nil && none.isEmpty)
    }

    @Test func argvIsShownQuotedWhereAShellWouldSplitIt() {
        #expect(ArgvDisplay.line(["aws", "iam", "--user-name", "svc-reporting", "<reason>"])
            == "aws iam --user-name svc-reporting <reason>")
        #expect(ArgvDisplay.line(["x; touch pwned $(id)", "", "it's"]) == "'x; touch pwned $(id)' '' 'it'\\''s'")
    }
}
