/// The line-drawing and decoration glyphs. Unicode box characters by default (not the
/// terminal's ACS, which PuTTY and non-UTF-8 locales break); `.ascii` for `--ascii`.
public struct Glyphs: Hashable, Sendable {
    public var horizontal: Unicode.Scalar
    public var vertical: Unicode.Scalar
    public var topLeft: Unicode.Scalar
    public var topRight: Unicode.Scalar
    public var bottomLeft: Unicode.Scalar
    public var bottomRight: Unicode.Scalar
    public var ellipsis: String
    public var separator: String
    public var times: String
    public var arrow: String
    /// Sparkline levels, lowest first (zero is drawn as a space).
    public var sparkLevels: [Unicode.Scalar]

    public static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        ellipsis: "…", separator: "·", times: "×", arrow: "→",
        sparkLevels: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"])

    public static let ascii = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        ellipsis: "~", separator: "|", times: "x", arrow: ">",
        sparkLevels: ["_", ".", "-", "~", "=", "+", "*", "#"])
}

extension CellBuffer {
    /// Draws a box outline; `title` (sanitized, clipped) sits on the top edge.
    public mutating func box(x: Int, y: Int, width w: Int, height h: Int, role: StyleRole,
                             glyphs: Glyphs, title: String? = nil, titleRole: StyleRole = .title) {
        guard w >= 2, h >= 2 else { return }
        for xx in (x + 1)..<(x + w - 1) {
            set(x: xx, y: y, Cell(glyphs.horizontal, role: role))
            set(x: xx, y: y + h - 1, Cell(glyphs.horizontal, role: role))
        }
        for yy in (y + 1)..<(y + h - 1) {
            set(x: x, y: yy, Cell(glyphs.vertical, role: role))
            set(x: x + w - 1, y: yy, Cell(glyphs.vertical, role: role))
        }
        set(x: x, y: y, Cell(glyphs.topLeft, role: role))
        set(x: x + w - 1, y: y, Cell(glyphs.topRight, role: role))
        set(x: x, y: y + h - 1, Cell(glyphs.bottomLeft, role: role))
        set(x: x + w - 1, y: y + h - 1, Cell(glyphs.bottomRight, role: role))
        if let title, w > 4 {
            put(" " + title + " ", x: x + 1, y: y, maxWidth: w - 2, role: titleRole)
        }
    }

    public mutating func hline(x: Int, y: Int, width w: Int, role: StyleRole, glyphs: Glyphs) {
        fill(x: x, y: y, width: w, height: 1, scalar: glyphs.horizontal, role: role)
    }
}
