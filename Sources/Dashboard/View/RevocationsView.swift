import Events

/// The revocations in the ledger, newest first, and what the stream shows of each now:
/// pending, effective, still active, failed or undone, in words and in its role.
func drawRevocations(_ buf: inout CellBuffer, _ r: DashboardLayout.Rect, _ ctx: ViewContext) {
    let g = ctx.glyphs, e = g.ellipsis
    let entries = ctx.revocations
    let title = "Revocations (\(TextFormat.grouped(entries.count)))"
    buf.box(x: r.x, y: r.y, width: r.width, height: r.height, role: ctx.borderRole(.revocations), glyphs: g,
            title: title)
    let afterTitle = r.x + 3 + DisplayWidth.of(title) + 1
    drawBottomSwitcher(&buf, shown: .revocations, y: r.y, right: r.x + r.width - 1,
                       room: r.x + r.width - 1 - afterTitle, ctx)
    let x0 = r.x + 1, inner = r.width - 2, visible = max(0, r.height - 3)
    guard !entries.isEmpty else {
        buf.put(TextFormat.fit("No revocations in the ledger.", inner - 1, ellipsis: e), x: x0 + 1, y: r.y + 1,
                maxWidth: inner - 1, role: .muted)
        return
    }
    let (cursor, top) = listWindow(cursor: ctx.state.revocationCursor, count: entries.count, visible: visible)
    let shown = entries[top..<min(entries.count, top + visible)]

    // Columns: TIME IDENTITY [CREDENTIAL] HOOK BY STATE. The short ones as wide as their
    // widest shown value (bounded); the state, what the operator watches, gets the rest.
    func widest(_ values: [String], _ lo: Int, _ hi: Int) -> Int {
        min(hi, max(lo, values.map(DisplayWidth.of).max() ?? 0))
    }
    let time = 8
    let hasCredential = shown.contains { !$0.credential.isEmpty }
    let credW = hasCredential ? widest(shown.map(\.credential), 10, 20) : 0
    let hookW = widest(shown.map(\.hook), 4, 10), byW = widest(shown.map(\.by), 2, 10)
    let gaps = hasCredential ? 5 : 4
    let rest = max(0, inner - time - credW - hookW - byW - gaps)
    // The state first (up to 44 columns: `STILL ACTIVE since 14:31:07 (s3:GetObject)`), then the identity.
    let states = shown.map { revocationStateText($0.state).0 }
    let stateWant = widest(states, 9, 44)
    let longest = shown.map { DisplayWidth.of($0.identity) }.max() ?? 0
    let idW = min(max(12, longest), max(12, rest - stateWant)), stateW = max(0, rest - idW)
    var columns: [(String, Int)] = [("TIME", time), ("IDENTITY", idW)]
    if hasCredential { columns.append(("CREDENTIAL", credW)) }
    columns += [("HOOK", hookW), ("BY", byW), ("STATE", stateW)]
    var xs: [Int] = []
    var cx = x0
    for (_, w) in columns { xs.append(cx); cx += w + 1 }
    let hy = r.y + 1
    for (i, (name, w)) in columns.enumerated() { buf.put(name, x: xs[i], y: hy, maxWidth: w, role: .header) }

    for (i, entry) in shown.enumerated() {
        let y = hy + 1 + i
        var c = 0
        func cell(_ text: String, _ role: StyleRole, cut: TextFormat.Cut = .end) {
            let w = columns[c].1
            buf.put(TextFormat.fit(text, w, cut: cut, ellipsis: e), x: xs[c], y: y, maxWidth: w, role: role)
            c += 1
        }
        cell(entry.time.clock, .muted)
        cell(entry.identity.isEmpty ? "-" : entry.identity, .text, cut: .middle)
        if hasCredential { cell(entry.credential, .text, cut: .middle) }
        cell(entry.hook.isEmpty ? "-" : entry.hook, .muted)
        cell(entry.by.isEmpty ? "unknown" : entry.by, .muted)
        let (text, role) = revocationStateText(entry.state)
        cell(text, role)
        if top + i == cursor {
            buf.paint(x: x0, y: y, width: inner, role: ctx.state.focus == .revocations ? .cursorRow : .selected)
        }
    }
    if entries.count > visible {
        let more = " \(top + 1)-\(top + shown.count) of \(entries.count) "
        buf.putRight(more, right: r.x + r.width - 1, y: r.y + r.height - 1, role: .muted)
    }
}

/// `PENDING 42s`, `EFFECTIVE`, `STILL ACTIVE since 14:31:07 (s3:GetObject)`, `FAILED: exit 2`,
/// `undone`: in words, so the state is never colour alone.
func revocationStateText(_ state: RevocationEntry.State) -> (String, StyleRole) {
    switch state {
    case .pending(let left): ("PENDING \(max(0, left))s", .warn)
    case .effective: ("EFFECTIVE", .ok)
    case .stillActive(let since, let action):
        ("STILL ACTIVE since \(since.clock)" + (action.isEmpty ? "" : " (\(action))"), .riskCritical)
    case .failed(let why): ("FAILED" + (why.isEmpty ? "" : ": " + why), .error)
    case .undone: ("undone", .muted)
    }
}
