import CNcursesw
import Dashboard

/// Maps style roles to curses attributes and colour pairs for this terminal's colour
/// depth. Pairs are allocated on first use and cached, so a frame costs lookups only.
struct ColorPalette {
    let colors: Int
    let maxPairs: Int
    let depth: ColorDepth
    private var pairs: [PairKey: Int32] = [:]
    private var sourceTheme: Theme?
    private var resolvedTheme = Theme.default
    /// By `StyleRole.rawValue`: looked up for every cell drawn.
    private var cache = [(attr_t, Int32)?](repeating: nil, count: 256)

    private struct PairKey: Hashable { let fg: Int32, bg: Int32 }

    init(colors: Int, maxPairs: Int) {
        self.colors = colors
        self.maxPairs = maxPairs
        switch colors {
        case 0..<8: depth = .mono
        case 8..<16: depth = .ansi8
        case 16..<256: depth = .ansi16
        case 256..<16_777_216: depth = .indexed256
        default: depth = .truecolor
        }
    }

    /// Draws with `theme` from now on. Once per frame, not per cell: comparing two themes
    /// compares every role's style.
    mutating func use(_ theme: Theme) {
        guard sourceTheme != theme else { return }
        sourceTheme = theme
        resolvedTheme = theme.resolved(for: depth)
        cache = [(attr_t, Int32)?](repeating: nil, count: 256)
    }

    /// The attributes and colour pair of `role` in the theme in use.
    mutating func attributes(for role: StyleRole) -> (attr_t, Int32) {
        if let hit = cache[Int(role.rawValue)] { return hit }
        let style = resolvedTheme[role]
        var attr = cn_A_NORMAL()
        if style.bold { attr |= cn_A_BOLD() }
        if style.dim { attr |= cn_A_DIM() }
        if style.underline { attr |= cn_A_UNDERLINE() }
        if style.reverse { attr |= cn_A_REVERSE() }
        var pair: Int32 = 0
        if depth != .mono {
            pair = self.pair(fg: number(style.fg), bg: number(style.bg))
        }
        cache[Int(role.rawValue)] = (attr, pair)
        return (attr, pair)
    }

    private func number(_ c: ThemeColor) -> Int32 {
        switch c {
        case .default: -1
        case let .ansi(i): Int32(i)
        case let .indexed(i): Int32(i)
        case let .rgb(r, g, b): Int32(r) << 16 | Int32(g) << 8 | Int32(b)
        }
    }

    private mutating func pair(fg: Int32, bg: Int32) -> Int32 {
        if fg == -1 && bg == -1 { return 0 }
        let key = PairKey(fg: fg, bg: bg)
        if let p = pairs[key] { return p }
        let next = Int32(pairs.count + 1)
        guard next < maxPairs, init_extended_pair(next, fg, bg) == OK else { return 0 }
        pairs[key] = next
        return next
    }
}
