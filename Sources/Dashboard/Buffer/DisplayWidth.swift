import Events

/// Terminal display width of a Unicode scalar, in pure Swift (no libc `wcwidth`, no
/// locale state), so layout is the same in tests, over SSH and in any locale.
///
/// - `nil`: not printable. Everything `DisplaySafe` calls unsafe (C0 and C1 controls,
///   ESC, DEL, format characters such as bidi marks and overrides and zero-width joiners,
///   line/paragraph separators, invisible fillers), plus private use and unassigned code
///   points, whose width no terminal agrees on.
/// - `0`: combining marks, variation selectors.
/// - `2`: East Asian Wide and Fullwidth (CJK, Hangul, fullwidth forms, wide emoji).
/// - `1`: everything else, including East Asian Ambiguous (rendered narrow, as in
///   non-CJK locales).
///
/// `CellBuffer.put` draws widths 1 and 2 as themselves, an unsafe scalar as its visible
/// `\u{HEX}` escape (the one convention of `DisplaySafe`, as in the report and CSV), and
/// anything else it cannot measure (a combining mark, private use) as a one-column `?`:
/// log data never gets to move the cursor, recolour the screen or hide characters.
public enum DisplayWidth {
    public static func of(_ scalar: Unicode.Scalar) -> Int? {
        let v = scalar.value
        if DisplaySafe.isUnsafe(scalar) { return nil }
        if v < 0x7F { return 1 }
        let props = scalar.properties
        switch props.generalCategory {
        case .privateUse, .unassigned:
            return nil
        case .nonspacingMark, .enclosingMark:
            return 0
        default:
            break
        }
        if props.isDefaultIgnorableCodePoint { return 0 }
        return isWide(v) ? 2 : 1
    }

    /// Columns `CellBuffer.put` uses for `scalar`: its width when drawable, its escape's
    /// length when unsafe, 1 for the `?` placeholder otherwise.
    @inline(__always)
    public static func drawn(_ scalar: Unicode.Scalar) -> Int {
        if let w = of(scalar), w == 1 || w == 2 { return w }
        return DisplaySafe.isUnsafe(scalar) ? DisplaySafe.escapeWidth(scalar) : 1
    }

    /// Width of a string as `CellBuffer.put` will draw it.
    public static func of(_ text: String) -> Int {
        var total = 0
        for s in text.unicodeScalars { total += drawn(s) }
        return total
    }

    /// True when the scalar draws as itself (width 1 or 2); false when it is replaced.
    public static func isDrawable(_ scalar: Unicode.Scalar) -> Bool {
        guard let w = of(scalar) else { return false }
        return w == 1 || w == 2
    }

    static func isWide(_ v: UInt32) -> Bool {
        if v < 0x1100 { return false }
        var lo = 0, hi = wideRanges.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            let r = wideRanges[mid]
            if v < r.lowerBound { hi = mid - 1 } else if v > r.upperBound { lo = mid + 1 } else { return true }
        }
        return false
    }

    /// East Asian Width W and F ranges (generated from Unicode 14 EastAsianWidth.txt,
    /// unassigned gaps merged so newer CJK additions stay wide).
    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0,
        0x23F3...0x23F3, 0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F,
        0x2693...0x2693, 0x26A1...0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5,
        0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA, 0x26F2...0x26F3, 0x26F5...0x26F5,
        0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B, 0x2728...0x2728,
        0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
        0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
        0x2E80...0x303E, 0x3041...0x3247, 0x3250...0x4DBF, 0x4E00...0xA4C6, 0xA960...0xA97C,
        0xAC00...0xD7A3, 0xF900...0xFAD9, 0xFE10...0xFE19, 0xFE30...0xFE6B, 0xFF01...0xFF60,
        0xFFE0...0xFFE6, 0x16FE0...0x1B2FB, 0x1F004...0x1F004, 0x1F0CF...0x1F0CF,
        0x1F18E...0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F320, 0x1F32D...0x1F335,
        0x1F337...0x1F37C, 0x1F37E...0x1F393, 0x1F3A0...0x1F3CA, 0x1F3CF...0x1F3D3,
        0x1F3E0...0x1F3F0, 0x1F3F4...0x1F3F4, 0x1F3F8...0x1F43E, 0x1F440...0x1F440,
        0x1F442...0x1F4FC, 0x1F4FF...0x1F53D, 0x1F54B...0x1F54E, 0x1F550...0x1F567,
        0x1F57A...0x1F57A, 0x1F595...0x1F596, 0x1F5A4...0x1F5A4, 0x1F5FB...0x1F64F,
        0x1F680...0x1F6C5, 0x1F6CC...0x1F6CC, 0x1F6D0...0x1F6D2, 0x1F6D5...0x1F6DF,
        0x1F6EB...0x1F6EC, 0x1F6F4...0x1F6FC, 0x1F7E0...0x1F7F0, 0x1F90C...0x1F93A,
        0x1F93C...0x1F945, 0x1F947...0x1F9FF, 0x1FA70...0x1FAF6, 0x20000...0x3134A,
    ]
}
