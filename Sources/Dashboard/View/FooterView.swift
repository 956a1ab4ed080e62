/// Key hints from the keymap on the left, the focused pane on the right. A flash message
/// ("read-only: revoke is disabled") takes the hints' place until the next key; a status
/// from the loop (a broken ledger) takes it while the condition lasts.
func drawFooter(_ buf: inout CellBuffer, _ r: DashboardLayout.Rect, _ ctx: ViewContext) {
    var x = r.x + 1
    let limit = r.x + r.width - 1
    let right = "focus: " + ctx.state.focus.title
    if let message = ctx.state.flash ?? ctx.state.status {
        let room = max(0, limit - x - DisplayWidth.of(right) - 2)
        buf.put(TextFormat.fit(message, room, ellipsis: ctx.glyphs.ellipsis), x: x, y: r.y, maxWidth: room,
                role: ctx.state.flash == nil ? .error : .warn)
    } else {
        for binding in ctx.options.keymap.bindings {
            guard let hint = binding.hint else { continue }
            var keys = hint.keys, label = hint.label
            var role = StyleRole.muted
            if binding.action == .togglePause && ctx.state.isPaused { label = "resume" }
            if ctx.readOnly && Keymap.respondActions.contains(binding.action) {
                // Instead of "R revoke": the mode that explains why it is missing.
                keys = ""; label = "read-only"; role = .warn
            }
            let w = (keys.isEmpty ? 0 : DisplayWidth.of(keys) + 1) + DisplayWidth.of(label)
            if x + w > limit - 20 { break }
            if !keys.isEmpty {
                x += buf.put(keys, x: x, y: r.y, role: .keyHint)
                x += buf.put(" ", x: x, y: r.y, role: .muted)
            }
            x += buf.put(label, x: x, y: r.y, maxWidth: limit - x, role: role)
            x += buf.put("  ", x: x, y: r.y, maxWidth: limit - x, role: .muted)
        }
    }
    buf.putRight(right, right: limit, y: r.y, role: .muted)
}
