import Activity
import Events

/// How long the latest alert stays in the feed's title, in event time.
let alertShownMicros: Int64 = 15 * 60 * 1_000_000

/// The live feed, newest at the bottom. Paused: the view is frozen at the moment of the
/// pause (newer events are hidden, not dropped) and can be scrolled back.
func drawFeed(_ buf: inout CellBuffer, _ r: DashboardLayout.Rect, _ ctx: ViewContext) {
    let g = ctx.glyphs, e = g.ellipsis
    let feed = ctx.snapshot.feed
    let hidden = ctx.state.hiddenNewEvents(feedLength: ctx.snapshot.totalEvents)
    var title = "Events"
    if let filter = ctx.activeFilter {
        // The feed is filtered alike: say so, or missing events look like a quiet system.
        title += " (filtered: " + TextFormat.fit(filter, 16, cut: .middle, ellipsis: e) + ")"
    }
    if ctx.state.isPaused, ctx.state.feedScroll > 0 { title += " (\(ctx.state.feedScroll) back)" }
    buf.box(x: r.x, y: r.y, width: r.width, height: r.height, role: ctx.borderRole(.feed),
            glyphs: g, title: title)
    let afterTitle = r.x + 3 + DisplayWidth.of(title) + 1
    var edgeEnd = r.x + r.width - 1  // the top edge's pieces on the right end before this column
    let alert = ctx.snapshot.alerts.last.flatMap {
        ctx.snapshot.clock.microseconds - $0.time.microseconds <= alertShownMicros ? $0 : nil
    }
    let alertText = alert.map { " ALERT \($0.time.clock) \($0.identity) \(g.arrow) \($0.level.display) \($0.risk) " }
    let badge = " PAUSED \(g.separator) \(TextFormat.grouped(hidden)) new "
    if ctx.state.isPaused {
        edgeEnd -= buf.putRight(" p or G resumes ", right: edgeEnd, y: r.y, role: .muted)
    }
    // The middle piece (pause badge, latest alert) keeps its room before the view switcher gets any.
    let middle = ctx.state.isPaused ? DisplayWidth.of(badge) : alertText.map { min(DisplayWidth.of($0), 40) } ?? 0
    edgeEnd -= drawBottomSwitcher(&buf, shown: .feed, y: r.y, right: edgeEnd, room: edgeEnd - afterTitle - middle - 1, ctx)
    if ctx.state.isPaused {
        buf.put(badge, x: afterTitle, y: r.y, maxWidth: max(0, edgeEnd - afterTitle), role: .alertNew)
    } else if let alertText {
        // The latest alert stays in sight for a while of event time, in words and with its level
        // letter, so it is not colour alone that says something happened.
        let room = edgeEnd - 1 - afterTitle
        if room > 12 {
            buf.put(TextFormat.fit(alertText, room, ellipsis: e), x: afterTitle, y: r.y, maxWidth: room, role: .alertNew)
        }
    }
    let x0 = r.x + 1, inner = r.width - 2, rows = max(0, r.height - 3)

    // Columns: TIME DECISION IDENTITY ACTION RESOURCE.
    let time = 8, dec = 5
    let rest = max(0, inner - time - dec - 4)
    let idW = rest * 3 / 10, actW = rest * 3 / 10, resW = rest - idW - actW
    let xs = [x0, x0 + time + 1, x0 + time + dec + 2, x0 + time + dec + idW + 3, x0 + time + dec + idW + actW + 4]
    let hy = r.y + 1
    for (i, (name, w)) in [("TIME", time), ("DEC", dec), ("IDENTITY", idW), ("ACTION", actW), ("RESOURCE", resW)].enumerated() {
        buf.put(name, x: xs[i], y: hy, maxWidth: w, role: .header)
    }

    let shown = feed.dropLast(min(hidden, feed.count))
    if shown.isEmpty {
        let msg = feed.isEmpty ? "No events yet." :
            "The paused view has rolled out of the buffer: p or G shows the live feed."
        buf.put(TextFormat.fit(msg, inner - 1, ellipsis: e), x: x0 + 1, y: hy + 1, maxWidth: inner - 1, role: .muted)
        return
    }
    let back = clamp(ctx.state.feedScroll, 0, max(0, shown.count - 1))
    let end = shown.endIndex - back
    let start = max(shown.startIndex, end - rows)
    for (i, ev) in shown[start..<end].enumerated() {
        let y = hy + 1 + i
        let (word, role) = TextFormat.decision(ev.decision)
        buf.put(ev.time.clock, x: xs[0], y: y, role: .muted)
        buf.put(word, x: xs[1], y: y, maxWidth: dec, role: role)
        buf.put(TextFormat.fit(ev.identity, idW, cut: .middle, ellipsis: e), x: xs[2], y: y, maxWidth: idW, role: .text)
        buf.put(TextFormat.fit(ev.action, actW, cut: .middle, ellipsis: e), x: xs[3], y: y, maxWidth: actW,
                role: ev.decision == .allow ? .text : role)
        buf.put(TextFormat.fit(ev.resource, resW, cut: .middle, ellipsis: e), x: xs[4], y: y, maxWidth: resW, role: .muted)
    }
}
