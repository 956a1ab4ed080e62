/// A centered modal listing the keymap by group (generated, so it is always right).
/// Read-only mode keeps the respond keys listed, greyed, with why they do nothing.
func drawHelp(_ buf: inout CellBuffer, _ ctx: ViewContext) {
    let keymap = ctx.options.keymap
    let keyCol = 18
    var lines: [[Span]] = []
    for group in KeyGroup.allCases {
        let bindings = keymap.bindings.filter { $0.group == group }
        guard !bindings.isEmpty else { continue }
        lines.append([Span(group.rawValue, .title)])
        for b in bindings {
            let keys = b.keys.map { ctx.options.ascii ? $0.asciiName : $0.displayName }.joined(separator: " ")
            if ctx.readOnly && Keymap.respondActions.contains(b.action) {
                lines.append([Span("  " + keys.padding(keyCol - 2), .muted),
                              Span(b.description + " (read-only: disabled)", .muted)])
            } else {
                lines.append([Span("  " + keys.padding(keyCol - 2), .keyHint), Span(b.description, .modal)])
            }
        }
    }

    let contentWidth = lines.map { $0.reduce(0) { $0 + DisplayWidth.of($1.text) } }.max() ?? 0
    let w = min(buf.width - 4, contentWidth + 4)
    let h = min(buf.height - 2, lines.count + 2)
    let x = (buf.width - w) / 2, y = (buf.height - h) / 2
    buf.fill(x: x, y: y, width: w, height: h, role: .modal)
    buf.box(x: x, y: y, width: w, height: h, role: .borderFocus, glyphs: ctx.glyphs, title: "Keys")
    // On the border, so every binding still fits at 80×24.
    buf.putRight(" Esc or ? closes ", right: x + w - 1, y: y + h - 1, role: .muted)
    for (i, line) in lines.prefix(h - 2).enumerated() {
        buf.put(line, x: x + 2, y: y + 1 + i, maxWidth: w - 4)
    }
}
