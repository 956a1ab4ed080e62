/// A centered modal listing the keymap by group (generated, so it is always right).
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
            lines.append([Span("  " + keys.padding(keyCol - 2), .keyHint), Span(b.description, .modal)])
        }
    }
    lines.append([Span("Esc or ? closes this help", .muted)])

    let contentWidth = lines.map { $0.reduce(0) { $0 + DisplayWidth.of($1.text) } }.max() ?? 0
    let w = min(buf.width - 4, contentWidth + 4)
    let h = min(buf.height - 2, lines.count + 2)
    let x = (buf.width - w) / 2, y = (buf.height - h) / 2
    buf.fill(x: x, y: y, width: w, height: h, role: .modal)
    buf.box(x: x, y: y, width: w, height: h, role: .borderFocus, glyphs: ctx.glyphs, title: "Keys")
    for (i, line) in lines.prefix(h - 2).enumerated() {
        buf.put(line, x: x + 2, y: y + 1 + i, maxWidth: w - 4)
    }
}
