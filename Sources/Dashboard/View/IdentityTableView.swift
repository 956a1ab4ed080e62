import Activity
import Events

/// Column widths of the identity table for an inner width. The identity gets the room: the
/// kind column shrinks to a short form, then goes, before the identity is cut below a
/// readable width. On very wide terminals a per-minute sparkline column appears.
struct IdentityColumns {
    static let risk = 5, number = 4
    /// From this terminal width the table has a sparkline column of this many minutes.
    static let sparklineFromWidth = 200
    static let sparklineMinutes = 20
    /// The kind column in full (`vault_token`) and short (`vlt`).
    static let kindFull = 11, kindShort = 4
    /// The narrowest identity worth keeping the kind column for.
    static let identityWithFullKind = 24, identityWithShortKind = 16

    /// 0 when the column is dropped.
    var kind: Int
    var identity: Int
    /// Whether `kind` shows `IdentityKind.shortLabel`.
    var shortKind: Bool
    /// 0 when there is no sparkline column.
    var sparkline: Int
    /// The numeric columns: 4 wide, 5 for the one carrying the sort mark (`DENY▼`), so the
    /// mark never touches its neighbour's header; that column is taken from the identity.
    var rate = Self.number, denied = Self.number, seen = Self.number

    init(inner: Int, sparkline wantsSparkline: Bool = false, sortedBy key: IdentitySortKey? = nil) {
        sparkline = wantsSparkline ? Self.sparklineMinutes : 0
        switch key {
        case .rate?: rate += 1
        case .denied?: denied += 1
        case .lastSeen?: seen += 1
        case .risk?, .name?, nil: break
        }
        // Five 1-column gaps between the six columns, and one more before the sparkline.
        let fixed = Self.risk + rate + denied + seen + 5 + (sparkline > 0 ? sparkline + 1 : 0)
        let rest = max(0, inner - fixed)
        if rest >= Self.kindFull + Self.identityWithFullKind {
            kind = Self.kindFull
            shortKind = false
        } else if rest >= Self.kindShort + Self.identityWithShortKind {
            kind = Self.kindShort
            shortKind = true
        } else {
            kind = 0  // its gap goes to the identity too
            shortKind = true
        }
        identity = kind > 0 ? rest - kind : rest + 1
    }

    /// The kind as this column shows it.
    func kindText(_ kind: IdentityKind) -> String { shortKind ? kind.shortLabel : kind.label }
}

extension IdentityKind {
    /// At most 4 columns, for the table at 80 columns; the detail pane spells the label out.
    var shortLabel: String {
        switch self {
        case .awsUser: "user"
        case .awsRole: "role"
        case .awsService: "aws"
        case .awsRoot: "root"
        case .k8sServiceAccount: "sa"
        case .k8sNode: "node"
        case .k8sControlPlane: "sys"
        case .vaultToken: "vlt"
        case .githubApp: "app"
        case .githubToken: "tok"
        case .apiKey: "key"
        case .ciJob: "ci"
        case .aiAgent: "agt"
        case .workload: "wl"
        case .service: "svc"
        case .human: "hum"
        case .anonymous: "anon"
        case .unknown: "?"
        }
    }
}

extension IdentitySortKey {
    /// The column header the sort mark goes on.
    var column: String {
        switch self {
        case .risk: "RISK"
        case .rate: "EV/M"
        case .denied: "DENY"
        case .lastSeen: "SEEN"
        case .name: "IDENTITY"
        }
    }
}

extension IdentitySort {
    /// ▼ for the key's natural order (highest, newest first; names A to Z is ▲), flipped when
    /// reversed. ASCII: `v` / `^`.
    func mark(ascii: Bool) -> String {
        let down = (key == .name) == reversed
        return ascii ? (down ? "v" : "^") : (down ? "\u{25BC}" : "\u{25B2}")
    }

