import Events

/// Small, width-aware text helpers for the view. Widths count what `CellBuffer.put`
/// will draw (an unsafe scalar its `\u{HEX}` escape, another unprintable one a 1-column `?`).
enum TextFormat {
    enum Cut { case end, middle }

    static func scalarWidth(_ s: Unicode.Scalar) -> Int {
        DisplayWidth.drawn(s)
    }

    /// `text` shortened to at most `width` columns, with `ellipsis` at the end or in the
    /// middle (identities keep both their start and their most specific tail).
    static func fit(_ text: String, _ width: Int, cut: Cut = .end, ellipsis: String) -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width { return text }
        let e = DisplayWidth.of(ellipsis)
        guard width > e else { return prefix(text, width) }
        let room = width - e
        switch cut {
        case .end:
            return prefix(text, room) + ellipsis
        case .middle:
            let head = room * 2 / 5
            return prefix(text, head) + ellipsis + suffix(text, room - head)
        }
    }

    static func prefix(_ text: String, _ width: Int) -> String {
        var out = String.UnicodeScalarView()
        var used = 0
        for s in text.unicodeScalars {
            let w = scalarWidth(s)
            if used + w > width { break }
            out.append(s)
            used += w
        }
        return String(out)
    }

    static func suffix(_ text: String, _ width: Int) -> String {
        var out: [Unicode.Scalar] = []
        var used = 0
        for s in text.unicodeScalars.reversed() {
            let w = scalarWidth(s)
            if used + w > width { break }
            out.append(s)
            used += w
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: out.reversed())
        return String(view)
    }

    /// Hard-wraps at `width` columns into at most `maxLines` lines (the last one ellipsized).
    static func wrap(_ text: String, _ width: Int, maxLines: Int, ellipsis: String) -> [String] {
        guard width > 0, maxLines > 0 else { return [] }
        var lines: [String] = []
        var rest = Substring(text).unicodeScalars
        while !rest.isEmpty {
            if lines.count == maxLines - 1 {
                lines.append(fit(String(String.UnicodeScalarView(rest)), width, ellipsis: ellipsis))
                break
            }
            var used = 0
            var idx = rest.startIndex
            while idx != rest.endIndex {
                let w = scalarWidth(rest[idx])
                if used + w > width { break }
                used += w
                idx = rest.index(after: idx)
            }
            if idx == rest.startIndex { break }
            // Prefer to break after the last space, when the text goes on.
            if idx != rest.endIndex, rest[idx] != " ",
               let space = rest[rest.startIndex..<idx].lastIndex(of: " "), space != rest.startIndex {
                idx = rest.index(after: space)
            }
            lines.append(String(String.UnicodeScalarView(rest[rest.startIndex..<idx])))
            rest = rest[idx...]
            if lines.count > 0 { while rest.first == " " { rest = rest.dropFirst() } }
        }
        return lines.isEmpty ? [""] : lines
    }

    /// `12,345`.
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }

    /// At most 4 columns: `999`, `9999`, `12k`, `1.2M`.
    static func compact(_ n: Int) -> String {
        if n < 10_000 { return String(n) }
        if n < 1_000_000 { return String(n / 1000) + "k" }
        if n < 10_000_000 { return String(n / 1_000_000) + "." + String((n / 100_000) % 10) + "M" }
        return String(min(n / 1_000_000, 999)) + "M"
    }

    /// `42.3`.
    static func oneDecimal(_ v: Double) -> String {
        guard v.isFinite, v >= 0 else { return "0.0" }
        let tenths = Int((v * 10).rounded())
        return String(tenths / 10) + "." + String(tenths % 10)
    }

    /// Age on the event clock: `0s`, `59s`, `12m`, `3h`, `9d`.
    static func age(_ then: EventTime, now: EventTime) -> String {
        let s = max(0, now.seconds - then.seconds)
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" }
        if s < 86_400 { return "\(s / 3600)h" }
        return "\(s / 86_400)d"
    }

    static func decision(_ d: Decision) -> (String, StyleRole) {
        switch d {
        case .allow: (d.word, .ok)
        case .deny: (d.word, .error)
        case .error: (d.word, .warn)
        case .unknown: (d.word, .muted)
        }
    }
}

/// A piece of a line with its role.
struct Span: Hashable {
    var text: String
    var role: StyleRole
    init(_ text: String, _ role: StyleRole = .text) {
        self.text = text
        self.role = role
    }
}

extension CellBuffer {
    /// Draws spans left to right within `maxWidth`; returns the columns used.
    @discardableResult
    mutating func put(_ spans: [Span], x: Int, y: Int, maxWidth: Int) -> Int {
        var used = 0
        for span in spans where used < maxWidth {
            used += put(span.text, x: x + used, y: y, maxWidth: maxWidth - used, role: span.role)
        }
        return used
    }
}
