/// The bottom area shows the live feed, the alerts or the revocations: the alerts and
/// revocations panes while they have the focus, the feed otherwise.
func drawBottom(_ buf: inout CellBuffer, _ r: DashboardLayout.Rect, _ ctx: ViewContext) {
    switch ctx.state.focus {
    case .alerts: drawAlerts(&buf, r, ctx)
    case .revocations: drawRevocations(&buf, r, ctx)
    case .identities, .detail, .feed: drawFeed(&buf, r, ctx)
    }
}

/// Which of the three views the bottom box shows and how to switch, at the right of its top
/// edge ending before column `right`: `Tab/A/L: [events] alerts revocations`, or just
/// `Tab/A/L` when `room` is short, or nothing. The shown one is bracketed, not only coloured.
/// Returns the columns used.
@discardableResult
func drawBottomSwitcher(_ buf: inout CellBuffer, shown: Pane, y: Int, right: Int, room: Int,
                        _ ctx: ViewContext) -> Int {
    let keys = "Tab/A/L"
    var spans = [Span(" "), Span(keys, .keyHint), Span(":", .muted)]
    for pane in [Pane.feed, .alerts, .revocations] {
        let name = pane.title.lowercased()
        spans.append(pane == shown ? Span(" [" + name + "]", .title) : Span(" " + name, .muted))
    }
    spans.append(Span(" "))
    let full = spans.reduce(0) { $0 + DisplayWidth.of($1.text) }
    if full <= room {
        buf.put(spans, x: right - full, y: y, maxWidth: full)
        return full
    }
    let short = [Span(" "), Span(keys, .keyHint), Span(" ")]
    let w = DisplayWidth.of(keys) + 2
    guard w <= room else { return 0 }
    buf.put(short, x: right - w, y: y, maxWidth: w)
    return w
}

/// Where a list pane's cursor row is and its first row shown, with no scroll state of its
/// own: the cursor is clamped to the rows and kept in sight at the bottom edge.
func listWindow(cursor: Int, count: Int, visible: Int) -> (cursor: Int, top: Int) {
    guard count > 0 else { return (0, 0) }
    let c = clamp(cursor, 0, count - 1)
    return (c, visible > 0 && c >= visible ? c - visible + 1 : 0)
}
