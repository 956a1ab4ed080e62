import Activity
@testable import Dashboard
import Events
import Testing

/// The main screen's views for issue #10 (sort mark, filter line and counts, the table at
/// 80 and 200 columns, the alerts and revocations panes), drawn from a snapshot the real
/// `ActivityAggregator` makes of events: the rows are what the model says, not hand-built.
enum MainScreen {
    /// The screens' clock: 14:32:40 UTC, the newest event.
    static let clock = EventTime(seconds: CivilTime(year: 2026, month: 11, day: 29, hour: 14, minute: 32, second: 40).epochSeconds)

    static func ev(_ ago: Int64, _ id: String, _ kind: IdentityKind, _ action: String, _ resource: String,
                   _ d: Decision, ip: String = "10.0.0.5", cred: String = "", format: SourceFormat = .cloudtrail) -> NormalizedEvent {
        NormalizedEvent(time: clock.adding(seconds: -ago), identity: id, identityKind: kind, action: action, resource: resource,
                        decision: d, sourceIP: ip, credentialID: cred, format: format,
                        origin: EventOrigin(source: "trail.json", line: 1))
    }

    static let sources = [SourceStatus(name: "trail.json", format: .cloudtrail, events: 1_000)]
    static let aws = "arn:aws:iam::123456789012:"
    /// The identity whose key leaks: an hour of routine, then whoami, denied enumeration and a minted key.
    static let leak = aws + "user/svc-reporting"
    static let routine: [(String, IdentityKind, SourceFormat, String, String)] = [
        ("system:serviceaccount:payments:api-gateway", .k8sServiceAccount, .k8sAudit, "get secrets", "payments/stripe-key"),
        ("system:serviceaccount:payments:ledger-writer", .k8sServiceAccount, .k8sAudit, "update configmaps", "payments/ledger"),
        ("system:serviceaccount:monitoring:prometheus", .k8sServiceAccount, .k8sAudit, "list pods", "pods"),
        (aws + "role/payments-batch-processor", .awsRole, .cloudtrail, "s3:PutObject", "payments-exports"),
        (aws + "role/terraform-ci", .awsRole, .cloudtrail, "eks:DescribeCluster", "prod-eu"),
        ("ci-deploy-bot", .ciJob, .github, "contents.write", "acme/api"),
        ("support-agent-gpt", .aiAgent, .nhitop, "tickets.read", "ticket/88213"),
        ("vault-token:hvs.CAES7f2a", .vaultToken, .vault, "read", "secret/data/prod/db"),
        ("github-app/renovate", .githubApp, .github, "pull_request.create", "acme/web"),
        ("gh-token:release", .githubToken, .github, "git.push", "acme/api"),
        ("apikey:mobile-app-prod", .apiKey, .nhitop, "GET /v1/catalog", "/v1/catalog"),
        ("billing-exporter", .service, .opa, "data.billing.allow", "invoices/2026-11"),
        ("terraform-cloud", .workload, .cloudtrail, "sts:AssumeRole", aws + "role/tf"),
    ]

    /// Half an hour of routine for each identity (one event every 30 s, a few denied), and the
    /// leak. With `incident: false`, routine only: no alert.
    static func events(incident: Bool = true) -> [NormalizedEvent] {
        var out: [NormalizedEvent] = []
        for (n, (id, kind, format, action, resource)) in routine.enumerated() {
            for ago in stride(from: Int64(1_800), through: Int64(n % 5), by: -30) {
                let d: Decision = (ago / 30 + Int64(n)) % 11 == 0 ? .deny : .allow
                out.append(ev(ago, id, kind, action, resource, d, format: format))
            }
        }
        guard incident else { return out }
        // Two leaks: an older one on another key, then the key the screens are about (the newest alert).
        out += leakEvents(aws + "user/backup-agent", key: "AKIA2", at: 1_500)
        out += leakEvents(leak, key: "AKIA1", at: 100)
        return out
    }

