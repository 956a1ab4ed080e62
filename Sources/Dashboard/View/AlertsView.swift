import Activity
import Events

/// The alerts since start, newest first: when, who, the level change in words (not colour
/// alone), the top reason and whether it was acknowledged. Enter on one opens its identity.
func drawAlerts(_ buf: inout CellBuffer, _ r: DashboardLayout.Rect, _ ctx: ViewContext) {
    let g = ctx.glyphs, e = g.ellipsis
    let alerts = ctx.snapshot.alerts  // oldest first: row i shows alerts[count - 1 - i]
    let total = max(ctx.snapshot.alertTotal, alerts.count)
    let title = "Alerts (\(TextFormat.grouped(total)))"
    buf.box(x: r.x, y: r.y, width: r.width, height: r.height, role: ctx.borderRole(.alerts), glyphs: g, title: title)
    let afterTitle = r.x + 3 + DisplayWidth.of(title) + 1
    drawBottomSwitcher(&buf, shown: .alerts, y: r.y, right: r.x + r.width - 1, room: r.x + r.width - 1 - afterTitle, ctx)
    let x0 = r.x + 1, inner = r.width - 2, visible = max(0, r.height - 3)
    guard !alerts.isEmpty else {
        let msg = total > 0 ? "The \(TextFormat.grouped(total)) alerts since start rolled out of the history."
            : "No alerts since nhitop started."
        buf.put(TextFormat.fit(msg, inner - 1, ellipsis: e), x: x0 + 1, y: r.y + 1, maxWidth: inner - 1, role: .muted)
        return
    }
    let (cursor, top) = listWindow(cursor: ctx.state.alertCursor, count: alerts.count, visible: visible)
    // Only the rows on screen are copied: the pane may hold thousands of alerts.
    let shown = (top..<min(alerts.count, top + visible)).map { alerts[alerts.count - 1 - $0] }

    // Columns: TIME IDENTITY CHANGE REASON ACK; the change as wide as the widest shown.
    let time = 8, ack = 3
    let changes = shown.map { levelChange($0, arrow: g.arrow) }
    let change = min(23, max(6, changes.map(DisplayWidth.of).max() ?? 0))
    let rest = max(0, inner - time - change - ack - 4)
    let longest = shown.map { DisplayWidth.of($0.identity) }.max() ?? 0
    let idW = min(longest, max(12, rest * 2 / 5)), reasonW = max(0, rest - idW)
    let xs = [x0, x0 + time + 1, x0 + time + idW + 2, x0 + time + idW + change + 3,
              x0 + time + idW + change + reasonW + 4]
    let hy = r.y + 1
    for (i, (name, w)) in [("TIME", time), ("IDENTITY", idW), ("CHANGE", change), ("REASON", reasonW), ("ACK", ack)].enumerated() {
        buf.put(name, x: xs[i], y: hy, maxWidth: w, role: .header)
    }
    for (i, alert) in shown.enumerated() {
        let y = hy + 1 + i
        buf.put(alert.time.clock, x: xs[0], y: y, role: .muted)
        buf.put(TextFormat.fit(alert.identity, idW, cut: .middle, ellipsis: e), x: xs[1], y: y, maxWidth: idW, role: .text)
        buf.put(TextFormat.fit(changes[i], change, ellipsis: e), x: xs[2], y: y, maxWidth: change, role: alert.level.role)
        let reason = alert.reasons.first?.text ?? ""
        buf.put(TextFormat.fit(reason, reasonW, ellipsis: e), x: xs[3], y: y, maxWidth: reasonW, role: .text)
        if alert.acknowledged { buf.put("ack", x: xs[4], y: y, maxWidth: ack, role: .ok) }
        if top + i == cursor {
            buf.paint(x: x0, y: y, width: inner, role: ctx.state.focus == .alerts ? .cursorRow : .selected)
        }
    }
    var more: [String] = []
    if alerts.count > visible { more.append("\(top + 1)-\(top + shown.count) of \(alerts.count)") }
    if total > alerts.count { more.append("\(TextFormat.grouped(total - alerts.count)) older rolled out") }
    if !more.isEmpty {
        let text = " " + more.joined(separator: " \(g.separator) ") + " "
        buf.putRight(TextFormat.fit(text, inner - 2, ellipsis: e), right: r.x + r.width - 1, y: r.y + r.height - 1,
                     role: .muted)
    }
}

/// `low → HIGH 70`: the level before and after in words, and the score.
func levelChange(_ alert: Alert, arrow: String) -> String {
    "\(alert.previous.word) \(arrow) \(alert.level.display) \(alert.risk)"
}
