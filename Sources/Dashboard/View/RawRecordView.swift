/// The raw record of a timeline line, over the whole body: a box titled with where it came
/// from, the record's lines with their numbers, and where the view is in it.
///
/// Long lines are wrapped, not cut: a record is evidence and its longest values (a policy
/// document, a user agent) are often what matters. A continuation has no line number, so
/// wrapped and separate lines stay told apart. `scroll` counts display lines
/// (`IdentityViewLayout.recordMaxScroll`). The lines come sanitized from the reader, and
/// `CellBuffer.put` escapes whatever is unsafe again, always within the box.
func drawRawRecord(_ buf: inout CellBuffer, _ record: RawRecordView, _ ctx: ViewContext) {
    let layout = IdentityViewLayout(width: buf.width, height: buf.height)
    let r = layout.record, g = ctx.glyphs
    buf.fill(x: r.x, y: r.y, width: r.width, height: r.height, role: .text)
    buf.box(x: r.x, y: r.y, width: r.width, height: r.height, role: .borderFocus, glyphs: g,
            title: record.title)
    let inner = r.width - 2, rows = layout.recordRows
    guard inner > 0, rows > 0 else { return }

    if let problem = record.problem {
        let lines = TextFormat.wrap(problem, inner - 2, maxLines: max(1, rows - 2), ellipsis: g.ellipsis)
        for (i, line) in lines.enumerated() {
            buf.put(line, x: r.x + 2, y: r.y + 1 + i, maxWidth: inner - 2, role: .warn)
        }
        if rows > lines.count + 1 {
            buf.put("press Esc to go back", x: r.x + 2, y: r.y + 2 + lines.count, maxWidth: inner - 2, role: .muted)
        }
        return
    }
    if record.lines.isEmpty {
        buf.put("The record is empty. Press Esc to go back.", x: r.x + 2, y: r.y + 1, maxWidth: inner - 2, role: .muted)
        return
    }

    let gutter = IdentityViewLayout.gutterWidth(lines: record.lines.count)
    let textWidth = layout.recordTextWidth(lines: record.lines.count)
    let top = clamp(record.scroll, 0, layout.recordMaxScroll(record))
    // Skip whole lines above the top without building their pieces; wrap only what is shown.
    var row = 0, display = 0
    var firstLine: Int?, lastLine = 0
    for (n, line) in record.lines.enumerated() {
        if row >= rows { break }
        let count = IdentityViewLayout.wrapCount(line, width: textWidth)
        if display + count <= top { display += count; continue }
        let pieces = IdentityViewLayout.wrap(line, width: textWidth)
        for (k, piece) in pieces.enumerated() where display + k >= top && row < rows {
            let y = r.y + 1 + row
            if k == 0 {
                buf.put(String(n + 1).leftPadding(gutter - 1), x: r.x + 1, y: y, maxWidth: gutter - 1, role: .muted)
            }
            buf.put(piece, x: r.x + 1 + gutter, y: y, maxWidth: textWidth, role: .text)
            if firstLine == nil { firstLine = n }
            lastLine = n
            row += 1
        }
        display += count
    }
    let first = (firstLine ?? 0) + 1, last = lastLine + 1
    let position = " lines \(first)-\(last) of \(TextFormat.grouped(record.lines.count)) "
    buf.putRight(position, right: r.x + r.width - 1, y: r.y + r.height - 1, role: .muted)
}
