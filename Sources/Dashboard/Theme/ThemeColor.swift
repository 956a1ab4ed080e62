/// A colour as written in a theme.
public enum ThemeColor: Hashable, Sendable, CustomStringConvertible {
    /// The terminal's own foreground/background (ncurses `-1`): transparent over SSH.
    case `default`
    /// One of the 16 ANSI colours (0–7 normal, 8–15 bright), written by name.
    case ansi(UInt8)
    /// An xterm-256 palette index, written as a number.
    case indexed(UInt8)
    /// `#RRGGBB`.
    case rgb(UInt8, UInt8, UInt8)

    public static let ansiNames: [String] = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright_black", "bright_red", "bright_green", "bright_yellow",
        "bright_blue", "bright_magenta", "bright_cyan", "bright_white",
    ]

    /// Parses `default`, an ANSI name (`red`, `bright_red`, `gray`/`grey`), `0`–`255`
    /// or `#RRGGBB`. Returns nil for anything else.
    public init?(parsing text: String) {
        let t = text.trimmingSpaces().lowercased()
        if t == "default" || t == "none" { self = .default; return }
        if let i = ThemeColor.ansiNames.firstIndex(of: t) { self = .ansi(UInt8(i)); return }
        if t == "gray" || t == "grey" { self = .ansi(8); return }
        if let n = Int(t) {
            guard (0...255).contains(n) else { return nil }
            self = .indexed(UInt8(n)); return
        }
        if t.hasPrefix("#"), t.count == 7 {
            let hex = Array(t.utf8.dropFirst())
            func byte(_ i: Int) -> UInt8? {
                guard let hi = hexValue(hex[i]), let lo = hexValue(hex[i + 1]) else { return nil }
                return hi << 4 | lo
            }
            guard let r = byte(0), let g = byte(2), let b = byte(4) else { return nil }
            self = .rgb(r, g, b); return
        }
        return nil
    }

    public var description: String {
        switch self {
        case .default: "default"
        case .ansi(let i): ThemeColor.ansiNames[Int(i & 15)]
        case .indexed(let i): String(i)
        case .rgb(let r, let g, let b): "#" + hex2(r) + hex2(g) + hex2(b)
        }
    }
}

private func hexValue(_ c: UInt8) -> UInt8? {
    switch c {
    case 48...57: c - 48
    case 97...102: c - 87
    default: nil
    }
}

private func hex2(_ v: UInt8) -> String {
    let digits = Array("0123456789abcdef")
    return String([digits[Int(v >> 4)], digits[Int(v & 15)]])
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s = s.dropFirst() }
        while s.last == " " || s.last == "\t" { s = s.dropLast() }
        return String(s)
    }
}
