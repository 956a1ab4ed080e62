import Activity
import Events

/// The full-screen view of one identity, between the header and the footer: the summary
/// (who, risk and why, credentials and addresses with when they were used, top actions and
/// resources), the last hour per minute with its denies, and the timeline, newest first,
/// with a cursor. `IdentityViewLayout` says where each goes.
func drawIdentityView(_ buf: inout CellBuffer, _ view: IdentityViewState, _ ctx: ViewContext) {
    let layout = IdentityViewLayout(width: buf.width, height: buf.height)
    let g = ctx.glyphs
    buf.fill(x: layout.body.x, y: layout.body.y, width: layout.body.width, height: layout.body.height, role: .text)
    let detail = ctx.snapshot.detail.flatMap { $0.row.identity == view.identity ? $0 : nil }

    let s = layout.summary
    buf.box(x: s.x, y: s.y, width: s.width, height: s.height, role: .border, glyphs: g, title: "Identity")
    let inner = s.width - 2, rows = s.height - 2
    guard let detail else {
        // The loop asks for this identity's detail from the next frame on; or it is gone.
        let known = ctx.snapshot.identities.contains { $0.identity == view.identity }
        var lines = TextFormat.wrap(view.identity, inner, maxLines: 3, ellipsis: g.ellipsis).map { [Span($0, .title)] }
        lines.append([Span(known ? "loading\(g.ellipsis)" : "no activity kept for this identity", .muted)])
        drawLines(&buf, lines, x: s.x + 1, y: s.y + 1, width: inner, rows: rows, glyphs: g)
        drawTimeline(&buf, layout.timeline, nil, view, ctx)
        if let a = layout.activity { buf.box(x: a.x, y: a.y, width: a.width, height: a.height, role: .border, glyphs: g) }
        return
    }

    let evidence = TimelineEvidence(detail: detail, clock: ctx.snapshot.clock)
    let summary = identitySummaryLines(detail, evidence, ctx, width: inner, wide: layout.isWide,
                                       activity: !layout.isWide)
    drawLines(&buf, summary, x: s.x + 1, y: s.y + 1, width: inner, rows: rows, glyphs: g)
    if let a = layout.activity {
        let peak = detail.perMinute.max() ?? 0, now = detail.perMinute.last ?? 0
        var title = "Last hour \(g.separator) now \(TextFormat.grouped(now))/min \(g.separator) peak \(TextFormat.grouped(peak))/min"
        if evidence.minutes.contains(.unknown) { title += " \(g.separator) ? older than the timeline" }
        buf.box(x: a.x, y: a.y, width: a.width, height: a.height, role: .border, glyphs: g, title: title)
        let lines = activityLines(detail, evidence, width: a.width - 2, glyphs: g, axis: true)
        drawLines(&buf, lines, x: a.x + 1, y: a.y + 1, width: a.width - 2, rows: a.height - 2, glyphs: g)
    }
    drawTimeline(&buf, layout.timeline, detail, view, ctx)
}

/// Lines from the top of an area; when they do not all fit, the last row says how many are
/// left out (a taller or wider terminal shows them).
private func drawLines(_ buf: inout CellBuffer, _ lines: [[Span]], x: Int, y: Int, width: Int, rows: Int,
                       glyphs g: Glyphs) {
    guard rows > 0, width > 0 else { return }
    let fits = lines.count <= rows
    let shown = fits ? lines.count : rows - 1
    for i in 0..<shown { buf.put(lines[i], x: x, y: y + i, maxWidth: width) }
    if !fits {
        let more = "+\(lines.count - shown) more line\(lines.count - shown == 1 ? "" : "s") (a larger terminal shows them)"
        buf.put(TextFormat.fit(more, width, ellipsis: g.ellipsis), x: x, y: y + shown, maxWidth: width, role: .muted)
    }
}

/// Column widths of the timeline for an inner width: time and decision fixed, the source
/// address up to an IPv4's 15, a credential column when there is room, and the rest shared
/// by action (2/5) and resource (3/5).
struct TimelineColumns {
    static let time = 8, decision = 5
    var action: Int, resource: Int, source: Int, credential: Int

    init(inner: Int) {
        var rest = max(0, inner - Self.time - Self.decision - 2)
        source = rest >= 50 ? 15 : min(11, rest / 4)
        rest -= source + 1
        credential = rest >= 100 ? 22 : 0
        if credential > 0 { rest -= credential + 1 }
        rest = max(0, rest - 1)
        action = rest * 2 / 5
        resource = rest - action
    }
}

