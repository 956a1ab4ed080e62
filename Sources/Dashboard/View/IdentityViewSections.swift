import Activity
import Events

/// The identity view's summary as lines, in order of importance, so that cutting from the
/// bottom (a short terminal) loses the least: who, how risky and why, the last hour, with
/// which credentials and from where, what it did.
///
/// `wide`: the long form for the summary column (a reason on its own lines, each credential
/// and address on its own line). Otherwise the condensed form for the stacked layout (80×24):
/// one line per reason, lists inline. The activity curve is included only when `activity`.
func identitySummaryLines(_ detail: IdentityDetail, _ evidence: TimelineEvidence, _ ctx: ViewContext,
                          width: Int, wide: Bool, activity: Bool) -> [[Span]] {
    let g = ctx.glyphs, e = g.ellipsis
    let row = detail.row, clock = ctx.snapshot.clock
    let level = RiskLevel(score: row.risk)
    var lines: [[Span]] = []
    for part in TextFormat.wrap(row.identity, width, maxLines: wide ? 4 : 2, ellipsis: e) {
        lines.append([Span(part, .title)])
    }
    let risk = Span(" \(row.risk) \(level.display) (\(level.letter)) ", level.role)
    let kind = [Span(row.kind.label), Span(" \(g.separator) ", .muted), Span(row.format.label)]
    let denied = Span(TextFormat.grouped(row.denied), row.denied > 0 ? .error : .text)
    let errors = Span(TextFormat.grouped(row.errors), row.errors > 0 ? .warn : .text)
    if wide {
        lines.append(labelled("kind", kind))
        lines.append(labelled("risk", [risk]))
    } else {
        lines.append([Span("risk", .muted), risk, Span("  ")] + kind + [
            Span("  " + TextFormat.grouped(row.events)), Span(" events  ", .muted),
            denied, Span(" denied  ", .muted), errors, Span(" err", .muted),
        ])
    }
    // After a revoke, whether it held is the first question: right under the score.
    lines += responseLines(row, now: clock, width: width, glyphs: g)
    lines += reasonLines(row, level: level, now: clock, width: width, wide: wide, glyphs: g)
    if wide {
        lines.append(labelled("events", [Span(TextFormat.grouped(row.events)), Span("  denied ", .muted), denied,
                                         Span("  err ", .muted), errors]))
        lines.append(labelled("first", [Span(row.firstSeen.clock), Span(" (\(TextFormat.age(row.firstSeen, now: clock)) ago)", .muted)]))
        lines.append(labelled("last", [Span(row.lastSeen.clock), Span(" (\(TextFormat.age(row.lastSeen, now: clock)) ago)", .muted)]))
    }
    if activity { lines += activityLines(detail, evidence, width: width, glyphs: g, axis: false) }
    let ascii = ctx.options.ascii
    let creds = detail.credentials.map { ($0, evidence.seenText(evidence.credentials[$0], now: clock, ascii: ascii)) }
    let ips = detail.sourceIPs.map { ($0, evidence.seenText(evidence.sourceIPs[$0], now: clock, ascii: ascii)) }
    let actions = detail.topActions.map { (TextFormat.compact($0.count), $0.action) }
    let resources = detail.topResources.map { (TextFormat.compact($0.count), $0.action) }
    if wide {
        lines += evidenceList("credentials", creds, row, .credentials, width: width, ctx)
        lines += evidenceList("source IPs", ips, row, .sourceIPs, width: width, ctx)
        lines += countList("top actions", actions, row, .actions, width: width, ctx)
        lines += countList("top resources", resources, row, .resources, width: width, ctx)
    } else {
        lines.append(inlineList("credentials", creds.map { [Span($0.0), Span(" (\($0.1))", .muted)] }, width: width, g))
        lines.append(inlineList("source IPs", ips.map { [Span($0.0), Span(" (\($0.1))", .muted)] }, width: width, g))
        lines.append(inlineList("top actions", actions.map { [Span($0.0 + " ", .muted), Span($0.1)] }, width: width, g))
        lines.append(inlineList("resources", resources.map { [Span($0.0 + " ", .muted), Span($0.1)] }, width: width, g))
    }
    return lines
}

/// Width of the condensed form's labels (`credentials `) and of the activity curve's
/// (`60 min  `: the hour still fits beside the timeline at 120 columns).
private let labelWidth = 12
private let curveLabelWidth = 8

private func labelled(_ name: String, _ spans: [Span]) -> [Span] {
    [Span(name.padding(7), .muted)] + spans
}

