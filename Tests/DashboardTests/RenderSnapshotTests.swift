import Activity
@testable import Dashboard
import Events
import Testing

@Suite struct RenderSnapshotTests {
    func render(_ w: Int, _ h: Int, snapshot: ActivitySnapshot = Fixture.snapshot,
                sources: [SourceStatus] = Fixture.sources, state: AppState? = nil,
                options: RenderOptions = RenderOptions()) -> CellBuffer {
        let st = state ?? update(Fixture.state(width: w, height: h), .tick, context: UpdateContext(snapshot: snapshot)).0
        return renderDashboard(snapshot: snapshot, sources: sources, state: st, width: w, height: h, options: options)
    }

    @Test(arguments: [(80, 24), (120, 40), (200, 50)])
    func dashboard(size: (Int, Int)) {
        assertSnapshot(render(size.0, size.1), named: "dashboard-\(size.0)x\(size.1)")
    }

    @Test func asciiGlyphs() {
        let b = render(80, 24, options: RenderOptions(ascii: true))
        assertSnapshot(b, named: "dashboard-80x24-ascii")
        #expect(b.textDump().unicodeScalars.allSatisfy { $0.isASCII })
    }

    /// The real model's output: the chain floor first, reasons with their age, and the latest
    /// alert in the Events title (its level in words, not by colour alone).
    @Test func alertAndExplainedScore() {
        var snap = Fixture.snapshot
        let top = snap.identities[0]
        var row = top
        row.reasons = [
            RiskReason(signal: "attack_chain", points: 31, text: "attack chain: 3 stages (recon, access, persistence) within 6 h",
                       lastSeen: Fixture.t(20), count: 3),
            RiskReason(signal: "credential_mint", points: 62, text: "minted a credential: iam:CreateAccessKey on svc-backup",
                       lastSeen: Fixture.t(20)),
            RiskReason(signal: "deny_spike", points: 35, text: "22 denied in 10 min (last: iam:AttachUserPolicy); usual 0.1/h",
                       lastSeen: Fixture.t(95), count: 22),
        ]
        snap.identities[0] = row
        snap.detail?.row = row
        snap.alerts = [Alert(time: Fixture.t(120), identity: top.identity, kind: top.kind, level: .high, previous: .low,
                             risk: 70, reasons: row.reasons)]
        let b = render(120, 40, snapshot: snap)
        assertSnapshot(b, named: "alert-120x40")
        #expect(b.textDump().contains("ALERT 14:30:40 \(top.identity) → HIGH 70"))
        #expect(b.textDump().contains("within 6 h · 20s ago"))
    }

    @Test func tooSmall() {
        assertSnapshot(render(60, 20), named: "too-small-60x20")
        assertSnapshot(render(80, 23), named: "too-small-80x23")
        _ = render(0, 0)
        _ = render(3, 1)
    }

    @Test func helpOpen() {
        let s = update(Fixture.state(width: 80, height: 24), .key(.char("?")), context: UpdateContext(snapshot: Fixture.snapshot)).0
        assertSnapshot(render(80, 24, state: s), named: "help-80x24")
    }

    @Test func pausedWithNewEvents() {
        let ctx = UpdateContext(snapshot: Fixture.snapshot)
        var s = update(Fixture.state(width: 80, height: 24), .key(.char("p")), context: ctx).0
        // Three more events arrive after the pause: the view must not show them.
        var snap = Fixture.snapshot
        snap.totalEvents += 3
        snap.feed += [
            Fixture.ev(0, "LATE-1", .apiKey, "late.one", "x", .deny),
            Fixture.ev(0, "LATE-2", .apiKey, "late.two", "x", .deny),
            Fixture.ev(0, "LATE-3", .apiKey, "late.three", "x", .deny),
        ]
        s = update(s, .tick, context: UpdateContext(snapshot: snap)).0
        #expect(s.newSincePause == 3)
        s.focus = .feed
        let b = render(80, 24, snapshot: snap, state: s)
        #expect(!b.textDump().contains("LATE"))
        #expect(b.textDump().contains("PAUSED · 3 new"))
        assertSnapshot(b, named: "paused-80x24")
    }

    @Test func emptyState() {
        let sources = [SourceStatus(name: "/var/log/cloudtrail/", state: .following),
                       SourceStatus(name: "vault-audit.log", state: .failed, message: "permission denied"),
                       SourceStatus(name: "k8s-audit.log", malformed: 4, state: .waiting)]
        let b = render(80, 24, snapshot: .empty, sources: sources, state: AppState(width: 80, height: 24))
        assertSnapshot(b, named: "empty-80x24")
        let none = render(80, 24, snapshot: .empty, sources: [], state: AppState(width: 80, height: 24))
        #expect(none.textDump().contains("No sources configured."))
    }

    @Test func hostileStrings() {
        let evil = "evil\u{1b}[31mRED\u{1b}[0m\nnext-line\u{202e}gnp.exe\u{200f}"
        let long = String(repeating: "very-long-identity-name-", count: 12) + "END"
        let cjk = "服务账户-支付网关-生产环境-日本語テキスト"
        var rows = Fixture.rows
        rows[0].identity = evil
        rows[1].identity = long
        rows[2].identity = cjk
        rows[0].reasons[0].text = "denied\u{7}\u{8}\u{8}\u{8} bell and backspaces\r\u{9b}2J"
        var feed = Fixture.feed
        feed[feed.count - 1].identity = evil
        feed[feed.count - 1].action = "s3:\u{1b}]0;pwned\u{7}GetObject"
        feed[feed.count - 2].identity = cjk
        feed[feed.count - 2].resource = long
        feed[feed.count - 3].action = "\u{0}\u{1}\u{2}\u{7f}\u{85}"
        var detail = Fixture.detail
        detail.row = rows[0]
        detail.credentials = ["AKIA\u{1b}[2J\u{1b}[H"]
        let snap = ActivitySnapshot(clock: Fixture.clock, totalEvents: 10, eventsPerSecond: 1, identities: rows,
                                    feed: feed, detail: detail)
        let sources = [SourceStatus(name: "bad\u{1b}[5mname.log")]
        var st = Fixture.state(width: 120, height: 40)
        st.selectedIdentity = evil
        let b = renderDashboard(snapshot: snap, sources: sources, state: st, width: 120, height: 40, options: RenderOptions())
        for cell in b.cells {
            let v = cell.scalar.value
            #expect(v >= 0x20 && v != 0x7f && !(0x80..<0xa0).contains(v))
            #expect(DisplayWidth.of(cell.scalar) != nil && DisplayWidth.of(cell.scalar) != 0)
        }
        // Every row is exactly as wide as the screen: nothing overflowed.
        for line in b.textDump().split(separator: "\n", omittingEmptySubsequences: false) {
            #expect(DisplayWidth.of(String(line)) == 120)
        }
        assertSnapshot(b, named: "hostile-120x40")
        assertSnapshot(renderDashboard(snapshot: snap, sources: sources, state: st, width: 80, height: 24,
                                       options: RenderOptions()), named: "hostile-80x24")
    }

    @Test func selectionFollowsIdentityInTheRenderedTable() {
        var s = Fixture.state(width: 80, height: 24)
        s.selectedIdentity = Fixture.rows[3].identity
        let b = render(80, 24, state: s)
        let y = 1 + 2 + 3  // header row, box top, column header, 4th identity
        #expect(b[x: 10, y: y].role == .cursorRow)
        #expect(b.textDump().split(separator: "\n")[y].contains("41 M"))
    }
}
