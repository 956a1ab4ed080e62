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

    /// The real model's output: reasons with their age, and the latest alert in the Events
    /// title (its level in words, not by colour alone).
    @Test func alertAndExplainedScore() throws {
        let snap = Fixture.snapshot
        let alert = try #require(snap.alerts.last)
        let b = render(120, 40, snapshot: snap)
        assertSnapshot(b, named: "alert-120x40")
        let title = "ALERT \(alert.time.clock) \(alert.identity) → \(alert.level.display)"
        #expect(b.textDump().contains(title))
        let top = try #require(snap.detail?.row.reasons.first)
        #expect(b.textDump().contains("+\(top.points) "))
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
        var aggregator = DemoReplay.standard
        for n in 1...3 { aggregator.ingest(Fixture.ev(0, "LATE-\(n)", .apiKey, "late.\(n)", "x", .deny)) }
        let snap = aggregator.snapshot(detailFor: nil, feedLimit: 400)
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

    /// Hostile strings in every field, fed through the aggregator like any event: the
    /// screen shows them made visible and never lets one move the cursor or overflow a cell.
    @Test func hostileStrings() {
        let evil = "evil\u{1b}[31mRED\u{1b}[0m\nnext-line\u{202e}gnp.exe\u{200f}"
        let long = String(repeating: "very-long-identity-name-", count: 12) + "END"
        let cjk = "服务账户-支付网关-生产环境-日本語テキスト"
        var aggregator = DemoReplay.standard
        // Denied admin actions lift `evil` to the top, so its detail and reasons are on screen.
        for i in 0..<12 {
            aggregator.ingest(Fixture.ev(Int64(12 - i), evil, .awsUser, "iam:CreateAccessKey\u{7}\u{8}\u{8}\r\u{9b}2J",
                                         "arn:aws:iam::1:user/\u{1b}]0;pwned\u{7}admin-\(i)", .deny,
                                         ip: "203.0.113.\(i)\u{1b}[2J", cred: "AKIA\u{1b}[2J\u{1b}[H"))
        }
        aggregator.ingest(Fixture.ev(0, long, .apiKey, "s3:\u{1b}]0;pwned\u{7}GetObject", long, .allow))
        aggregator.ingest(Fixture.ev(0, cjk, .k8sServiceAccount, "\u{0}\u{1}\u{2}\u{7f}\u{85}", cjk, .error,
                                     format: .k8sAudit))
        let snap = aggregator.snapshot(detailFor: evil, feedLimit: 400)
        let sources = [SourceStatus(name: "bad\u{1b}[5mname.log")]
        var st = Fixture.state(width: 120, height: 40)
        st.selectedIdentity = evil
        st.selectionMoved = true
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
        #expect(b.textDump().contains("evil"))
        assertSnapshot(b, named: "hostile-120x40")
        assertSnapshot(renderDashboard(snapshot: snap, sources: sources, state: st, width: 80, height: 24,
                                       options: RenderOptions()), named: "hostile-80x24")
    }

    @Test func selectionFollowsIdentityInTheRenderedTable() {
        var s = Fixture.state(width: 80, height: 24)
        s.selectedIdentity = Fixture.rows[3].identity
        s.selectionMoved = true
        let b = render(80, 24, state: s)
        let y = 1 + 2 + 3  // header row, box top, column header, 4th identity
        #expect(b[x: 10, y: y].role == .cursorRow)
        let row = Fixture.rows[3]
        #expect(b.textDump().split(separator: "\n")[y].contains("\(row.risk) \(RiskLevel(score: row.risk).letter)"))
    }
}
