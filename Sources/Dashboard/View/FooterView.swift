/// Key hints from the keymap on the left, the focused pane on the right. A flash message
/// ("read-only: revoke is disabled") takes the hints' place until the next key; a status
/// from the loop (a broken ledger) takes it while the condition lasts.
func drawFooter(_ buf: inout CellBuffer, _ r: DashboardLayout.Rect, _ ctx: ViewContext) {
    if let find = ctx.state.find, find.editing {
        drawFindLine(&buf, r, find, ctx)
        return
    }
    var x = r.x + 1
    let limit = r.x + r.width - 1
    let right = "focus: " + ctx.state.focus.title
    if let message = ctx.state.flash ?? ctx.state.status {
        let room = max(0, limit - x - DisplayWidth.of(right) - 2)
        buf.put(TextFormat.fit(message, room, ellipsis: ctx.glyphs.ellipsis), x: x, y: r.y, maxWidth: room,
                role: ctx.state.flash == nil ? .error : .warn)
    } else {
        for (binding, hint) in ctx.options.keymap.footerHints(for: ctx.state) {
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

/// While `/` is typed the footer is the filter line: `/text█`, why the text is not a valid
/// filter, and the keys that end it on the right. The text comes first, then the error,
/// then as many whole hints as still fit.
func drawFindLine(_ buf: inout CellBuffer, _ r: DashboardLayout.Rect, _ find: FindState, _ ctx: ViewContext) {
    let g = ctx.glyphs, e = g.ellipsis
    let limit = r.x + r.width - 1
    var x = r.x + 1
    let textWidth = DisplayWidth.of(find.text)
    let errorText = find.error.map { "  " + $0 } ?? ""
    let sep = " \(g.separator) "
    let hints = ["Enter keep", "Esc clear", "~regex", "!invert"]
    var hint = ""
    for n in stride(from: hints.count, through: 1, by: -1) {
        let h = hints.prefix(n).joined(separator: sep)
        if 2 + textWidth + DisplayWidth.of(errorText) + 2 + DisplayWidth.of(h) <= limit - x { hint = h; break }
    }
    let hintRoom = hint.isEmpty ? 0 : DisplayWidth.of(hint) + 2
    x += buf.put("/", x: x, y: r.y, role: .keyHint)
    // The end being typed stays in sight: a long text loses its beginning.
    let textRoom = max(1, limit - x - 1 - hintRoom)
    let text = textWidth <= textRoom ? find.text
        : e + TextFormat.suffix(find.text, max(0, textRoom - DisplayWidth.of(e)))
    x += buf.put(text, x: x, y: r.y, maxWidth: textRoom, role: .text)
    x += buf.put(ctx.options.ascii ? "_" : "\u{2588}", x: x, y: r.y, role: .keyHint)
    let errorRoom = limit - x - hintRoom
    if !errorText.isEmpty, errorRoom > 4 {
        buf.put(TextFormat.fit(errorText, errorRoom, ellipsis: e), x: x, y: r.y, maxWidth: errorRoom, role: .error)
    }
    if !hint.isEmpty { buf.putRight(hint, right: limit, y: r.y, role: .muted) }
}
