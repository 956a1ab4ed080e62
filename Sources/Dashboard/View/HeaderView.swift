import Events

/// ` nhitop │ sources … · N malformed        PAUSED · N new  12,345 events  42.3/s  14:32:40 UTC `
func drawHeader(_ buf: inout CellBuffer, _ r: DashboardLayout.Rect, _ ctx: ViewContext) {
    let g = ctx.glyphs
    buf.fill(x: r.x, y: r.y, width: r.width, height: 1, role: .statusBar)
    var x = r.x + 1
    x += buf.put("nhitop", x: x, y: r.y, role: .title)
    x += buf.put(" " + String(Character(g.vertical)) + " ", x: x, y: r.y, role: .statusBar)

    // Right side first: it must never be pushed off by long source names.
    let snap = ctx.snapshot
    let clock = snap.clock == .zero ? "--:--:-- UTC" : snap.clock.clock + " UTC"
    var right: [Span] = []
    let hidden = ctx.state.hiddenNewEvents(feedLength: snap.totalEvents)
    if let filter = ctx.activeFilter, ctx.state.find?.editing != true {
        // A filter hides identities: as loud as a pause, with what it leaves of how many.
        let text = TextFormat.fit(filter, max(8, r.width / 6), cut: .middle, ellipsis: g.ellipsis)
        let count = "\(TextFormat.grouped(snap.identities.count)) of \(TextFormat.grouped(snap.identityTotal))"
        // At 80 columns the shorter `/text` leaves the sources' health room.
        let what = r.width >= 100 ? "filter: " + text : "/" + text
        right.append(Span(" \(what) \(g.separator) \(count) ", .alertNew))
        right.append(Span("  ", .statusBar))
    }
    if ctx.state.isPaused {
        right.append(Span(" PAUSED \(g.separator) \(TextFormat.grouped(hidden)) new ", .alertNew))
        right.append(Span("  ", .statusBar))
    }
    right.append(Span("\(TextFormat.grouped(snap.totalEvents)) events  ", .statusBar))
    right.append(Span("\(TextFormat.oneDecimal(snap.eventsPerSecond))/s  ", .statusBar))
    right.append(Span(clock, .header))
    let rightWidth = right.reduce(0) { $0 + DisplayWidth.of($1.text) }
    let rightX = r.x + r.width - 1 - rightWidth
    buf.put(right, x: rightX, y: r.y, maxWidth: rightWidth)

    let room = rightX - 2 - x
    guard room > 0 else { return }
    buf.put(sourceSummary(ctx.sources, room: room, glyphs: g, rulesFailed: ctx.options.rulesFailed),
            x: x, y: r.y, maxWidth: room)
}

/// `3 sources: a.log, b.json (failed), c · 2 malformed · 1 future-dated`, shortened to `3 sources · …`
/// when the names do not fit. `· 2 rules failed` when detection rules did not load (named on stderr).
func sourceSummary(_ sources: [SourceStatus], room: Int, glyphs g: Glyphs, rulesFailed: Int = 0) -> [Span] {
    let rules = rulesFailed > 0
        ? [Span(" \(g.separator) \(TextFormat.grouped(rulesFailed)) rule\(rulesFailed == 1 ? "" : "s") failed", .error)] : []
    if sources.isEmpty { return [Span("no sources", .warn)] + rules }
    let malformed = sources.total(\.malformed)
    let failed = sources.filter { $0.state == .failed }.count
    let waiting = sources.filter { $0.state == .waiting }.count
    var tail: [Span] = []
    if failed > 0 { tail.append(Span(" \(g.separator) \(failed) failed", .error)) }
    if waiting > 0 { tail.append(Span(" \(g.separator) \(waiting) waiting", .warn)) }
    if malformed > 0 { tail.append(Span(" \(g.separator) \(TextFormat.grouped(malformed)) malformed", .warn)) }
    // Records dated too far ahead: shown, but they do not move the clock (SourceStatus.clockSkewed).
    let skewed = sources.total(\.clockSkewed)
    if skewed > 0 { tail.append(Span(" \(g.separator) \(TextFormat.grouped(skewed)) future-dated", .warn)) }
    // Kubernetes auditIDs seen again with another user or verb: counted, and said (SourceStatus.auditIDReused).
    let reused = sources.total(\.auditIDReused)
    if reused > 0 { tail.append(Span(" \(g.separator) \(TextFormat.grouped(reused)) reused auditID\(reused == 1 ? "" : "s")", .warn)) }
    tail += rules
    let count = sources.count == 1 ? "1 source" : "\(sources.count) sources"
    var spans = [Span(count + ": ", .statusBar)]
    for (i, s) in sources.enumerated() {
        if i > 0 { spans.append(Span(", ", .statusBar)) }
        spans.append(Span(s.name, s.state == .failed ? .error : .statusBar))
    }
    // Whole pieces or nothing: never a clipped "· 2 m".
    func width(_ s: [Span]) -> Int { s.reduce(0) { $0 + DisplayWidth.of($1.text) } }
    if width(spans + tail) <= room { return spans + tail }
    var short = [Span(count, .statusBar)]
    // Squeezed by a filter or pause badge: `1 src`, or nothing rather than a clipped word.
    if width(short) > room { short = [Span("\(sources.count) src", .statusBar)] }
    if width(short) > room { return [] }
    for piece in tail where width(short + [piece]) <= room { short.append(piece) }
    return short
}