/// `reason at 14:31:20 (1m ago)`: the clock and the age of its latest evidence.
func whenText(_ t: EventTime, now: EventTime) -> String {
    "\(t.clock) (\(TextFormat.age(t, now: now)) ago)"
}

/// Each contribution: its points, signal, reason in words and when it was last seen. Wide:
/// `+40 deny_spike · 14:31:20 (1m ago)` then the reason (and its rule) indented under it.
/// Condensed: `+40 deny_spike  14 denied in 15 min   14:31:20 (1m ago)` on one line.
private func reasonLines(_ row: IdentityRow, level: RiskLevel, now: EventTime, width: Int, wide: Bool,
                         glyphs g: Glyphs) -> [[Span]] {
    let e = g.ellipsis
    var lines: [[Span]] = []
    if row.reasons.isEmpty {
        lines.append([Span("no risk signals", .muted)])
        return lines
    }
    let signalWidth = min(16, row.reasons.map { DisplayWidth.of($0.signal) }.max() ?? 0)
    for reason in row.reasons {
        let pts = Span("+\(reason.points)".leftPadding(4), level.role)
        let when = reason.lastSeen == .zero ? "" : whenText(reason.lastSeen, now: now)
        if wide {
            var head = [pts, Span(" " + TextFormat.fit(reason.signal, max(1, width - 5), ellipsis: e), .header)]
            let used = 5 + DisplayWidth.of(reason.signal)
            if !when.isEmpty, used + 3 + DisplayWidth.of(when) <= width {
                head.append(Span(" \(g.separator) " + when, .muted))
            }
            lines.append(head)
            for part in TextFormat.wrap(reason.text, max(1, width - 5), maxLines: 4, ellipsis: e) {
                lines.append([Span("     "), Span(part)])
            }
            if !when.isEmpty, used + 3 + DisplayWidth.of(when) > width {
                lines.append([Span("     "), Span(TextFormat.fit(when, max(1, width - 5), ellipsis: e), .muted)])
            }
            if let rule = reason.rule { lines += ruleLines(rule, width: width, ellipsis: e, separator: g.separator) }
        } else {
            let whenWidth = when.isEmpty ? 0 : DisplayWidth.of(when) + 2
            let textWidth = max(1, width - 5 - signalWidth - 1 - whenWidth)
            var line = [pts, Span(" " + TextFormat.fit(reason.signal, signalWidth, ellipsis: e).padding(signalWidth), .header),
                        Span(" " + TextFormat.fit(reason.text, textWidth, ellipsis: e).padding(textWidth))]
            if !when.isEmpty { line.append(Span("  " + when, .muted)) }
            lines.append(line)
        }
    }
    return lines
}

/// The last hour, a column per minute (newest on the right): the curve, with minutes that
/// had a deny in the error role, and under it a marker row (`×` deny, `?` activity older
/// than the timeline, so unknown) so the denies do not rest on colour alone. With `axis`, a
/// third line: `-60m … -30m … now`.
func activityLines(_ detail: IdentityDetail, _ evidence: TimelineEvidence, width: Int, glyphs g: Glyphs,
                   axis: Bool) -> [[Span]] {
    let values = detail.perMinute
    let n = min(values.count, max(0, width - curveLabelWidth))
    guard n > 0 else { return [] }
    let shown = Array(values.suffix(n))
    let marks = Array(evidence.minutes.suffix(n))
    let curve = Array(sparkline(shown, g).unicodeScalars)

    var spark: [Span] = [Span("\(n) min".padding(curveLabelWidth), .muted)]
    var markRow: [Span] = [Span("denied".padding(curveLabelWidth), .muted)]
    // Runs of one role, so a deny minute is one span of the error role.
    var run = String.UnicodeScalarView(), runRole = StyleRole.sparkline
    var markRun = String.UnicodeScalarView(), markRole = StyleRole.muted
    for i in 0..<n {
        let role: StyleRole = i < marks.count && marks[i] == .deny ? .error : .sparkline
        if role != runRole, !run.isEmpty { spark.append(Span(String(run), runRole)); run = .init() }
        runRole = role
        run.append(i < curve.count ? curve[i] : " ")
        let (glyph, mRole): (Unicode.Scalar, StyleRole) = switch i < marks.count ? marks[i] : .none {
        case .deny: (g == .ascii ? "x" : "\u{00D7}", .error)
        case .unknown: ("?", .muted)
        case .none: (" ", .muted)
        }
        if mRole != markRole, !markRun.isEmpty { markRow.append(Span(String(markRun), markRole)); markRun = .init() }
        markRole = mRole
        markRun.append(glyph)
    }
    if !run.isEmpty { spark.append(Span(String(run), runRole)) }
    if !markRun.isEmpty { markRow.append(Span(String(markRun), markRole)) }
    let peak = shown.max() ?? 0
    // The activity box (with the axis) has the peak in its title.
    for peakText in axis ? [] : ["  peak \(TextFormat.grouped(peak))/min", " peak \(TextFormat.grouped(peak))"]
    where curveLabelWidth + n + DisplayWidth.of(peakText) <= width {
        spark.append(Span(peakText, .muted))
        break
    }
    if !marks.contains(.deny) {
        let none = marks.contains(.unknown) ? "" : "none"
        if markRow.count == 2, !none.isEmpty { markRow = [markRow[0], Span(none, .muted)] }
    }
    var lines = [spark, markRow]
    if axis {
        // Ticks under the first, the middle and the last column.
        var ticks = Array(repeating: Unicode.Scalar(" "), count: n)
        func place(_ text: String, at x: Int) {
            for (k, s) in text.unicodeScalars.enumerated() where x + k >= 0 && x + k < n { ticks[x + k] = s }
        }
        place("-\(n)m", at: 0)
        if n >= 30 { place("-\(n / 2)m", at: n - n / 2 - 1) }
        place("now", at: n - 3)
        var view = String.UnicodeScalarView()
        view.append(contentsOf: ticks)
        lines.append([Span(String(repeating: " ", count: curveLabelWidth)), Span(String(view), .muted)])
    }
    return lines
}

