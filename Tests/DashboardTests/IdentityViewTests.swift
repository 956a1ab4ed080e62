import Activity
@testable import Dashboard
import Events
import Testing

/// The full-screen identity view and its raw record, drawn from a snapshot the real
/// aggregator made out of events.
@Suite struct IdentityViewTests {
    static let bot = "ci-deploy-bot"
    static let keyA = "AKIA2OGYBAH6EXAMPLEKEY"
    static let keyB = "ASIA5NEWSESSIONKEY0001"

    /// 30 events of `ci-deploy-bot` over the last 40 minutes (denies at 35, 12 and 2 minutes
    /// ago), two keys and two addresses, plus another identity's noise.
    /// A clock of its own (not `Fixture`'s, which follows the demo), so the goldens stay put.
    static let clock = EventTime(seconds: CivilTime(year: 2026, month: 11, day: 29, hour: 14, minute: 32, second: 40).epochSeconds)
    static func t(_ secondsAgo: Int64) -> EventTime { clock.adding(seconds: -secondsAgo) }
    static let sources = [SourceStatus(name: "trail.json", format: .cloudtrail, events: 31)]

    /// As `Fixture.ev`, on this suite's clock; `line` is where the record starts in trail.json.
    static func ev(_ ago: Int64, _ id: String, _ kind: IdentityKind, _ action: String, _ resource: String,
                   _ d: Decision, ip: String = "10.0.0.5", cred: String = "", format: SourceFormat = .cloudtrail,
                   line: Int64 = 1) -> NormalizedEvent {
        NormalizedEvent(time: t(ago), identity: id, identityKind: kind, action: action, resource: resource, decision: d,
                        sourceIP: ip, credentialID: cred, format: format, origin: EventOrigin(source: "trail.json", line: line))
    }

    static let events: [NormalizedEvent] = {
        var out: [NormalizedEvent] = []
        func bot(_ ago: Int64, _ action: String, _ resource: String, _ d: Decision, ip: String, cred: String) {
            out.append(Self.ev(ago, Self.bot, .ciJob, action, resource, d, ip: ip, cred: cred, line: Int64(out.count + 1)))
        }
        for k in 0..<20 {
            bot(2400 - Int64(k) * 60, "s3:GetObject", "arn:aws:s3:::artifacts/build-\(k).tgz", .allow,
                ip: "10.0.0.5", cred: keyA)
        }
        bot(35 * 60 + 10, "iam:ListUsers", "*", .deny, ip: "10.0.0.5", cred: keyA)
        bot(12 * 60 + 5, "iam:CreateUser", "arn:aws:iam::123456789012:user/backdoor", .deny, ip: "203.0.113.77", cred: keyB)
        bot(10 * 60, "sts:GetCallerIdentity", "*", .allow, ip: "203.0.113.77", cred: keyB)
        bot(8 * 60, "iam:CreateAccessKey", "arn:aws:iam::123456789012:user/admin", .allow, ip: "203.0.113.77", cred: keyB)
        bot(6 * 60, "secretsmanager:GetSecretValue", "prod/db/password", .allow, ip: "203.0.113.77", cred: keyB)
        bot(5 * 60, "secretsmanager:GetSecretValue", "prod/stripe/key", .allow, ip: "203.0.113.77", cred: keyB)
        bot(4 * 60, "secretsmanager:GetSecretValue", "prod/api/token", .allow, ip: "203.0.113.77", cred: keyB)
        bot(2 * 60 + 30, "iam:AttachUserPolicy", "arn:aws:iam::123456789012:user/backdoor", .deny,
            ip: "203.0.113.77", cred: keyB)
        bot(60, "s3:ListBuckets", "*", .allow, ip: "203.0.113.77", cred: keyB)
        bot(1, "secretsmanager:GetSecretValue", "prod/db/password", .allow, ip: "203.0.113.77", cred: keyB)
        out.append(Self.ev(0, "billing-exporter", .service, "data.billing.allow", "invoices/2026-11", .allow, format: .opa))
        return out.sorted { $0.time < $1.time }
    }()

    /// The aggregator, keeping 16 events per identity (the timeline is then shorter than the
    /// identity's 30 events, as for a quiet identity).
    static func aggregator(_ events: [NormalizedEvent] = events) -> ActivityAggregator {
        var limits = ActivityLimits()
        limits.recentPerIdentity = 16
        limits.timelinePerIdentity = 16
        var agg = ActivityAggregator(limits: limits)
        for e in events { agg.ingest(e) }
        return agg
    }

    static func snapshot(_ events: [NormalizedEvent] = events) -> ActivitySnapshot {
        aggregator(events).snapshot(detailFor: bot)
    }

