import Activity
import Events

func drawDetail(_ buf: inout CellBuffer, _ r: DashboardLayout.Rect, _ ctx: ViewContext) {
    buf.box(x: r.x, y: r.y, width: r.width, height: r.height, role: ctx.borderRole(.detail),
            glyphs: ctx.glyphs, title: "Detail")
    let inner = r.width - 2, rows = r.height - 2
    let lines = detailLines(ctx, width: inner)
    let top = clamp(ctx.state.detailScroll, 0, max(0, lines.count - rows))
    for i in 0..<rows where top + i < lines.count {
        buf.put(lines[top + i], x: r.x + 1, y: r.y + 1 + i, maxWidth: inner)
    }
    if lines.count > rows {
        let more = " \(top + 1)-\(min(lines.count, top + rows))/\(lines.count) "
        buf.putRight(more, right: r.x + r.width - 1, y: r.y + r.height - 1, role: .muted)
    }
}

/// The detail pane as lines, most important first: who, how risky and why, how much,
/// when, the activity curve, what it did, with which credentials and from where.
func detailLines(_ ctx: ViewContext, width: Int) -> [[Span]] {
    let g = ctx.glyphs, e = g.ellipsis
    guard let row = ctx.selectedRow else {
        return [[Span("No identity selected.", .muted)]]
    }
    let detail = ctx.snapshot.detail.flatMap { $0.row.identity == row.identity ? $0 : nil }
    let label = 7  // "events " etc.
    let value = max(1, width - label)
    func field(_ name: String, _ spans: [Span]) -> [Span] {
        [Span(name.padding(label), .muted)] + spans
    }

    var lines: [[Span]] = []
    for part in TextFormat.wrap(row.identity, width, maxLines: 3, ellipsis: e) {
        lines.append([Span(part, .title)])
    }
    lines.append(field("kind", [Span(row.kind.label), Span(" \(g.separator) ", .muted), Span(row.format.label)]))
    let level = RiskLevel(score: row.risk)
    lines.append(field("risk", [Span(" \(row.risk) \(level.display) ", level.role)]))
    // Right under the score: after a revoke, whether it held is the first question.
    lines += responseLines(row, now: ctx.snapshot.clock, width: width, glyphs: g)
    for reason in row.reasons {
        let pts = "+\(reason.points)".leftPadding(4)
        var text = reason.text
        if reason.lastSeen != .zero { text += " \(g.separator) \(TextFormat.age(reason.lastSeen, now: ctx.snapshot.clock)) ago" }
        let parts = TextFormat.wrap(text, max(1, width - 5), maxLines: 2, ellipsis: e)
        for (i, part) in parts.enumerated() {
            lines.append([Span(i == 0 ? pts : "    ", level.role), Span(" " + part)])
        }
        if let rule = reason.rule { lines += ruleLines(rule, width: width, ellipsis: e, separator: g.separator) }
    }
    lines.append(field("events", [
        Span(TextFormat.grouped(row.events)),
        Span("  denied ", .muted), Span(TextFormat.grouped(row.denied), row.denied > 0 ? .error : .text),
        Span("  err ", .muted), Span(TextFormat.grouped(row.errors), row.errors > 0 ? .warn : .text),
    ]))
    let clock = ctx.snapshot.clock
    lines.append(field("first", [Span(row.firstSeen.clock),
                                 Span(" (\(TextFormat.age(row.firstSeen, now: clock)) ago)", .muted)]))
    lines.append(field("last", [Span(row.lastSeen.clock),
                                Span(" (\(TextFormat.age(row.lastSeen, now: clock)) ago)", .muted)]))
    guard let detail else {
        lines.append([Span("loading detail\(e)", .muted)])
        return lines
    }

    // Per-minute activity, newest on the right.
    let peak = detail.perMinute.max() ?? 0
    let sparkWidth = min(detail.perMinute.count, value)
    lines.append(field("\(sparkWidth)min", [Span(sparkline(Array(detail.perMinute.suffix(sparkWidth)), g), .sparkline)]))
    let now = detail.perMinute.last ?? 0
    lines.append(field("", [Span("now \(TextFormat.grouped(now))/min  peak \(TextFormat.grouped(peak))/min", .muted)]))

    if !detail.topActions.isEmpty {
        lines.append(listHeader("top actions", row, .actions, shown: min(5, detail.topActions.count), ctx))
        for a in detail.topActions.prefix(5) {
            let n = TextFormat.compact(a.count).leftPadding(5)
            lines.append([Span(n, .text), Span(" " + TextFormat.fit(a.action, max(1, width - 6), cut: .middle, ellipsis: e))])
        }
    }
    if !detail.topResources.isEmpty {
        lines.append(listHeader("top resources", row, .resources, shown: min(3, detail.topResources.count), ctx))
        for a in detail.topResources.prefix(3) {
            let n = TextFormat.compact(a.count).leftPadding(5)
            lines.append([Span(n, .text), Span(" " + TextFormat.fit(a.action, max(1, width - 6), cut: .middle, ellipsis: e))])
        }
    }
    if !detail.credentials.isEmpty {
        // Most recently used first, so one first seen now is always on screen.
        lines.append(listHeader("credentials", row, .credentials, shown: min(4, detail.credentials.count), ctx))
        for c in detail.credentials.prefix(4) { lines.append([Span("  " + TextFormat.fit(c, width - 2, cut: .middle, ellipsis: e))]) }
    }
    if !detail.sourceIPs.isEmpty {
        lines.append(listHeader("source IPs", row, .sourceIPs, shown: min(4, detail.sourceIPs.count), ctx))
        for ip in detail.sourceIPs.prefix(4) { lines.append([Span("  " + TextFormat.fit(ip, width - 2, ellipsis: e))]) }
    }
    if !detail.recent.isEmpty {
        lines.append([Span("recent", .header)])
        for ev in detail.recent.suffix(8).reversed() {
            let (word, role) = TextFormat.decision(ev.decision)
            let rest = max(1, width - 15)
            lines.append([Span(ev.time.clock + " ", .muted), Span(word.padding(6), role),
                          Span(TextFormat.fit(ev.action, rest, cut: .middle, ellipsis: e))])
        }
    }
    return lines
}