/// `credentials  AKIA… (first ≥ 12m ago, last 1s ago) · 10.0.0.5 (…) +2`: as many whole
/// items as fit on one line, then how many more there are.
private func inlineList(_ title: String, _ items: [[Span]], width: Int, _ g: Glyphs) -> [Span] {
    var line = [Span(title.padding(labelWidth), .header)]
    var used = labelWidth
    if items.isEmpty { return line + [Span("none", .muted)] }
    let sep = " \(g.separator) "
    for (i, item) in items.enumerated() {
        let more = i + 1 < items.count ? " +\(items.count - i - 1)" : ""
        let w = item.reduce(0) { $0 + DisplayWidth.of($1.text) } + (i > 0 ? DisplayWidth.of(sep) : 0)
        if used + w + DisplayWidth.of(more) > width {
            if i == 0 {
                // Not even one whole item: the first, cut, then the count.
                let room = max(1, width - used - DisplayWidth.of(" +\(items.count - 1)"))
                let text = item.map(\.text).joined()
                line.append(Span(TextFormat.fit(text, room, cut: .middle, ellipsis: g.ellipsis)))
                if items.count > 1 { line.append(Span(" +\(items.count - 1)", .muted)) }
            } else {
                line.append(Span(" +\(items.count - i)", .muted))
            }
            return line
        }
        if i > 0 { line.append(Span(sep, .muted)) }
        line += item
        used += w
    }
    return line
}

/// A credential or address per line with when the timeline saw it first and last, on the
/// same line when both fit, else under it.
private func evidenceList(_ title: String, _ items: [(String, String)], _ row: IdentityRow,
                          _ which: SaturatedEvidence, width: Int, _ ctx: ViewContext) -> [[Span]] {
    guard !items.isEmpty else { return [] }
    let e = ctx.glyphs.ellipsis
    let shown = min(items.count, 6)
    var lines = [listHeader(title, row, which, shown: shown, ctx)]
    for (value, seen) in items.prefix(shown) {
        let vw = DisplayWidth.of(value), sw = DisplayWidth.of(seen)
        if 2 + vw + 2 + sw <= width {
            lines.append([Span("  " + value), Span("  " + seen, .muted)])
        } else {
            lines.append([Span("  " + TextFormat.fit(value, max(1, width - 2), cut: .middle, ellipsis: e))])
            lines.append([Span("    " + TextFormat.fit(seen, max(1, width - 4), ellipsis: e), .muted)])
        }
    }
    if items.count > shown { lines.append([Span("  +\(items.count - shown) more", .muted)]) }
    return lines
}

/// `   612 secretsmanager:GetSecretValue`, the most frequent first.
private func countList(_ title: String, _ items: [(String, String)], _ row: IdentityRow,
                       _ which: SaturatedEvidence, width: Int, _ ctx: ViewContext) -> [[Span]] {
    guard !items.isEmpty else { return [] }
    let shown = min(items.count, 5)
    var lines = [listHeader(title, row, which, shown: shown, ctx)]
    for (n, name) in items.prefix(shown) {
        lines.append([Span(n.leftPadding(6)),
                      Span(" " + TextFormat.fit(name, max(1, width - 7), cut: .middle, ellipsis: ctx.glyphs.ellipsis))])
    }
    return lines
}
