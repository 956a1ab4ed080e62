extension CellBuffer {
    /// One line per row, wide trailers skipped (the text as a terminal would show it).
    /// With `edges`, every line is wrapped in `|…|` so trailing spaces stay visible.
    public func textDump(edges: Bool = false) -> String {
        var lines: [String] = []
        lines.reserveCapacity(height)
        for y in 0..<height {
            var line = String.UnicodeScalarView()
            for x in 0..<width {
                let c = cells[y * width + x]
                if !c.isWideTrailer { line.append(c.scalar) }
            }
            let text = String(line)
            lines.append(edges ? "|" + text + "|" : text)
        }
        return lines.joined(separator: "\n")
    }

    /// A grid parallel to the screen with one `StyleRole.code` per column.
    public func styleDump(edges: Bool = false) -> String {
        var lines: [String] = []
        for y in 0..<height {
            var line = ""
            for x in 0..<width { line.append(cells[y * width + x].role.code) }
            lines.append(edges ? "|" + line + "|" : line)
        }
        return lines.joined(separator: "\n")
    }

    /// The runs of cells that differ from `previous`, row by row, left to right.
    /// A size change means every cell, one run per row. Runs are widened so they never
    /// begin on a wide trailer or end on a wide leading half.
    public func diff(from previous: CellBuffer) -> [CellRun] {
        if previous.width != width || previous.height != height {
            return (0..<height).map { y in
                CellRun(y: y, x: 0, cells: Array(cells[(y * width)..<((y + 1) * width)]))
            }
        }
        var runs: [CellRun] = []
        for y in 0..<height {
            let base = y * width
            var x = 0
            while x < width {
                guard cells[base + x] != previous.cells[base + x] else { x += 1; continue }
                var start = x
                if cells[base + start].isWideTrailer && start > 0 { start -= 1 }
                var end = x + 1
                while end < width && cells[base + end] != previous.cells[base + end] { end += 1 }
                if end < width && cells[base + end].isWideTrailer { end += 1 }
                if let last = runs.last, last.y == y, last.x + last.cells.count >= start {
                    // Overlapping after widening: extend the previous run.
                    let from = last.x + last.cells.count
                    runs[runs.count - 1].cells.append(contentsOf: cells[(base + from)..<(base + end)])
                } else {
                    runs.append(CellRun(y: y, x: start, cells: Array(cells[(base + start)..<(base + end)])))
                }
                x = end
            }
        }
        return runs
    }
}
