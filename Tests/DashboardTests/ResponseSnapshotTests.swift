import Activity
@testable import Dashboard
import Events
import Response
import Testing

/// The response dialog at each stage, and revoke status on rows and in the detail, drawn
/// from the aggregator's own snapshot. Every dialog state is reached through `update`.
@Suite struct ResponseSnapshotTests {
    static let sizes = [(80, 24), (120, 40)]
    let snap = ResponseFixture.snapshot()

    func drive(_ w: Int, _ h: Int, _ msgs: [Msg], readOnly: Bool = false) -> AppState {
        let ctx = UpdateContext(snapshot: snap)
        var s = AppState(width: w, height: h)
        s.readOnly = readOnly
        s.selectedIdentity = ResponseFixture.reporting
        for m in [Msg.tick] + msgs { s = update(s, m, context: ctx).0 }
        return s
    }

    func render(_ s: AppState, options: RenderOptions = RenderOptions()) -> CellBuffer {
        renderDashboard(snapshot: snap, sources: [SourceStatus(name: "fixture.jsonl", format: .nhitop, events: 72)],
                        state: s, width: s.width, height: s.height, options: options)
    }

    var plan: RevokePlan { ResponseFixture.plan(snap) }
    var dangerous: Int { plan.steps.firstIndex { $0.dangerous }! }
    func down(_ n: Int) -> [Msg] { Array(repeating: .key(.char("j")), count: n) }
    func type(_ text: String) -> [Msg] { text.unicodeScalars.map { .key(.char($0)) } }

    var planMsgs: [Msg] { [.key(.char("R")), .revokePlan(plan)] }
    var reasonMsgs: [Msg] { planMsgs + [.key(.enter), .key(.backspace), .key(.backspace)] + type("; q") }
    var dangerousMsgs: [Msg] { planMsgs + down(dangerous) + [.key(.enter), .key(.enter)] + type("svc-rep") }
    var runningMsgs: [Msg] { planMsgs + [.key(.enter), .key(.enter), .key(.char("y")), .responseProgress(elapsedSeconds: 3.25)] }
    var failedMsgs: [Msg] {
        runningMsgs + [.responseFinished(ResponseOutcome(
            succeeded: false, title: "aws-deactivate-key failed",
            detail: "exit 254 in 1.3 s",
            output: "\nAn error occurred (AccessDenied) when calling the UpdateAccessKey operation:\n"
                + "User: arn:aws:iam::123456789012:user/soc-operator is not authorized to perform: iam:UpdateAccessKey\n"
                + String(repeating: "x", count: 400),
            ledgerNote: "recorded in the ledger as row 12 (outcome: failed)"))]
    }

    @Test(arguments: sizes) func planStage(size: (Int, Int)) {
        let b = render(drive(size.0, size.1, planMsgs))
        assertSnapshot(b, named: "revoke-plan-\(size.0)x\(size.1)")
        let text = b.textDump()
        #expect(text.contains("Revoke svc-reporting"))
        #expect(text.contains("aws iam update-access-key --access-key-id"))
        #expect(text.contains("--status Inactive"))
        #expect(text.contains("can be undone: yes"))
        #expect(text.contains("already revoked 4m ago by alice (manual)"))
    }

    @Test(arguments: sizes) func reasonStage(size: (Int, Int)) {
        let b = render(drive(size.0, size.1, reasonMsgs))
        assertSnapshot(b, named: "revoke-reason-\(size.0)x\(size.1)")
        #expect(b.textDump().contains("; q_"))
    }

    @Test(arguments: sizes) func dangerousConfirmation(size: (Int, Int)) {
        let s = drive(size.0, size.1, dangerousMsgs)
        #expect(s.dialog?.stage == .confirm)
        let b = render(s)
        assertSnapshot(b, named: "revoke-dangerous-\(size.0)x\(size.1)")
        #expect(b.textDump().contains("type the identity's name to confirm: svc-reporting"))
    }

    @Test(arguments: sizes) func confirmation(size: (Int, Int)) {
        let b = render(drive(size.0, size.1, planMsgs + [.key(.enter), .key(.enter)]))
        assertSnapshot(b, named: "revoke-confirm-\(size.0)x\(size.1)")
        #expect(b.textDump().contains("[y] revoke   [N] cancel (default)"))
        #expect(b.textDump().contains("confirming revokes it again"))
    }