    static func state(_ w: Int, _ h: Int, cursor: Int = 0, scroll: Int = 0, record: RawRecordView? = nil) -> AppState {
        var s = AppState(width: w, height: h)
        s.selectedIdentity = bot
        var view = IdentityViewState(identity: bot)
        view.cursor = cursor
        view.scroll = scroll
        view.record = record
        s.identityView = view
        return s
    }

    static func render(_ w: Int, _ h: Int, snapshot: ActivitySnapshot = snapshot(), state: AppState? = nil,
                       options: RenderOptions = RenderOptions()) -> CellBuffer {
        renderDashboard(snapshot: snapshot, sources: sources, state: state ?? Self.state(w, h),
                        width: w, height: h, options: options)
    }

    static func lines(_ b: CellBuffer) -> [String] { b.textDump().split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    /// Rows of the timeline box (after its column header), as text, top to bottom.
    static func timelineRows(_ b: CellBuffer) -> [(y: Int, text: String)] {
        let layout = IdentityViewLayout(width: b.width, height: b.height)
        let t = layout.timeline
        let all = lines(b)
        return (0..<layout.timelineRows).map { i in
            let y = t.y + 2 + i
            let chars = Array(all[y].unicodeScalars)
            var view = String.UnicodeScalarView()
            view.append(contentsOf: chars[(t.x + 1)..<min(chars.count, t.x + t.width - 1)])
            return (y, String(view))
        }.filter { !$0.text.allSatisfy { $0 == " " } }
    }

    @Test(arguments: [(80, 24), (120, 40), (200, 50)])
    func goldens(size: (Int, Int)) {
        assertSnapshot(Self.render(size.0, size.1), named: "identity-view-\(size.0)x\(size.1)")
    }

    /// The score with its level word and letter, and each contribution with its points,
    /// signal, reason and when, in every layout.
    @Test(arguments: [(80, 24), (120, 40), (200, 50)])
    func contributionsExplained(size: (Int, Int)) throws {
        let snap = Self.snapshot()
        let row = try #require(snap.detail?.row)
        #expect(!row.reasons.isEmpty)
        let text = Self.render(size.0, size.1, snapshot: snap).textDump()
        let level = RiskLevel(score: row.risk)
        #expect(text.contains("\(row.risk) \(level.display) (\(level.letter))"))
        for reason in row.reasons {
            #expect(text.contains("+\(reason.points) \(reason.signal)"), "\(reason.signal) at \(size)")
            #expect(text.contains(String(reason.text.prefix(12))), "\(reason.text) at \(size)")
            #expect(text.contains(reason.lastSeen.clock), "when of \(reason.signal) at \(size)")
        }
        #expect(text.contains(Self.bot))
        #expect(text.contains("ci_job"))
        #expect(text.contains("cloudtrail"))
    }

    /// Credentials and addresses with when the timeline saw them: the timeline holds 16 of
    /// 30 events, so a first-seen is only a bound; a key no longer in it says so.
    @Test func credentialsAndAddressesWithFirstAndLastSeen() {
        let text = Self.render(200, 50).textDump()
        #expect(text.contains("credentials"))
        #expect(text.contains(Self.keyA))
        #expect(text.contains(Self.keyB))
        #expect(text.contains("203.0.113.77"))
        #expect(text.contains("10.0.0.5"))
        // keyB: first in the timeline 12m ago (its first deny), last 1s ago; the timeline
        // does not reach back to the identity's first event, hence "≥".
        #expect(text.contains("\(Self.keyB)  first ≥ 12m ago, last 1s ago"))
        // keyA's first use (40m ago) is older than the 16 kept (back to 27m ago): a bound.
        #expect(text.contains("\(Self.keyA)  first ≥ 27m ago, last 21m ago"))
        #expect(text.contains("10.0.0.5  first ≥ 27m ago, last 21m ago"))
        // The stacked form at 80×24 says the same, inline.
        let compact = Self.render(80, 24).textDump()
        #expect(compact.contains("\(Self.keyB) (first ≥ 12m ago, last 1s ago)"))
    }

    /// With every event kept, first-seen times are exact (no "≥").
    @Test func exactFirstSeenWhenTheTimelineIsComplete() {
        let few = Self.events.filter { $0.time >= Self.t(13 * 60) }
        let text = Self.render(200, 50, snapshot: Self.snapshot(few)).textDump()
        #expect(text.contains("\(Self.keyB)  first 12m ago, last 1s ago"))
        #expect(!text.contains("≥ 12m"))
        #expect(!text.contains("events kept"))
    }

    /// Deny minutes: the curve's column in the error role and an `×` under it, so it is not
    /// colour alone; minutes without a deny have neither.
    @Test(arguments: [(80, 24), (120, 40)])
    func sparklineMarksDenies(size: (Int, Int)) throws {
        let b = Self.render(size.0, size.1)
        let all = Self.lines(b)
        let markY = try #require(all.firstIndex { $0.contains("│denied") })
        let sparkY = markY - 1
        #expect(all[sparkY].contains("60 min"))
        let row = Array(all[markY].unicodeScalars)
        let crosses = row.indices.filter { row[$0] == "×" }
        // Denies 12 and 2 minutes ago are in the 16 kept events (the one 35 minutes ago is not).
        #expect(crosses.count == 2, "\(all[markY])")
        for x in crosses {
            #expect(b[x: x, y: markY].role == .error)
            #expect(b[x: x, y: sparkY].role == .error)
        }
        // The newest column is the clock's minute: the deny 2m30s ago is 3 columns left of it.
        let last = try #require(crosses.last)
        let nowColumn = try #require(Array(all[sparkY].unicodeScalars).indices.last { b[x: $0, y: sparkY].role == .sparkline || b[x: $0, y: sparkY].role == .error })
        #expect(nowColumn - last <= 3)
        // Older minutes with activity the timeline no longer holds are marked unknown, not clean.
        #expect(row.contains("?"))
        for x in row.indices where b[x: x, y: sparkY].role == .sparkline { #expect(row[x] != "×") }
    }

    /// Newest first, the cursor line highlighted, and the note that only the last events are kept.
    @Test func timelineNewestFirstWithCursor() throws {
        let snap = Self.snapshot()
        let recent = try #require(snap.detail?.recent)
        let b = Self.render(200, 50, snapshot: snap, state: Self.state(200, 50, cursor: 2))
        let rows = Self.timelineRows(b)
        #expect(rows.count == recent.count)
        let times = rows.map { String($0.text.prefix(8)) }
        #expect(times == recent.reversed().map(\.time.clock))
        #expect(rows[0].text.contains("ALLOW"))
        #expect(rows[0].text.contains("secretsmanager:GetSecretValue"))
        #expect(rows.contains { $0.text.contains("DENY") && $0.text.contains("iam:AttachUserPolicy") })
        let t = IdentityViewLayout(width: 200, height: 50).timeline
        for (i, row) in rows.enumerated() {
            let role = b[x: t.x + 1, y: row.y].role
            #expect((role == .cursorRow) == (i == 2), "row \(i)")
        }
        #expect(b.textDump().contains("Timeline · last 16 of 30 events kept"))
        #expect(b.textDump().contains("1-16 of 16"))
    }

    /// A timeline longer than the box: the cursor stays in sight, the position is shown, and a
    /// stale scroll is re-clamped as in the identity table.
    @Test(arguments: [(80, 24), (120, 40), (200, 50)])
    func scrollingKeepsTheCursorVisible(size: (Int, Int)) throws {
        var snap = Self.snapshot()
        var detail = try #require(snap.detail)
        // Longer than any box: the same events repeated (only the scrolling is under test).
        detail.recent = Array(repeating: Self.events.filter { $0.identity == Self.bot }, count: 4).flatMap { $0 }
        snap.detail = detail
        let count = detail.recent.count
        let layout = IdentityViewLayout(width: size.0, height: size.1)
        let visible = layout.timelineRows
        #expect(visible > 3)

        let cursor = count - 5
        let b = Self.render(size.0, size.1, snapshot: snap, state: Self.state(size.0, size.1, cursor: cursor, scroll: 0))
        let rows = Self.timelineRows(b)
        #expect(rows.count == visible)
        let top = cursor - visible + 1
        #expect(b.textDump().contains("\(top + 1)-\(cursor + 1) of \(count)"))
        let t = layout.timeline
        #expect(b[x: t.x + 1, y: rows[visible - 1].y].role == .cursorRow)

        // Scroll past the end (a stale state): clamped, the cursor at the top still shown.
        let b2 = Self.render(size.0, size.1, snapshot: snap, state: Self.state(size.0, size.1, cursor: 3, scroll: 10_000))
        #expect(b2.textDump().contains("4-\(3 + visible) of \(count)"))
        #expect(b2[x: t.x + 1, y: Self.timelineRows(b2)[0].y].role == .cursorRow)
    }

    @Test func footerShowsTheViewKeys() {
        let text = Self.render(80, 24).textDump()
        let footer = Self.lines(Self.render(80, 24))[23]
        #expect(footer.contains("j/k move  Enter raw record  Esc back  R revoke"))
        #expect(!text.contains("Tab pane"))
        var s = Self.state(80, 24)
        s.readOnly = true
        let ro = Self.lines(Self.render(80, 24, state: s))[23]
        #expect(ro.contains("read-only"))
        #expect(!ro.contains("R revoke"))
    }

    @Test func asciiOnly() {
        let b = Self.render(80, 24, options: RenderOptions(ascii: true))
        #expect(b.textDump().unicodeScalars.allSatisfy { $0.isASCII })
        #expect(b.textDump().contains("first >= "))
        #expect(b.textDump().contains("denied"))
    }

    /// Before the loop has the identity's detail (the first frame), and for an identity gone.
    @Test func withoutDetail() {
        var snap = Self.snapshot()
        snap.detail = nil
        let text = Self.render(80, 24, snapshot: snap).textDump()
        #expect(text.contains(Self.bot))
        #expect(text.contains("loading"))
        var s = Self.state(80, 24)
        s.identityView = IdentityViewState(identity: "nobody")
        #expect(Self.render(80, 24, snapshot: snap, state: s).textDump().contains("no activity kept"))
    }

    // MARK: The raw record

    static let hostile: RawRecordView = {
        var lines = ["{", "  \"eventName\": \"CreateUser\","]
        // A long value with escapes and wide characters: wrapped inside the box, never past it.
        lines.append("  \"userAgent\": \"" + String(repeating: "evil\u{1B}[31m 日本語 \u{202E}gnp.exe ", count: 12) + "\",")
        for k in 0..<40 { lines.append("  \"k\(k)\": \(k),") }
        lines.append("}")
        return RawRecordView(title: "trail.json line 1204", lines: lines)
    }()

    @Test(arguments: [(80, 24), (120, 40)])
    func rawRecordStaysInItsBox(size: (Int, Int)) {
        let (w, h) = size
        let b = Self.render(w, h, state: Self.state(w, h, record: Self.hostile))
        let all = Self.lines(b)
        #expect(all[1].contains("trail.json line 1204"))
        let layout = IdentityViewLayout(width: w, height: h)
        let r = layout.record
        for y in (r.y + 1)..<(r.y + r.height - 1) {
            #expect(b[x: r.x, y: y].scalar == "│" && b[x: r.x + r.width - 1, y: y].scalar == "│", "row \(y)")
        }
        #expect(all[r.y + r.height - 1].contains("lines 1-"))
        // The long line is wrapped: its escape text shows, on more than one row, with no number.
        let text = b.textDump()
        #expect(text.contains("\\u{1B}"))
        #expect(text.contains("\\u{202E}"))
        #expect(!text.unicodeScalars.contains("\u{1B}"))
        #expect(all[r.y + 3].hasPrefix("│ 3 "))
        #expect(all[r.y + 4].hasPrefix("│   "))
        #expect(all[h - 1].contains("Esc back"))
        if w == 80 { assertSnapshot(b, named: "identity-record-80x24") }
    }

    /// Scrolled to the end (display lines, wrapped ones included): the last line is on screen.
    @Test func rawRecordScrollsToItsEnd() {
        let layout = IdentityViewLayout(width: 80, height: 24)
        var record = Self.hostile
        let max = layout.recordMaxScroll(record)
        #expect(max > record.lines.count - layout.recordRows)  // wrapping made it longer
        #expect(max == layout.recordDisplayLines(record) - layout.recordRows)
        record.scroll = Int.max / 2  // stale: clamped by the view
        let b = Self.render(80, 24, state: Self.state(80, 24, record: record))
        let all = Self.lines(b)
        #expect(all[layout.record.y + layout.recordRows].contains("}"))
        #expect(all[layout.record.y + layout.record.height - 1].contains("of 44"))
        #expect(all[layout.record.y + layout.record.height - 1].contains("-44 of 44"))
    }

    @Test func rawRecordProblem() throws {
        let record = RawRecordView(title: "stdin line 88", lines: [],
                                   problem: "cannot read the record back: standard input is not kept")
        let b = Self.render(80, 24, state: Self.state(80, 24, record: record))
        let all = Self.lines(b)
        #expect(all[1].contains("stdin line 88"))
        let y = try #require(all.firstIndex { $0.contains("cannot read the record back") })
        let x = Array(all[y].unicodeScalars).firstIndex(of: "c")!
        #expect(b[x: x, y: y].role == .warn)
        #expect(all[y + 2].contains("press Esc to go back"))
        assertSnapshot(b, named: "identity-record-problem-80x24")
    }

    /// The page sizes `update` reads are the rows the view draws.
    @Test(arguments: [(80, 24), (120, 40), (200, 50), (100, 30)])
    func layoutMatchesTheDrawing(size: (Int, Int)) {
        let layout = IdentityViewLayout(width: size.0, height: size.1)
        #expect(layout.isWide == (size.0 >= IdentityViewLayout.wideFromWidth))
        #expect(layout.timelineRows >= 5)
        #expect(layout.recordRows == size.1 - 4)
        let t = layout.timeline
        #expect(t.y + t.height == size.1 - 1)
        #expect(layout.summary.y == 1)
    }
}