    /// `sorted by denied`, `sorted by name, reversed`; nil for the default order.
    var titleText: String? {
        guard self != IdentitySort() else { return nil }
        return "sorted by " + key.label + (reversed ? ", reversed" : "")
    }
}

extension ViewContext {
    /// The filter in force (what the aggregator was asked to apply), as typed; nil when none.
    var activeFilter: String? {
        guard let find = state.find, find.error == nil, !find.text.isEmpty else { return nil }
        return find.text
    }
}

/// The table's title: how many rows of how many (when filtered), and an order other than
/// the default, shortened to what fits the top edge.
func identityTableTitle(_ ctx: ViewContext, room: Int) -> String {
    let rows = ctx.snapshot.identities
    var title = "Identities"
    if ctx.activeFilter != nil {
        title += " (\(TextFormat.grouped(rows.count)) of \(TextFormat.grouped(ctx.snapshot.identityTotal)))"
    } else if !rows.isEmpty {
        title += " (\(TextFormat.grouped(rows.count)))"
    }
    let sep = " " + ctx.glyphs.separator + " "
    guard let sorted = ctx.state.sort.titleText else { return title }
    let mark = ctx.state.sort.mark(ascii: ctx.options.ascii)
    for suffix in [sorted, "by " + ctx.state.sort.key.label + " " + mark, mark]
    where DisplayWidth.of(title + sep + suffix) <= room {
        return title + sep + suffix
    }
    return title
}

