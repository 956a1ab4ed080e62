/// # One sanitizer for every human-facing output
///
/// Log data is written by whoever controls the identity being watched. Text meant for a
/// person (the dashboard, the text report, CSV export, error messages on stderr) must
/// never carry a character a terminal or a spreadsheet acts on instead of showing:
///
/// - C0 controls, DEL and C1 controls: ESC and CSI start escape sequences (`ESC ] 0 ;`
///   retitles the window, `ESC [ 2 J` clears the screen), CR and BS overwrite what was shown,
///   LF and NEL split one record into two lines.
/// - Format characters (general category Cf): bidi embeddings, overrides and isolates
///   (U+202A–202E, U+2066–2069), bidi marks (U+200E, U+200F, U+061C), zero-width space and
///   joiners, invisible operators (U+2060–2064), U+FEFF, soft hyphen, tag characters.
///   They reorder or hide text, so `svc‮gnp.exe` reads as something else.
/// - Line and paragraph separators U+2028, U+2029.
/// - Other default-ignorable code points that draw as nothing (Hangul fillers, U+034F),
///   except variation selectors, which only choose a glyph's presentation.
/// - Surrogates: Swift strings cannot hold them; invalid UTF-8 and lone `\uD800` escapes
///   are decoded to U+FFFD (visible) before any text is made.
///
/// **The convention**: each such scalar is shown as `\u{HEX}`, uppercase hex without
/// padding, as Swift spells it: ESC → `\u{1B}`, BEL → `\u{7}`, U+202E → `\u{202E}`. Plain
/// ASCII, visible, one line, and it says exactly which character was there. A log may hold
/// the literal text `\u{1B}` too; the exact bytes are in the JSON outputs, which escape
/// rather than sanitize (see `JSONWriter`).
public enum DisplaySafe {
    /// True when `scalar` must not be written to a human-facing output as itself.
    @inlinable
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 || v == 0x7F { return true }
        if v < 0x7F { return false }
        if v < 0xA0 { return true }  // C1
        return isUnsafeNonASCII(scalar)
    }

    @usableFromInline
    static func isUnsafeNonASCII(_ scalar: Unicode.Scalar) -> Bool {
        let props = scalar.properties
        switch props.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate:
            return true
        default:
            break
        }
        guard props.isDefaultIgnorableCodePoint else { return false }
        return !props.isVariationSelector
    }

    /// `text` with every unsafe scalar replaced by its `\u{HEX}` escape. Returns `text`
    /// itself (no copy) when it is printable ASCII or holds nothing unsafe.
    public static func text(_ text: String) -> String {
        if isPlainASCII(text) { return text }
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if isUnsafe(s) { appendEscape(s, to: &out) } else { out.append(s) }
        }
        return String(out)
    }

    /// Printable ASCII only (0x20–0x7E): the common case, checked on bytes.
    @inline(__always)
    static func isPlainASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// Number of hex digits in the escape of `scalar` (no padding).
    @inline(__always)
    static func hexDigits(_ v: UInt32) -> Int {
        var n = 1
        var x = v >> 4
        while x != 0 { n += 1; x >>= 4 }
        return n
    }

    /// Columns (and scalars) the escape of `scalar` takes: `\u{` + hex + `}`.
    @inline(__always)
    public static func escapeWidth(_ scalar: Unicode.Scalar) -> Int {
        4 + hexDigits(scalar.value)
    }

    /// Calls `body` with each ASCII scalar of the escape of `scalar`, in order, without
    /// allocating: the dashboard draws them straight into cells.
    @inline(__always)
    public static func forEachEscapeScalar(_ scalar: Unicode.Scalar, _ body: (Unicode.Scalar) -> Void) {
        body("\\"); body("u"); body("{")
        let v = scalar.value
        var shift = UInt32(hexDigits(v) - 1) * 4
        while true {
            body(Unicode.Scalar(hexDigit(UInt8((v >> shift) & 0xF))))
            if shift == 0 { break }
            shift -= 4
        }
        body("}")
    }

    public static func appendEscape(_ scalar: Unicode.Scalar, to out: inout String.UnicodeScalarView) {
        forEachEscapeScalar(scalar) { out.append($0) }
    }

    @inline(__always)
    private static func hexDigit(_ d: UInt8) -> UInt8 {
        d < 10 ? 0x30 + d : 0x41 + (d - 10)
    }
}