    /// An hour of routine for a key, then whoami from a new network, denied enumeration and a minted key.
    static func leakEvents(_ id: String, key: String, at start: Int64) -> [NormalizedEvent] {
        var out: [NormalizedEvent] = []
        for ago in stride(from: start + 3_500, to: start, by: -30) {
            out.append(ev(ago, id, .awsUser, "s3:GetObject", "reports/r\(ago % 4)", .allow, ip: "192.0.2.10", cred: key))
        }
        out.append(ev(start, id, .awsUser, "sts:GetCallerIdentity", "", .allow, ip: "203.0.113.9", cred: key))
        for (i, svc) in ["ec2", "iam", "s3", "rds", "lambda", "kms", "sns", "sqs"].enumerated() {
            out.append(ev(start - 1 - Int64(i), id, .awsUser, "\(svc):List\(i)", "*", .deny, ip: "203.0.113.9", cred: key))
        }
        out.append(ev(start - 20, id, .awsUser, "iam:CreateAccessKey", "user/other", .allow, ip: "203.0.113.9", cred: key))
        return out
    }

    static func aggregator(incident: Bool = true) -> ActivityAggregator {
        var a = ActivityAggregator()
        for e in events(incident: incident).sorted(by: { $0.time < $1.time }) { a.ingest(e) }
        return a
    }

    /// One frame as the live loop draws it: the state's query to the aggregator, then the view.
    static func render(_ w: Int, _ h: Int, incident: Bool = true, options: RenderOptions = RenderOptions(),
                       revocations: [RevocationEntry] = [], _ configure: (inout AppState) -> Void = { _ in },
                       adjust: (inout ActivitySnapshot) -> Void = { _ in }) -> (CellBuffer, ActivitySnapshot) {
        var state = AppState(width: w, height: h)
        configure(&state)
        var snap = aggregator(incident: incident).snapshot(query: state.query, detailFor: state.selectedIdentity)
        adjust(&snap)
        let buf = renderDashboard(snapshot: snap, sources: sources, state: state, width: w, height: h,
                                  options: options, revocations: revocations)
        return (buf, snap)
    }

    // Reading the screen back.

    static func lines(_ b: CellBuffer) -> [String] { b.textDump().components(separatedBy: "\n") }

    /// The text of a rectangle's rows, its border included.
    static func text(_ b: CellBuffer, _ r: DashboardLayout.Rect) -> [String] {
        lines(b)[r.y..<(r.y + r.height)].map { String(Array($0.unicodeScalars)[r.x..<(r.x + r.width)].map(Character.init)) }
    }

    /// The role code of the first column of `needle` on row `y`, if it is there (one column a scalar).
    static func role(of needle: String, in b: CellBuffer, row y: Int) -> Character? {
        let line = Array(lines(b)[y].unicodeScalars)
        let n = Array(needle.unicodeScalars)
        guard n.count <= line.count else { return nil }
        for x in 0...(line.count - n.count) where Array(line[x..<(x + n.count)]) == n {
            return Array(b.styleDump().components(separatedBy: "\n")[y])[x]
        }
        return nil
    }

    /// The row (screen y) inside `r` whose text contains `needle`.
    static func row(containing needle: String, in b: CellBuffer, _ r: DashboardLayout.Rect) -> Int? {
        text(b, r).firstIndex { $0.contains(needle) }.map { r.y + $0 }
    }

    static let sizes = [(80, 24), (120, 40), (200, 50)]
}

@Suite struct MainScreenTests {
    typealias M = MainScreen

    // MARK: Sort

    @Test(arguments: MainScreen.sizes)
    func theSortedColumnIsMarked(size: (Int, Int)) {
        let (w, h) = size
        let table = DashboardLayout(width: w, height: h).identities
        let header = { (b: CellBuffer) in M.text(b, table)[1] }
        let title = { (b: CellBuffer) in M.text(b, table)[0] }

        let (plain, snap) = M.render(w, h)
        #expect(header(plain).contains("RISK▼"))
        #expect(!header(plain).contains("DENY▼"))
        #expect(!title(plain).contains("sorted"), "the default order is not announced")
        #expect(title(plain).contains("Identities (\(snap.identities.count))"))

        let (denied, _) = M.render(w, h) { $0.sort = IdentitySort(key: .denied) }
        #expect(header(denied).contains("EV/M DENY▼ SEEN"), "the mark never touches a neighbour")
        #expect(!header(denied).contains("RISK▼"))
        #expect(title(denied).contains("sorted by denied"))

        let (rate, _) = M.render(w, h) { $0.sort = IdentitySort(key: .rate, reversed: true) }
        #expect(header(rate).contains("EV/M▲ DENY SEEN"))
        // At 80 columns the title shortens to fit the edge, the order still said.
        #expect(title(rate).contains(w >= 120 ? "sorted by events/min, reversed" : "by events/min ▲"))

        let (seen, _) = M.render(w, h) { $0.sort = IdentitySort(key: .lastSeen) }
        #expect(header(seen).contains("EV/M DENY SEEN▼"))

        let (name, _) = M.render(w, h) { $0.sort = IdentitySort(key: .name) }
        #expect(header(name).contains("IDENTITY▲"), "names A to Z")
        let (nameDown, _) = M.render(w, h) { $0.sort = IdentitySort(key: .name, reversed: true) }
        #expect(header(nameDown).contains("IDENTITY▼"))
    }

