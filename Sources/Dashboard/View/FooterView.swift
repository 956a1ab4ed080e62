/// Key hints from the keymap on the left, the focused pane on the right.
func drawFooter(_ buf: inout CellBuffer, _ r: DashboardLayout.Rect, _ ctx: ViewContext) {
    var x = r.x + 1
    let limit = r.x + r.width - 1
    for binding in ctx.options.keymap.bindings {
        guard let hint = binding.hint else { continue }
        var label = hint.label
        if binding.action == .togglePause && ctx.state.isPaused { label = "resume" }
        let w = DisplayWidth.of(hint.keys) + 1 + DisplayWidth.of(label)
        if x + w > limit - 20 { break }
        x += buf.put(hint.keys, x: x, y: r.y, role: .keyHint)
        x += buf.put(" " + label + "  ", x: x, y: r.y, maxWidth: limit - x, role: .muted)
    }
    buf.putRight("focus: " + ctx.state.focus.title, right: limit, y: r.y, role: .muted)
}
