import Events

/// An off-screen grid of cells: everything the dashboard draws goes here first, the
/// backend then presents it (diffing against the previous frame). Pure value type.
///
/// All text enters through `put`, which sanitizes it: see `DisplayWidth`.
public struct CellBuffer: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    /// Drawn instead of a harmless scalar whose width cannot be known (combining marks,
    /// private use, unassigned). Unsafe ones (controls, ESC, bidi, zero-width characters)
    /// are drawn as their `\u{HEX}` escape instead: see `DisplaySafe`.
    public static let placeholder: Unicode.Scalar = "?"

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: fill, count: self.width * self.height)
    }

    public subscript(x x: Int, y y: Int) -> Cell {
        get {
            guard contains(x: x, y: y) else { return .blank }
            return cells[y * width + x]
        }
    }

    public func contains(x: Int, y: Int) -> Bool {
        x >= 0 && y >= 0 && x < width && y < height
    }

    /// Writes one cell, repairing any wide character it cuts in half.
    mutating func set(x: Int, y: Int, _ cell: Cell) {
        guard contains(x: x, y: y) else { return }
        let i = y * width + x
        // Overwriting a trailer orphans its leading half.
        if cells[i].isWideTrailer, x > 0 {
            cells[i - 1] = Cell(" ", role: cells[i - 1].role)
        }
        // Overwriting a leading wide half orphans its trailer.
        if !cell.isWideTrailer, x + 1 < width, cells[i + 1].isWideTrailer {
            cells[i + 1] = Cell(" ", role: cells[i + 1].role)
        }
        cells[i] = cell
    }

    /// Draws `text` from column `x` on row `y`, advancing by display width, and returns
    /// the number of columns used. Stops at `maxWidth` columns (default: to the right
    /// edge) and never splits a wide character: if one does not fit, the remaining
    /// column is left untouched. Unsafe scalars become their `\u{HEX}` escape, other
    /// unprintable ones `placeholder`.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, maxWidth: Int? = nil, role: StyleRole) -> Int {
        guard y >= 0, y < height else { return 0 }
        let limit = min(maxWidth ?? Int.max, width - x)
        guard limit > 0 else { return 0 }
        var used = 0
        for scalar in text.unicodeScalars {
            var s = scalar
            var w = DisplayWidth.of(s) ?? 0
            if w != 1 && w != 2 {
                if DisplaySafe.isUnsafe(s) {
                    // Shown, not obeyed: `\u{1B}` in as many cells, whole or not at all.
                    let n = DisplaySafe.escapeWidth(s)
                    if used + n > limit { break }
                    DisplaySafe.forEachEscapeScalar(s) { e in
                        if x + used >= 0 { set(x: x + used, y: y, Cell(e, role: role)) }
                        used += 1
                    }
                    continue
                }
                s = CellBuffer.placeholder; w = 1
            }
            if used + w > limit { break }
            let cx = x + used
            if cx >= 0 {
                set(x: cx, y: y, Cell(s, role: role))
                if w == 2 { set(x: cx + 1, y: y, Cell(" ", role: role, isWideTrailer: true)) }
            }
            used += w
        }
        return used
    }

    /// Fills a rectangle (clipped to the buffer) with one scalar and role.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int,
                              scalar: Unicode.Scalar = " ", role: StyleRole) {
        let safe: Unicode.Scalar = DisplayWidth.of(scalar) == 1 ? scalar : CellBuffer.placeholder
        for yy in max(0, y)..<max(max(0, y), min(height, y + h)) {
            for xx in max(0, x)..<max(max(0, x), min(width, x + w)) {
                set(x: xx, y: yy, Cell(safe, role: role))
            }
        }
    }

    /// Repaints the role of a rectangle, keeping its characters (cursor rows, badges).
    public mutating func paint(x: Int, y: Int, width w: Int, height h: Int = 1, role: StyleRole) {
        for yy in max(0, y)..<max(max(0, y), min(height, y + h)) {
            for xx in max(0, x)..<max(max(0, x), min(width, x + w)) {
                cells[yy * width + xx].role = role
            }
        }
    }

    /// Draws `text` right-aligned so that it ends just before column `right`.
    @discardableResult
    public mutating func putRight(_ text: String, right: Int, y: Int, role: StyleRole) -> Int {
        let w = DisplayWidth.of(text)
        return put(text, x: right - w, y: y, maxWidth: w, role: role)
    }
}