    @Test func theSortMarkInASCII() {
        let (b, _) = M.render(80, 24, options: RenderOptions(ascii: true)) { $0.sort = IdentitySort(key: .denied) }
        #expect(M.text(b, DashboardLayout(width: 80, height: 24).identities)[1].contains("DENYv"))
        let (up, _) = M.render(80, 24, options: RenderOptions(ascii: true)) { $0.sort = IdentitySort(key: .name) }
        #expect(M.text(up, DashboardLayout(width: 80, height: 24).identities)[1].contains("IDENTITY^"))
        #expect(M.text(b, DashboardLayout(width: 80, height: 24).identities).joined().unicodeScalars.allSatisfy { $0.isASCII })
    }

    // MARK: Filter

    @Test(arguments: MainScreen.sizes)
    func theFilterLineWhileTyping(size: (Int, Int)) {
        let (w, h) = size
        let (b, _) = M.render(w, h) { $0.find = FindState(text: "payments", editing: true) }
        let footer = M.lines(b)[h - 1]
        #expect(footer.hasPrefix(" /payments█"))
        #expect(footer.contains("Enter keep"))
        #expect(footer.contains("Esc clear"))
        #expect(!footer.contains("focus:"), "the filter line replaces the key hints")
        #expect(M.role(of: "/", in: b, row: h - 1) == StyleRole.keyHint.code)
        #expect(!M.lines(b)[0].contains("payments"), "the header shows the filter once it is kept")
    }

    @Test func theFilterLineSaysWhyARegexIsInvalid() {
        let (b, _) = M.render(80, 24) { $0.find = FindState(text: "~(pay", editing: true, error: "unbalanced parenthesis at 4") }
        let footer = M.lines(b)[23]
        #expect(footer.hasPrefix(" /~(pay█"))
        #expect(footer.contains("unbalanced parenthesis at 4"))
        #expect(M.role(of: "unbalanced", in: b, row: 23) == StyleRole.error.code)
    }

    @Test func aLongFilterKeepsItsEndInSight() {
        let text = String(repeating: "x", count: 100) + "TAIL"
        let (b, _) = M.render(80, 24) { $0.find = FindState(text: text, editing: true) }
        #expect(M.lines(b)[23].contains("TAIL█"))
    }

