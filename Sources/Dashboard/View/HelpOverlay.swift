/// A centered modal listing the keymap by group (generated, so it is always right). One
/// column when it fits the screen, otherwise two, split between groups: at 80×24 one column
/// would need 30 rows. Read-only mode keeps the respond keys listed, greyed, and says why in
/// their group's title.
func drawHelp(_ buf: inout CellBuffer, _ ctx: ViewContext) {
    let blocks = helpBlocks(ctx)
    let maxRows = max(1, buf.height - 4)
    let maxContent = max(8, buf.width - 6)
    let gutter = 3
    let single = blocks.flatMap { $0 }
    var columns = [single]
    if single.count > maxRows || HelpColumn.width(single) > maxContent, blocks.count > 1 {
        // The split between groups that makes the taller column shortest.
        var best = 1, bestRows = Int.max
        for k in 1..<blocks.count {
            let rows = max(blocks[..<k].reduce(0) { $0 + $1.count }, blocks[k...].reduce(0) { $0 + $1.count })
            if rows < bestRows { best = k; bestRows = rows }
        }
        columns = [blocks[..<best].flatMap { $0 }, blocks[best...].flatMap { $0 }]
    }
    // Each column as wide as it needs; when together they do not fit, descriptions are cut.
    var widths = columns.map(HelpColumn.width)
    let room = maxContent - gutter * (columns.count - 1)
    if widths.reduce(0, +) > room {
        // Narrow columns keep their width; the others share what is left.
        var left = room, rest = widths.count
        for i in widths.indices.sorted(by: { widths[$0] < widths[$1] }) {
            widths[i] = min(widths[i], left / rest)
            left -= widths[i]
            rest -= 1
        }
    }
    let rows = min(maxRows, columns.map(\.count).max() ?? 0)

    let w = min(buf.width - 2, widths.reduce(0, +) + gutter * (columns.count - 1) + 4)
    let h = min(buf.height - 2, rows + 2)
    let x = (buf.width - w) / 2, y = (buf.height - h) / 2
    buf.fill(x: x, y: y, width: w, height: h, role: .modal)
    buf.box(x: x, y: y, width: w, height: h, role: .borderFocus, glyphs: ctx.glyphs, title: "Keys")
    // On the border, so every binding still fits at 80×24.
    buf.putRight(" Esc or ? closes ", right: x + w - 1, y: y + h - 1, role: .muted)
    var cx = x + 2
    for (column, width) in zip(columns, widths) {
        let keyWidth = column.map { DisplayWidth.of($0.keys) }.max() ?? 0
        for (i, line) in column.prefix(rows).enumerated() {
            HelpColumn.draw(line, &buf, x: cx, y: y + 1 + i, width: width, keyWidth: keyWidth, ctx)
        }
        cx += width + gutter
    }
}

/// One line of the help: a group's title, or a binding's keys and what they do.
struct HelpLine {
    var title: String?
    var keys = ""
    var description = ""
    var disabled = false
}

private func helpBlocks(_ ctx: ViewContext) -> [[HelpLine]] {
    let keymap = ctx.options.keymap
    var blocks: [[HelpLine]] = []
    for group in KeyGroup.allCases {
        let bindings = keymap.bindings.filter { $0.group == group }
        guard !bindings.isEmpty else { continue }
        let disabled = ctx.readOnly && bindings.contains { Keymap.respondActions.contains($0.action) }
        var block = [HelpLine(title: group.rawValue + (disabled ? " (read-only: disabled)" : ""))]
        for b in bindings {
            let keys = b.keys.map { ctx.options.ascii ? $0.asciiName : $0.displayName }.joined(separator: " ")
            block.append(HelpLine(keys: keys, description: b.description,
                                  disabled: ctx.readOnly && Keymap.respondActions.contains(b.action)))
        }
        blocks.append(block)
    }
    return blocks
}

enum HelpColumn {
    /// Titles start at the column's edge; bindings are indented by one, keys padded, one space.
    static func width(_ lines: [HelpLine]) -> Int {
        let keyWidth = lines.map { DisplayWidth.of($0.keys) }.max() ?? 0
        return lines.map { line in
            line.title.map { DisplayWidth.of($0) } ?? 1 + keyWidth + 1 + DisplayWidth.of(line.description)
        }.max() ?? 0
    }

    static func draw(_ line: HelpLine, _ buf: inout CellBuffer, x: Int, y: Int, width: Int, keyWidth: Int,
                     _ ctx: ViewContext) {
        let e = ctx.glyphs.ellipsis
        if let title = line.title {
            buf.put(TextFormat.fit(title, width, ellipsis: e), x: x, y: y, maxWidth: width, role: .title)
            return
        }
        let keyRole: StyleRole = line.disabled ? .muted : .keyHint
        let textRole: StyleRole = line.disabled ? .muted : .modal
        buf.put(line.keys, x: x + 1, y: y, maxWidth: max(0, width - 1), role: keyRole)
        let dx = 1 + keyWidth + 1
        let room = max(0, width - dx)
        buf.put(TextFormat.fit(line.description, room, ellipsis: e), x: x + dx, y: y, maxWidth: room, role: textRole)
    }
}