func drawIdentityTable(_ buf: inout CellBuffer, _ r: DashboardLayout.Rect, _ ctx: ViewContext) {
    let rows = ctx.snapshot.identities
    buf.box(x: r.x, y: r.y, width: r.width, height: r.height, role: ctx.borderRole(.identities),
            glyphs: ctx.glyphs, title: identityTableTitle(ctx, room: r.width - 4))
    let x0 = r.x + 1, inner = r.width - 2
    let visible = max(0, r.height - 3)
    guard !rows.isEmpty else {
        if let filter = ctx.activeFilter, ctx.snapshot.identityTotal > 0 {
            drawNoMatch(&buf, filter: filter, x: x0, y: r.y + 1, width: inner, height: r.height - 2, ctx)
        } else {
            drawWaiting(&buf, x: x0, y: r.y + 1, width: inner, height: r.height - 2, ctx)
        }
        return
    }
    let cols = IdentityColumns(inner: inner, sparkline: buf.width >= IdentityColumns.sparklineFromWidth,
                               sortedBy: ctx.state.sort.key)
    let e = ctx.glyphs.ellipsis
    let sort = ctx.state.sort
    let mark = sort.mark(ascii: ctx.options.ascii)
    /// The header of a column, with the sort mark when it is the sorted one.
    func label(_ name: String) -> String { sort.key.column == name ? name + mark : name }

    // Column header.
    let hy = r.y + 1
    buf.put(label("RISK"), x: x0, y: hy, maxWidth: IdentityColumns.risk, role: .header)
    var cx = x0 + IdentityColumns.risk + 1
    buf.put(label("IDENTITY"), x: cx, y: hy, maxWidth: cols.identity, role: .header)
    cx += cols.identity + 1
    if cols.kind > 0 {
        buf.put("KIND", x: cx, y: hy, maxWidth: cols.kind, role: .header)
        cx += cols.kind + 1
    }
    if cols.sparkline > 0 {
        buf.put("LAST \(cols.sparkline) MIN", x: cx, y: hy, maxWidth: cols.sparkline, role: .header)
        cx += cols.sparkline + 1
    }
    buf.putRight(label("EV/M"), right: cx + cols.rate, y: hy, role: .header)
    cx += cols.rate + 1
    buf.putRight(label("DENY"), right: cx + cols.denied, y: hy, role: .header)
    cx += cols.denied + 1
    buf.putRight(label("SEEN"), right: cx + cols.seen, y: hy, role: .header)

    // Same scroll rule as `update`, re-applied so a stale state never hides the cursor.
    let selected = ctx.selectedRow.flatMap { sel in rows.firstIndex(where: { $0.identity == sel.identity }) } ?? 0
    let top = scrollTop(ctx.state.identityScroll, showing: selected, visible: visible, count: rows.count)

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
            // The revoke's state takes the KIND, sparkline and EV/M columns: it is what the
            // operator watches now. When that is too narrow for it (80 columns), DENY too.
            let (badge, role) = revocationBadge(status, glyphs: ctx.glyphs)
            var room = (cols.kind > 0 ? cols.kind + 1 : 0) + (cols.sparkline > 0 ? cols.sparkline + 1 : 0)
                + cols.rate
            let takesDenied = DisplayWidth.of(badge) > room
            if takesDenied { room += 1 + cols.denied }
            buf.put(TextFormat.fit(badge, room, ellipsis: e), x: x, y: y, maxWidth: room, role: role)
            x += room + 1
            if !takesDenied {
                buf.putRight(TextFormat.compact(row.denied), right: x + cols.denied, y: y,
                             role: row.denied > 0 ? .error : .muted)
                x += cols.denied + 1
            }
        } else {
            if cols.kind > 0 {
                let acked = row.acknowledgement != nil
                buf.put(TextFormat.fit(acked ? "ack" : cols.kindText(row.kind), cols.kind, ellipsis: e), x: x, y: y,
                        maxWidth: cols.kind, role: .muted)
                x += cols.kind + 1
            }
            if cols.sparkline > 0 {
                // Newest minute on the right, as in the detail pane; fewer minutes leave the left blank.
                let spark = sparkline(Array(row.perMinute.suffix(cols.sparkline)), ctx.glyphs)
                buf.putRight(spark, right: x + cols.sparkline, y: y, role: .sparkline)
                x += cols.sparkline + 1
            }
            buf.putRight(TextFormat.compact(row.eventsLastMinute), right: x + cols.rate, y: y, role: .text)
            x += cols.rate + 1
            buf.putRight(TextFormat.compact(row.denied), right: x + cols.denied, y: y,
                         role: row.denied > 0 ? .error : .muted)
            x += cols.denied + 1
        }
        buf.putRight(TextFormat.age(row.lastSeen, now: ctx.snapshot.clock), right: x + cols.seen,
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

/// A filter that leaves nothing: say so, and how to get the rows back, instead of "waiting".
func drawNoMatch(_ buf: inout CellBuffer, filter: String, x: Int, y: Int, width: Int, height: Int,
                 _ ctx: ViewContext) {
    let e = ctx.glyphs.ellipsis
    let dash = ctx.options.ascii ? "-" : "\u{2014}"
    let what = "No identity matches /" + filter
    let room = max(1, width - 2)
    // One line when it fits; else the match and the way out each on their own line.
    let lines = DisplayWidth.of(what + " " + dash + " Esc clears") <= room ? [what + " " + dash + " Esc clears"]
        : TextFormat.wrap(what, room, maxLines: 2, ellipsis: e) + ["Esc clears the filter."]
    let top = y + max(0, (height - lines.count) / 3)
    for (i, line) in lines.enumerated() where i < height {
        buf.put(line, x: x + 1, y: top + i, maxWidth: room, role: i == lines.count - 1 && lines.count > 1 ? .muted : .warn)
    }
}

/// `PENDING 42s`, `REVOKED ✓`, `STILL ACTIVE`: in words, so it is not colour alone.
func revocationBadge(_ status: RevocationStatus, glyphs: Glyphs) -> (String, StyleRole) {
    switch status.state {
    // More left than the grace itself: the revoke lies ahead of the logs' clock (an old file
    // replayed against today's ledger), so a countdown in days would mislead.
    case .pending(let left) where left > status.revocation.graceSeconds: ("PENDING logs", .warn)
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
