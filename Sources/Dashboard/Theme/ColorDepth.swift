/// How many colours the terminal can show; the backend picks it from `COLORS`
/// (`has_colors() == false` or `NO_COLOR` → `.mono`).
public enum ColorDepth: Hashable, Sendable, CaseIterable {
    case mono, ansi8, ansi16, indexed256, truecolor
}

extension Theme {
    /// RGB → xterm-256 as btop does (`src/btop_theme.cpp`): the grey ramp 232–255 when
    /// r, g and b round to the same 1/11 step, else the nearest 6×6×6 cube entry.
    public static func rgbTo256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        let red = (Double(r) / 11).rounded()
        if red == (Double(g) / 11).rounded(), red == (Double(b) / 11).rounded() {
            return UInt8(232 + Int(red))
        }
        let c = { (v: UInt8) in Int((Double(v) / 51).rounded()) }
        return UInt8(c(r) * 36 + c(g) * 6 + c(b) + 16)
    }

    /// The RGB value of an xterm-256 palette entry (xterm's defaults for 0–15).
    public static func rgbOf256(_ index: UInt8) -> (UInt8, UInt8, UInt8) {
        let i = Int(index)
        if i < 16 { return xterm16[i] }
        if i >= 232 { let v = UInt8(8 + (i - 232) * 10); return (v, v, v) }
        let n = i - 16
        let level: (Int) -> UInt8 = { $0 == 0 ? 0 : UInt8(55 + $0 * 40) }
        return (level(n / 36), level((n / 6) % 6), level(n % 6))
    }

    /// The nearest of the first `count` (8 or 16) ANSI colours, by squared RGB distance.
    public static func nearestANSI(_ r: UInt8, _ g: UInt8, _ b: UInt8, count: Int) -> UInt8 {
        var best = 0, bestDist = Int.max
        for i in 0..<min(16, max(1, count)) {
            let (pr, pg, pb) = xterm16[i]
            let dr = Int(r) - Int(pr), dg = Int(g) - Int(pg), db = Int(b) - Int(pb)
            let d = dr * dr + dg * dg + db * db
            if d < bestDist { bestDist = d; best = i }
        }
        return UInt8(best)
    }

    static let xterm16: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// This theme with every colour expressed in what `depth` can show. For `.mono`
    /// colours become `default`, and a style that relied on a background colour (cursor
    /// row, status bar, badges) gets `reverse` so it stays visible.
    public func resolved(for depth: ColorDepth) -> Theme {
        var copy = self
        for (role, style) in styles {
            var s = style
            s.fg = style.fg.reduced(to: depth)
            s.bg = style.bg.reduced(to: depth)
            if depth == .mono, style.bg != .default { s.reverse = true }
            copy.styles[role] = s
        }
        return copy
    }
}

extension ThemeColor {
    public func reduced(to depth: ColorDepth) -> ThemeColor {
        switch (self, depth) {
        case (.default, _): return .default
        case (_, .mono): return .default
        case (_, .truecolor): return self
        case (.rgb(let r, let g, let b), .indexed256): return .indexed(Theme.rgbTo256(r, g, b))
        case (_, .indexed256): return self
        case (.ansi(let i), .ansi16): return .ansi(i)
        case (.ansi(let i), .ansi8): return .ansi(i & 7)
        case (.indexed(let i), _):
            let (r, g, b) = Theme.rgbOf256(i)
            return .ansi(i < 16 && depth == .ansi16 ? i : Theme.nearestANSI(r, g, b, count: depth == .ansi8 ? 8 : 16))
        case (.rgb(let r, let g, let b), _):
            return .ansi(Theme.nearestANSI(r, g, b, count: depth == .ansi8 ? 8 : 16))
        }
    }
}