/// A list's header, with how many distinct values there were when the list shows fewer:
/// "(12 distinct)", or "(≥ 64 distinct)" once the count reached its bound and only the most
/// frequent and newest are kept.
func listHeader(_ title: String, _ row: IdentityRow, _ which: SaturatedEvidence, shown: Int,
                _ ctx: ViewContext) -> [Span] {
    guard row.distinctSaturated.contains(which) || row.distinctCount(which) > shown else {
        return [Span(title, .header)]
    }
    return [Span(title, .header), Span(" (\(row.distinctText(which, ascii: ctx.options.ascii)) distinct)", .muted)]
}

/// The revoke in force and the acknowledgement, right under the risk: after a revoke the
/// question is whether it held.
func responseLines(_ row: IdentityRow, now: EventTime, width: Int, glyphs g: Glyphs) -> [[Span]] {
    let label = 9  // "revoked  ", "ack'd    "
    let rest = max(1, width - label)
    let indent = String(repeating: " ", count: label)
    var lines: [[Span]] = []
    if let status = row.revocation {
        let r = status.revocation
        var who = "by " + (r.by.isEmpty ? "unknown" : r.by) + " " + TextFormat.age(r.revokedAt, now: now) + " ago"
        if !r.hook.isEmpty { who += " via " + r.hook }
        for (i, part) in TextFormat.wrap(who, rest, maxLines: 2, ellipsis: g.ellipsis).enumerated() {
            lines.append([Span(i == 0 ? "revoked".padding(label) : indent, .muted), Span(part)])
        }
        let (text, role): (String, StyleRole)
        switch status.state {
        case .pending(let left) where left > r.graceSeconds:
            (text, role) = ("pending: the logs have not reached the revoke time yet", .warn)
        case .pending(let left): (text, role) = ("pending: \(max(0, left)) s of grace left", .warn)
        case .effective(let denied?): (text, role) = ("effective: denied at \(denied.clock)", .ok)
        case .effective(nil): (text, role) = ("effective: quiet since the grace period ended", .ok)
        case .stillActive(let at, let action): (text, role) = ("STILL ACTIVE: \(action) allowed at \(at.clock)", .riskCritical)
        }
        for part in TextFormat.wrap(text, rest, maxLines: 2, ellipsis: g.ellipsis) {
            lines.append([Span(indent), Span(part, role)])
        }
        if !r.reason.isEmpty {
            for part in TextFormat.wrap(r.reason, rest, maxLines: 2, ellipsis: g.ellipsis) {
                lines.append([Span(indent), Span(part, .muted)])
            }
        }
    }
    if let ack = row.acknowledgement {
        let text = "by " + (ack.by.isEmpty ? "unknown" : ack.by) + " " + TextFormat.age(ack.at, now: now) + " ago: " + ack.note
        for (i, part) in TextFormat.wrap(text, rest, maxLines: 2, ellipsis: g.ellipsis).enumerated() {
            lines.append([Span(i == 0 ? "ack'd".padding(label) : indent, .muted), Span(part)])
        }
    }
    return lines
}

/// One glyph per value, scaled to the peak; zero is blank so idle minutes read as gaps.
func sparkline(_ values: [Int], _ g: Glyphs) -> String {
    let peak = values.max() ?? 0
    var view = String.UnicodeScalarView()
    for v in values {
        if v <= 0 || peak <= 0 { view.append(" "); continue }
        let levels = g.sparkLevels.count
        let i = min(levels - 1, max(0, (v * levels - 1) / peak))
        view.append(g.sparkLevels[i])
    }
    return String(view)
}

extension String {
    /// Pads on the right with spaces to `width` display columns.
    func padding(_ width: Int) -> String {
        let w = DisplayWidth.of(self)
        return w >= width ? self : self + String(repeating: " ", count: width - w)
    }

    func leftPadding(_ width: Int) -> String {
        let w = DisplayWidth.of(self)
        return w >= width ? self : String(repeating: " ", count: width - w) + self
    }
}

/// Under a rule's reason: which rule it was (the Sigma licence asks for its author) and what
/// its author knows it also matches, so the operator can weigh a match before revoking.
/// Shared with the identity view.
func ruleLines(_ rule: RuleInfo, width: Int, ellipsis e: String, separator: String) -> [[Span]] {
    var out: [[Span]] = []
    // The author before the id: a UUID is long, and the name is what the licence asks for.
    var who = "\(rule.source.label) \(rule.level.label)"
    if !rule.author.isEmpty { who += " by \(rule.author)" }
    who += " \(separator) \(rule.id)"
    for part in TextFormat.wrap(who, max(1, width - 5), maxLines: 1, ellipsis: e) {
        out.append([Span("    "), Span(" " + part, .muted)])
    }
    let fp = rule.falsePositives.filter { !$0.isEmpty && $0.lowercased() != "unknown" }
    if !fp.isEmpty {
        for part in TextFormat.wrap("benign: " + fp.joined(separator: "; "), max(1, width - 5), maxLines: 2, ellipsis: e) {
            out.append([Span("    "), Span(" " + part, .muted)])
        }
    }
    return out
}