    @Test(arguments: MainScreen.sizes)
    func aFilterInForceIsCountedInTheHeaderAndTitles(size: (Int, Int)) {
        let (w, h) = size
        let layout = DashboardLayout(width: w, height: h)
        let (b, snap) = M.render(w, h) { $0.find = FindState(text: "payments", editing: false) }
        let shown = snap.identities.count, total = snap.identityTotal
        #expect(shown > 0 && shown < total, "the aggregator filtered: \(shown) of \(total)")
        #expect(snap.identities.allSatisfy { $0.identity.contains("payments") })
        let header = M.lines(b)[0]
        #expect(header.contains((w >= 100 ? "filter: payments" : "/payments") + " · \(shown) of \(total)"))
        #expect(M.role(of: "\(shown) of \(total)", in: b, row: 0) == StyleRole.alertNew.code)
        #expect(M.text(b, layout.identities)[0].contains("Identities (\(shown) of \(total))"))
        #expect(M.text(b, layout.feed)[0].contains("Events (filtered: payments)"))
        #expect(M.lines(b)[h - 1].contains("focus:"), "kept: the footer has its key hints back")
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func aFilterThatMatchesNothingSaysSo(size: (Int, Int)) throws {
        let (w, h) = size
        let (b, snap) = M.render(w, h) { $0.find = FindState(text: "zzz-nothing", editing: false) }
        #expect(snap.identities.isEmpty)
        let table = M.text(b, DashboardLayout(width: w, height: h).identities).joined(separator: "\n")
        #expect(table.contains("No identity matches /zzz-nothing"))
        #expect(table.contains("Esc clears"))
        let y = try #require(M.row(containing: "No identity", in: b, DashboardLayout(width: w, height: h).identities))
        #expect(M.role(of: "No identity matches", in: b, row: y) == StyleRole.warn.code)
        #expect(!table.contains("Waiting for events"))
        #expect(M.text(b, DashboardLayout(width: w, height: h).identities)[0].contains("Identities (0 of \(snap.identityTotal))"))
    }

    // MARK: Table layout

    @Test func at80ColumnsTheKindShortensAndTheIdentityKeepsItsRoom() {
        let layout = DashboardLayout(width: 80, height: 24)
        let (b, _) = M.render(80, 24)
        let table = M.text(b, layout.identities)
        let body = table.dropFirst(2).joined(separator: "\n")
        #expect(body.contains(" sa "), "k8s_sa as `sa`")
        #expect(!body.contains("k8s_sa"))
        #expect(body.contains(" user "), "the leaked aws_user as `user`")
        let cols = IdentityColumns(inner: layout.identities.width - 2)
        #expect(cols.identity >= 20)
        #expect(cols.shortKind && cols.kind <= 4)
        // A long identity is cut in the middle to the column, its tail (the specific part) kept.
        let gw = table.first { $0.contains("api-gateway") }
        #expect(gw != nil && gw!.contains("…"))
        #expect(IdentityKind.allCases.allSatisfy { DisplayWidth.of($0.shortLabel) <= 4 })
        #expect(Set(IdentityKind.allCases.map(\.shortLabel)).count == IdentityKind.allCases.count, "short kinds are distinct")
    }

    @Test func at120ColumnsTheKindIsSpelledOut() {
        let (b, _) = M.render(120, 40)
        let body = M.text(b, DashboardLayout(width: 120, height: 40).identities).dropFirst(2).joined(separator: "\n")
        #expect(body.contains("k8s_sa"))
        #expect(body.contains("aws_user"))
        #expect(!body.contains("LAST 20 MIN"))
    }

    @Test func theKindColumnGoesBeforeTheIdentityIsCutShort() {
        let narrow = IdentityColumns(inner: 40)  // 18 left after the fixed columns
        #expect(narrow.kind == 0 && narrow.identity == 19)
        let wide = IdentityColumns(inner: 100)
        #expect(wide.kind == 11 && !wide.shortKind)
    }

    @Test func from200ColumnsTheTableHasASparkline() throws {
        let layout = DashboardLayout(width: 200, height: 50)
        let (b, snap) = M.render(200, 50)
        #expect(snap.identities.contains { !$0.perMinute.isEmpty }, "the query asked for per-minute counts")
        let table = M.text(b, layout.identities)
        #expect(table[1].contains("LAST 20 MIN"))
        let spark = Set(Glyphs.unicode.sparkLevels)
        let y = try #require(M.row(containing: "prometheus", in: b, layout.identities))
        #expect(M.lines(b)[y].unicodeScalars.contains { spark.contains($0) })
        #expect(b.styleDump().components(separatedBy: "\n")[y].contains(StyleRole.sparkline.code))

        let (ascii, _) = M.render(200, 50, options: RenderOptions(ascii: true))
        let asciiRow = try #require(M.row(containing: "prometheus", in: ascii, layout.identities))
        #expect(ascii.styleDump().components(separatedBy: "\n")[asciiRow].contains(StyleRole.sparkline.code))
        #expect(M.text(ascii, layout.identities).joined().unicodeScalars.allSatisfy { $0.isASCII })
    }

    // MARK: Bottom area

    @Test(arguments: MainScreen.sizes)
    func theFeedSaysHowToSwitchViews(size: (Int, Int)) {
        let (w, h) = size
        let (b, _) = M.render(w, h)
        let top = M.text(b, DashboardLayout(width: w, height: h).feed)[0]
        #expect(top.contains("Events"))
        #expect(top.contains("Tab/A/L"))
        if w >= 120 { #expect(top.contains("[events] alerts revocations")) }
        #expect(top.contains("ALERT"), "the latest alert stays in the feed's title")
    }

    @Test(arguments: MainScreen.sizes)
    func theAlertsPaneListsAlertsNewestFirst(size: (Int, Int)) throws {
        let (w, h) = size
        let r = DashboardLayout(width: w, height: h).feed
        let (b, snap) = M.render(w, h) { $0.focus = .alerts }
        let alerts = Array(snap.alerts.reversed())
        #expect(!alerts.isEmpty)
        let pane = M.text(b, r)
        #expect(pane[0].contains("Alerts (\(snap.alertTotal))"))
        #expect(pane[0].contains("Tab/A/L"))
        #expect(!pane[0].contains("ALERT"), "the feed's title is not drawn over it")
        #expect(pane[1].contains("TIME"))
        #expect(pane[1].contains("CHANGE"))
        let newest = alerts[0]
        let change = "\(newest.previous.word) → \(newest.level.display) \(newest.risk)"
        #expect(pane[2].contains(newest.time.clock))
        #expect(pane[2].contains(change) || w < 120 && pane[2].contains(String(change.prefix(6))))
        #expect(pane[2].contains("reporting"))
        if let reason = newest.reasons.first?.text { #expect(pane[2].contains(String(reason.prefix(10)))) }
        // The cursor is on the newest, the focused pane's cursor row.
        #expect(Array(b.styleDump().components(separatedBy: "\n")[r.y + 2])[r.x + 2] == StyleRole.cursorRow.code)
        // Older alerts follow, older first below.
        if alerts.count > 1 { #expect(pane[3].contains(alerts[1].time.clock)) }
        #expect(!b.textDump().contains("DEC   IDENTITY"), "the feed is not drawn")
    }

    @Test func theAlertsPaneSaysLevelsInWordsAndKeepsTheCursorInSight() throws {
        let r = DashboardLayout(width: 120, height: 40).feed
        let (b, snap) = M.render(120, 40) { $0.focus = .alerts }
        let newest = try #require(snap.alerts.last)
        let change = "\(newest.previous.word) → \(newest.level.display) \(newest.risk)"
        #expect(M.role(of: change, in: b, row: r.y + 2) == StyleRole.cursorRow.code)
        let (moved, _) = M.render(120, 40) { $0.focus = .alerts; $0.alertCursor = 1 }
        #expect(M.role(of: change, in: moved, row: r.y + 2) == newest.level.role.code, "its level's role off the cursor")

        // A cursor past the end is clamped to the oldest row.
        let (clamped, _) = M.render(120, 40) { $0.focus = .alerts; $0.alertCursor = 999 }
        let y = r.y + 1 + min(snap.alerts.count, r.height - 3)
        #expect(Array(clamped.styleDump().components(separatedBy: "\n")[y])[r.x + 2] == StyleRole.cursorRow.code)

        // Alerts that rolled out of the history are counted.
        let (rolled, _) = M.render(120, 40, { $0.focus = .alerts }, adjust: { $0.alertTotal = $0.alerts.count + 7 })
        #expect(M.text(rolled, r)[r.height - 1].contains("7 older rolled out"))
        #expect(M.text(rolled, r)[0].contains("Alerts (\(snap.alerts.count + 7))"))
    }

    @Test func theAlertsPaneShowsAcknowledgedAlerts() {
        let r = DashboardLayout(width: 120, height: 40).feed
        let (b, _) = M.render(120, 40, { $0.focus = .alerts }, adjust: { s in
            for i in s.alerts.indices { s.alerts[i].acknowledged = true }
        })
        #expect(M.text(b, r)[2].hasSuffix("ack│"))
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func anEmptyAlertsPaneSaysSo(size: (Int, Int)) {
        let (w, h) = size
        let (b, snap) = M.render(w, h, incident: false) { $0.focus = .alerts }
        #expect(snap.alerts.isEmpty)
        let pane = M.text(b, DashboardLayout(width: w, height: h).feed)
        #expect(pane[0].contains("Alerts (0)"))
        #expect(pane[1].contains("No alerts since nhitop started."))
    }

    static let t0 = MainScreen.clock
    static let revocations: [RevocationEntry] = [
        RevocationEntry(time: t0.adding(seconds: -18), identity: MainScreen.leak, credential: "AKIA1", hook: "aws-deactivate-key",
                        by: "alice", reason: "leaked key", state: .pending(secondsLeft: 42)),
        RevocationEntry(time: t0.adding(seconds: -600), identity: "ci-deploy-bot", credential: "", hook: "denylist",
                        by: "bob", reason: "odd pushes", state: .stillActive(since: t0.adding(seconds: -300), action: "contents.write")),
        RevocationEntry(time: t0.adding(seconds: -900), identity: "support-agent-gpt", credential: "", hook: "denylist",
                        by: "alice", reason: "refunds", state: .effective),
        RevocationEntry(time: t0.adding(seconds: -1_200), identity: "gh-token:release", credential: "", hook: "gh-revoke",
                        by: "carol", reason: "rotation", state: .failed(why: "exit 2: permission denied")),
        RevocationEntry(time: t0.adding(seconds: -1_500), identity: "billing-exporter", credential: "", hook: "manual",
                        by: "bob", reason: "test", state: .undone),
    ]

    @Test(arguments: MainScreen.sizes)
    func theRevocationsPaneSaysEachStateInWords(size: (Int, Int)) throws {
        let (w, h) = size
        let r = DashboardLayout(width: w, height: h).feed
        let (b, _) = M.render(w, h, revocations: Self.revocations) { $0.focus = .revocations; $0.revocationCursor = 1 }
        let pane = M.text(b, r)
        #expect(pane[0].contains("Revocations (5)"))
        #expect(pane[0].contains("Tab/A/L"))
        if w >= 120 { #expect(pane[0].contains("events alerts [revocations]")) }
        for name in ["TIME", "IDENTITY", "CREDENTIAL", "HOOK", "BY", "STATE"] { #expect(pane[1].contains(name)) }
        #expect(pane[2].contains("PENDING 42s"))
        #expect(pane[2].contains("AKIA1"))
        #expect(pane[2].contains("alice"))
        #expect(pane[3].contains("STILL ACTIVE since 14:27:40"))
        #expect(pane[4].contains("EFFECTIVE"))
        #expect(pane[5].contains("FAILED: exit 2"))
        #expect(pane[6].contains("undone"))
        #expect(M.role(of: "PENDING", in: b, row: r.y + 2) == StyleRole.warn.code)
        #expect(M.role(of: "STILL ACTIVE", in: b, row: r.y + 3) == StyleRole.cursorRow.code, "the cursor row")
        #expect(M.role(of: "EFFECTIVE", in: b, row: r.y + 4) == StyleRole.ok.code)
        #expect(M.role(of: "FAILED", in: b, row: r.y + 5) == StyleRole.error.code)
        #expect(M.role(of: "undone", in: b, row: r.y + 6) == StyleRole.muted.code)
        if w >= 120 { #expect(pane[3].contains("(contents.write)")) }

        let (moved, _) = M.render(w, h, revocations: Self.revocations) { $0.focus = .revocations }
        #expect(M.role(of: "STILL ACTIVE", in: moved, row: r.y + 3) == StyleRole.riskCritical.code)
        #expect(M.role(of: "PENDING", in: moved, row: r.y + 2) == StyleRole.cursorRow.code)
    }

    @Test func theRevocationsPaneWithoutCredentialsHasNoSuchColumn() {
        let r = DashboardLayout(width: 120, height: 40).feed
        let (b, _) = M.render(120, 40, revocations: Array(Self.revocations.dropFirst())) { $0.focus = .revocations }
        #expect(!M.text(b, r)[1].contains("CREDENTIAL"))
        #expect(M.text(b, r)[2].contains("STILL ACTIVE since 14:27:40 (contents.write)"))
    }

    @Test func anEmptyRevocationsPaneSaysSo() {
        let (b, _) = M.render(80, 24) { $0.focus = .revocations }
        let pane = M.text(b, DashboardLayout(width: 80, height: 24).feed)
        #expect(pane[0].contains("Revocations (0)"))
        #expect(pane[1].contains("No revocations in the ledger."))
    }
}