/// Newest first; the cursor line highlighted and kept in sight (the same scroll rule as the
/// identity table, re-applied so a stale `scroll` never hides it); `1-20 of 500` on the
/// bottom edge, and in the title how much of the identity's history the timeline holds.
private func drawTimeline(_ buf: inout CellBuffer, _ r: DashboardLayout.Rect, _ detail: IdentityDetail?,
                          _ view: IdentityViewState, _ ctx: ViewContext) {
    let g = ctx.glyphs, e = g.ellipsis
    let events = detail?.recent ?? []
    var title = "Timeline"
    if let detail, events.count < detail.row.events {
        title += " \(g.separator) last \(TextFormat.grouped(events.count)) of \(TextFormat.grouped(detail.row.events)) events kept"
    }
    buf.box(x: r.x, y: r.y, width: r.width, height: r.height, role: .borderFocus, glyphs: g, title: title)
    let x0 = r.x + 1, inner = r.width - 2
    let visible = max(0, r.height - 3)
    guard inner > 0, r.height > 2 else { return }
    let cols = TimelineColumns(inner: inner)
    var xs: [Int] = [x0]
    for w in [TimelineColumns.time, TimelineColumns.decision, cols.action, cols.resource, cols.source] {
        xs.append(xs[xs.count - 1] + w + 1)
    }
    let hy = r.y + 1
    let headers: [(String, Int)] = [("TIME", TimelineColumns.time), ("DEC", TimelineColumns.decision),
                                    ("ACTION", cols.action), ("RESOURCE", cols.resource), ("SOURCE", cols.source),
                                    ("CREDENTIAL", cols.credential)]
    for (i, (name, w)) in headers.enumerated() where w > 0 {
        buf.put(name, x: xs[i], y: hy, maxWidth: w, role: .header)
    }
    guard !events.isEmpty else {
        let msg = detail == nil ? "" : "No events kept for this identity."
        buf.put(TextFormat.fit(msg, inner - 1, ellipsis: e), x: x0 + 1, y: hy + 1, maxWidth: inner - 1, role: .muted)
        return
    }

    let count = events.count
    let cursor = clamp(view.cursor, 0, count - 1)
    let top = scrollTop(view.scroll, showing: cursor, visible: visible, count: count)
    for i in 0..<visible {
        let index = top + i
        guard index < count else { break }
        let ev = events[count - 1 - index]  // `recent` is oldest first; line 0 is the newest
        let y = hy + 1 + i
        let (word, role) = TextFormat.decision(ev.decision)
        buf.put(ev.time.clock, x: xs[0], y: y, role: .muted)
        buf.put(word, x: xs[1], y: y, maxWidth: TimelineColumns.decision, role: role)
        buf.put(TextFormat.fit(ev.action, cols.action, cut: .middle, ellipsis: e), x: xs[2], y: y,
                maxWidth: cols.action, role: ev.decision == .allow ? .text : role)
        buf.put(TextFormat.fit(ev.resource, cols.resource, cut: .middle, ellipsis: e), x: xs[3], y: y,
                maxWidth: cols.resource, role: .text)
        buf.put(TextFormat.fit(ev.sourceIP, cols.source, cut: .middle, ellipsis: e), x: xs[4], y: y,
                maxWidth: cols.source, role: .muted)
        if cols.credential > 0 {
            buf.put(TextFormat.fit(ev.credentialID, cols.credential, cut: .middle, ellipsis: e), x: xs[5], y: y,
                    maxWidth: cols.credential, role: .muted)
        }
        if index == cursor { buf.paint(x: x0, y: y, width: inner, role: .cursorRow) }
    }
    let more = "\(top + 1)-\(min(count, top + visible)) of \(TextFormat.grouped(count))"
    buf.putRight(" " + more + " ", right: r.x + r.width - 1, y: r.y + r.height - 1, role: .muted)
}

/// The view's own keys instead of the dashboard's; a flash or a status takes their place as
/// in the dashboard's footer. Read-only, `R revoke` says why it is missing.
func drawIdentityViewFooter(_ buf: inout CellBuffer, _ r: DashboardLayout.Rect, _ ctx: ViewContext,
                            record: Bool) {
    let limit = r.x + r.width - 1
    let right = record ? "raw record" : "identity"
    var x = r.x + 1
    if let message = ctx.state.flash ?? ctx.state.status {
        let room = max(0, limit - x - DisplayWidth.of(right) - 2)
        buf.put(TextFormat.fit(message, room, ellipsis: ctx.glyphs.ellipsis), x: x, y: r.y, maxWidth: room,
                role: ctx.state.flash == nil ? .error : .warn)
    } else {
        var hints: [(String, String)] = record
            ? [("j/k", "scroll"), ("PgUp/PgDn", "page"), ("Esc", "back")]
            : [("j/k", "move"), ("Enter", "raw record"), ("Esc", "back"), ("R", "revoke")]
        hints.append(("?", "help"))
        for (keys, label) in hints {
            let readOnly = keys == "R" && ctx.readOnly
            let w = (readOnly ? 0 : DisplayWidth.of(keys) + 1) + DisplayWidth.of(readOnly ? "read-only" : label)
            if x + w > limit - DisplayWidth.of(right) - 2 { break }
            if readOnly {
                x += buf.put("read-only", x: x, y: r.y, role: .warn)
            } else {
                x += buf.put(keys, x: x, y: r.y, role: .keyHint)
                x += buf.put(" " + label, x: x, y: r.y, role: .muted)
            }
            x += buf.put("  ", x: x, y: r.y, maxWidth: max(0, limit - x), role: .muted)
        }
    }
    buf.putRight(right, right: limit, y: r.y, role: .muted)
}
