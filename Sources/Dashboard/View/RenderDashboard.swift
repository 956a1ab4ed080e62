import Activity
import Events

/// Renders one frame. Pure: the same inputs give the same cells.
///
/// Three panes at 80×24 and above (identity table beside the detail pane, the event feed
/// underneath), a header and a key-hint footer; below 80×24 a "terminal too small" screen.
public func renderDashboard(snapshot: ActivitySnapshot, sources: [SourceStatus], state: AppState,
                            width: Int, height: Int, options: RenderOptions,
                            revocations: [RevocationEntry] = []) -> CellBuffer {
    var buf = CellBuffer(width: width, height: height)
    let layout = DashboardLayout(width: width, height: height)
    if layout.isTooSmall {
        drawTooSmall(&buf, options: options)
        return buf
    }
    let ctx = ViewContext(snapshot: snapshot, sources: sources, state: state, options: options,
                          glyphs: options.glyphs, revocations: revocations)
    drawHeader(&buf, layout.header, ctx)
    if let view = state.identityView {
        // The identity view (or its raw record) is the whole body; help and dialogs stay on top.
        if let record = view.record { drawRawRecord(&buf, record, ctx) } else { drawIdentityView(&buf, view, ctx) }
        drawIdentityViewFooter(&buf, layout.footer, ctx, record: view.record != nil)
        if state.helpVisible { drawHelp(&buf, ctx) }
        if let dialog = state.dialog, !dialog.hidden { drawResponseDialog(&buf, dialog, ctx) }
        return buf
    }
    drawIdentityTable(&buf, layout.identities, ctx)
    drawDetail(&buf, layout.detail, ctx)
    drawBottom(&buf, layout.feed, ctx)
    drawFooter(&buf, layout.footer, ctx)
    if state.helpVisible { drawHelp(&buf, ctx) }
    if let dialog = state.dialog, !dialog.hidden { drawResponseDialog(&buf, dialog, ctx) }
    return buf
}

/// What every pane drawer needs.
struct ViewContext {
    var snapshot: ActivitySnapshot
    var sources: [SourceStatus]
    var state: AppState
    var options: RenderOptions
    var glyphs: Glyphs
    /// The revocations pane's rows, newest first.
    var revocations: [RevocationEntry] = []

    func borderRole(_ pane: Pane) -> StyleRole { state.focus == pane ? .borderFocus : .border }

    /// Revoke, undo and acknowledge are disabled (either switch).
    var readOnly: Bool { options.readOnly || state.readOnly }

    /// The selected row, resolved by name against this snapshot.
    var selectedRow: IdentityRow? {
        let rows = snapshot.identities
        if let name = state.selectedIdentity, let row = rows.first(where: { $0.identity == name }) { return row }
        return rows.isEmpty ? nil : rows[clamp(state.selectedIndex, 0, rows.count - 1)]
    }
}

func drawTooSmall(_ buf: inout CellBuffer, options: RenderOptions) {
    let times = options.glyphs.times
    let lines: [(String, StyleRole)] = [
        ("terminal too small: \(buf.width)\(times)\(buf.height)", .warn),
        ("nhitop needs at least \(DashboardLayout.minWidth)\(times)\(DashboardLayout.minHeight)", .text),
        ("resize the window, or press q to quit", .muted),
    ]
    let top = max(0, (buf.height - lines.count) / 2)
    for (i, (text, role)) in lines.enumerated() {
        let w = DisplayWidth.of(text)
        buf.put(text, x: max(0, (buf.width - w) / 2), y: top + i, role: role)
    }
}