    @Test(arguments: sizes) func running(size: (Int, Int)) {
        let b = render(drive(size.0, size.1, runningMsgs))
        assertSnapshot(b, named: "revoke-running-\(size.0)x\(size.1)")
        #expect(b.textDump().contains("running… 3.2 s") || b.textDump().contains("running… 3.3 s"))
    }

    @Test(arguments: sizes) func failed(size: (Int, Int)) {
        let b = render(drive(size.0, size.1, failedMsgs))
        assertSnapshot(b, named: "revoke-failed-\(size.0)x\(size.1)")
        #expect(b.textDump().contains("FAILED: aws-deactivate-key failed"))
        #expect(b.textDump().contains("recorded in the ledger as row 12"))
    }

    @Test func undoAndAcknowledge() {
        let undo = render(drive(120, 40, [.key(.char("U")), .undoPlan(ResponseFixture.undoPlan)] + type("wrong key")))
        assertSnapshot(undo, named: "undo-reason-120x40")
        let ack = render(drive(80, 24, [.key(.char("a"))] + type("seen")))
        assertSnapshot(ack, named: "acknowledge-80x24")
    }

    /// STILL ACTIVE, pending, effective and acknowledged rows, and the selected one's detail.
    @Test func revokedRows() {
        let b = render(drive(120, 40, []))
        assertSnapshot(b, named: "revoked-rows-120x40")
        let text = b.textDump()
        #expect(text.contains("STILL ACTIVE"))
        #expect(text.contains("PENDING 40s"))
        #expect(text.contains("REVOKED ✓"))
        #expect(text.contains("revoked  by alice 4m ago via manual"))
        #expect(text.contains("STILL ACTIVE: s3:GetObject allowed at"))
        #expect(text.contains("15:02:30"))
        let ascii = render(drive(120, 40, []), options: RenderOptions(ascii: true))
        #expect(ascii.textDump().contains("REVOKED ok"))
    }

    @Test func readOnlyFooterAndHelp() {
        let s = drive(80, 24, [.key(.char("R"))], readOnly: true)
        let flashed = render(s)
        #expect(flashed.textDump().contains("read-only: revoke is disabled"))
        let help = render(drive(80, 24, [.key(.char("?"))], readOnly: true))
        assertSnapshot(help, named: "help-read-only-80x24")
        #expect(help.textDump().contains("(read-only: disabled)"))
        let plain = render(drive(80, 24, []), options: RenderOptions(readOnly: true))
        #expect(plain.textDump().contains("read-only"))
        #expect(!plain.textDump().contains("R revoke"))
        #expect(render(drive(80, 24, [])).textDump().contains("R revoke"))
    }

    /// The too-small screen wins; the dialog is kept for when the terminal grows.
    @Test func tooSmallKeepsTheDialog() {
        var s = drive(120, 40, planMsgs)
        s = update(s, .resize(width: 60, height: 20), context: UpdateContext(snapshot: snap)).0
        #expect(s.dialog != nil)
        #expect(render(s).textDump().contains("terminal too small"))
    }

    /// Hostile sizes and strings never crash the modal.
    @Test func hostileInputsDoNotCrash() {
        var huge = plan
        huge.target.identity = String(repeating: "界", count: 3000)
        huge.steps[0].shownArgv = [String(repeating: "a b ", count: 2000), ""]
        huge.steps[0].survivors = [String(repeating: "s", count: 5000)]
        huge.suggestedReason = ""
        var s = drive(80, 24, [.key(.char("R"))])
        s.dialog?.identity = huge.target.identity
        s = update(s, .revokePlan(huge), context: UpdateContext(snapshot: snap)).0
        for (w, h) in [(80, 24), (81, 25), (120, 40), (300, 100)] {
            s.width = w; s.height = h
            _ = render(s)
        }
        let finished = ResponseOutcome(succeeded: true, title: "", detail: "", output: String(repeating: "\n", count: 1000),
                                       ledgerNote: "")
        s.dialog?.stage = .finished(finished)
        _ = render(s)
    }
}
