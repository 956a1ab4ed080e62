import Activity

/// Column widths of the identity table for an inner width.
struct IdentityColumns {
    static let risk = 5, rate = 4, denied = 4, seen = 4
    /// From this terminal width the table has a sparkline column of this many minutes.
    static let sparklineFromWidth = 200
    static let sparklineMinutes = 20
    var kind: Int
    var identity: Int

    init(inner: Int) {
        let fixed = Self.risk + Self.rate + Self.denied + Self.seen + 5  // five 1-column gaps
        let rest = max(0, inner - fixed)
        kind = rest >= 11 + 24 ? 11 : 8
        identity = max(0, rest - kind)
    }
}

func drawIdentityTable(_ buf: inout CellBuffer, _ r: DashboardLayout.Rect, _ ctx: ViewContext) {
    let rows = ctx.snapshot.identities
    let title = "Identities" + (rows.isEmpty ? "" : " (\(rows.count))")
    buf.box(x: r.x, y: r.y, width: r.width, height: r.height, role: ctx.borderRole(.identities),
            glyphs: ctx.glyphs, title: title)
    let x0 = r.x + 1, inner = r.width - 2
    let visible = max(0, r.height - 3)
    guard !rows.isEmpty else {
        drawWaiting(&buf, x: x0, y: r.y + 1, width: inner, height: r.height - 2, ctx)
        return
    }
    let cols = IdentityColumns(inner: inner)
    let e = ctx.glyphs.ellipsis

    // Column header.
    let hy = r.y + 1
    buf.put("RISK", x: x0, y: hy, role: .header)
    var cx = x0 + IdentityColumns.risk + 1
    buf.put("IDENTITY", x: cx, y: hy, maxWidth: cols.identity, role: .header)
    cx += cols.identity + 1
    buf.put("KIND", x: cx, y: hy, maxWidth: cols.kind, role: .header)
    cx += cols.kind + 1
    buf.putRight("EV/M", right: cx + IdentityColumns.rate, y: hy, role: .header)
    cx += IdentityColumns.rate + 1
    buf.putRight("DENY", right: cx + IdentityColumns.denied, y: hy, role: .header)
    cx += IdentityColumns.denied + 1
    buf.putRight("SEEN", right: cx + IdentityColumns.seen, y: hy, role: .header)

    // Same scroll rule as `update`, re-applied so a stale state never hides the cursor.
    let selected = ctx.selectedRow.flatMap { sel in rows.firstIndex(where: { $0.identity == sel.identity }) } ?? 0
    var top = clamp(ctx.state.identityScroll, 0, max(0, rows.count - visible))
    if selected < top { top = selected }
    if selected >= top + visible { top = selected - visible + 1 }

    for i in 0..<visible {
        let index = top + i
        guard index < rows.count else { break }
        let row = rows[index]
        let y = r.y + 2 + i
        let level = RiskLevel(score: row.risk)
        let riskText = String(row.risk) + " " + level.letter
        buf.putRight(riskText, right: x0 + IdentityColumns.risk, y: y, role: level.role)
        var x = x0 + IdentityColumns.risk + 1
        buf.put(TextFormat.fit(row.identity, cols.identity, cut: .middle, ellipsis: e), x: x, y: y,
                maxWidth: cols.identity, role: .text)
        x += cols.identity + 1
        if let status = row.revocation {
            // The revoke's state takes the KIND and EV/M columns: it is what the operator watches now.
            let (badge, role) = revocationBadge(status, glyphs: ctx.glyphs)
            let room = cols.kind + 1 + IdentityColumns.rate
            buf.put(TextFormat.fit(badge, room, ellipsis: e), x: x, y: y, maxWidth: room, role: role)
            x += room + 1
        } else {
            let acked = row.acknowledgement != nil
            buf.put(TextFormat.fit(acked ? "ack" : row.kind.label, cols.kind, ellipsis: e), x: x, y: y,
                    maxWidth: cols.kind, role: .muted)
            x += cols.kind + 1
            buf.putRight(TextFormat.compact(row.eventsLastMinute), right: x + IdentityColumns.rate, y: y, role: .text)
            x += IdentityColumns.rate + 1
        }
        buf.putRight(TextFormat.compact(row.denied), right: x + IdentityColumns.denied, y: y,
                     role: row.denied > 0 ? .error : .muted)
        x += IdentityColumns.denied + 1
        buf.putRight(TextFormat.age(row.lastSeen, now: ctx.snapshot.clock), right: x + IdentityColumns.seen,
                     y: y, role: .muted)
        if index == selected {
            buf.paint(x: x0, y: y, width: inner, role: ctx.state.focus == .identities ? .cursorRow : .selected)
        }
    }
    if rows.count > visible {
        let more = "\(top + 1)-\(min(rows.count, top + visible)) of \(rows.count)"
        buf.putRight(" " + more + " ", right: r.x + r.width - 1, y: r.y + r.height - 1, role: .muted)
    }
}

/// `PENDING 42s`, `REVOKED ✓`, `STILL ACTIVE`: in words, so it is not colour alone.
func revocationBadge(_ status: RevocationStatus, glyphs: Glyphs) -> (String, StyleRole) {
    switch status.state {
    case .pending(let left): ("PENDING \(max(0, left))s", .warn)
    case .effective: (glyphs == .ascii ? "REVOKED ok" : "REVOKED \u{2713}", .ok)
    case .stillActive: ("STILL ACTIVE", .riskCritical)
    }
}

/// Empty state: say what we are waiting for and what is wrong with the sources.
func drawWaiting(_ buf: inout CellBuffer, x: Int, y: Int, width: Int, height: Int, _ ctx: ViewContext) {
    let e = ctx.glyphs.ellipsis
    var lines: [Span] = []
    if ctx.sources.isEmpty {
        lines.append(Span("No sources configured.", .warn))
        lines.append(Span("Pass log files or - (stdin) to nhitop.", .muted))
    } else {
        lines.append(Span("Waiting for events from:", .text))
        for s in ctx.sources {
            var line = "  " + s.name
            var role = StyleRole.muted
            switch s.state {
            case .following: line += " (following)"
            case .finished: line += " (read to end, no events)"
            case .waiting: line += " (not there yet)"; role = .warn
            case .failed: line += " (failed: " + (s.message.isEmpty ? "unreadable" : s.message) + ")"; role = .error
            }
            if s.malformed > 0 { line += ", \(s.malformed) malformed" }
            lines.append(Span(line, role))
        }
        lines.append(Span("", .text))
        lines.append(Span("Identities appear here as soon as they act.", .muted))
    }
    var wrapped: [Span] = []
    for span in lines {
        for (i, part) in TextFormat.wrap(span.text, width - 2, maxLines: 3, ellipsis: e).enumerated() {
            wrapped.append(Span(i == 0 ? part : "    " + part, span.role))
        }
    }
    let top = y + max(0, (height - wrapped.count) / 3)
    for (i, span) in wrapped.enumerated() where i < height {
        buf.put(TextFormat.fit(span.text, width - 2, ellipsis: e), x: x + 1, y: top + i, maxWidth: width - 2,
                role: span.role)
    }
}
