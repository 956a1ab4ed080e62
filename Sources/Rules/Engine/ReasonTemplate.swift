import Events

/// A hit's reason in words, filled from the record at match time: catalogue entries' `reason`
/// with `{path}` placeholders, or a Sigma rule's title naming its author (as the Detection
/// Rule License asks). Shown to people: every part passes `DisplaySafe.text`.
struct ReasonTemplate: Sendable {
    enum Part: Sendable {
        case text(String)
        case field(FieldPath)
    }

    static let maxValueCharacters = 80
    static let maxCharacters = 200

    let parts: [Part]
    /// ` (privilege escalation, T1098)`, already safe and cut to fit.
    let suffix: String
    /// The whole reason when it names no field (Sigma rules): built once, shared by every hit.
    let constant: String?

    /// Reads `{path}` placeholders; a `{` without a closing `}` is text. Throws for an unknown
    /// `@` field.
    init(template: String, suffix: String) throws(RuleLoadError) {
        var parts: [Part] = []
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = String(rest[rest.index(after: open)..<close])
            guard !name.isEmpty, !name.contains("{"), !name.contains(" ") else {
                parts.append(.text(String(rest[...open])))
                rest = rest[rest.index(after: open)...]
                continue
            }
            if open > rest.startIndex { parts.append(.text(DisplaySafe.text(String(rest[..<open])))) }
            let path = FieldPath(name)
            if name.hasPrefix("@"), path.normalized == nil {
                throw .invalid("reason names unknown field '{\(name)}'")
            }
            parts.append(.field(path))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { parts.append(.text(DisplaySafe.text(String(rest)))) }
        self.init(parts: parts, suffix: suffix)
    }

    private init(parts: [Part], suffix: String) {
        self.parts = parts
        var safe = DisplaySafe.text(suffix)
        // A long author list must not crowd out the reason itself.
        if safe.unicodeScalars.count > ReasonTemplate.maxCharacters / 2 { safe = ReasonTemplate.prefix(safe, ReasonTemplate.maxCharacters / 2 - 2) + "…)" }
        self.suffix = safe
        let namesAField = parts.contains { if case .field = $0 { true } else { false } }
        constant = namesAField ? nil
            : ReasonTemplate.fit(parts.map { if case .text(let t) = $0 { t } else { "" } }.joined(), safe)
    }

    /// Fixed text (a Sigma rule's title: its braces are not placeholders).
    init(literal: String, suffix: String) {
        self.init(parts: [.text(DisplaySafe.text(literal))], suffix: suffix)
    }

    /// ` (tactic words, T1, T2)` for a catalogue entry; empty when it names neither.
    static func catalogueSuffix(tactic: String, techniques: [String]) -> String {
        let words = [tactic.isEmpty ? nil : String(tactic.map { $0 == "-" ? " " : $0 }),
                     techniques.isEmpty ? nil : techniques.joined(separator: ", ")].compactMap { $0 }
        return words.isEmpty ? "" : " (" + words.joined(separator: ", ") + ")"
    }

    /// ` (Sigma rule by <author>; <tactic words>)`.
    static func sigmaSuffix(author: String, tactic: String) -> String {
        var s = author.isEmpty ? " (Sigma rule" : " (Sigma rule by \(author)"
        if !tactic.isEmpty { s += "; " + String(tactic.map { $0 == "-" ? " " : $0 }) }
        return s + ")"
    }

    func render(_ record: RecordAccess) -> String {
        if let constant { return constant }
        var out = ""
        for part in parts {
            switch part {
            case .text(let t): out += t
            case .field(let path): out += ReasonTemplate.values(record, path)
            }
        }
        return ReasonTemplate.fit(out, suffix)
    }

    /// `text` cut so that it and `suffix` stay within `maxCharacters` unicode scalars. Scalars,
    /// not `Character`s: one character may hold any number of combining marks.
    private static func fit(_ text: String, _ suffix: String) -> String {
        let room = maxCharacters - suffix.unicodeScalars.count
        guard text.unicodeScalars.count > room else { return text + suffix }
        return prefix(text, max(0, room - 1)) + "…" + suffix
    }

    /// The first `n` unicode scalars of `text`.
    private static func prefix(_ text: String, _ n: Int) -> String {
        var out = String.UnicodeScalarView()
        out.append(contentsOf: text.unicodeScalars.prefix(n))
        return String(out)
    }

    /// The record's value(s) at `path`, each cut to 80 unicode scalars, joined by `, `; `?` for none.
    private static func values(_ record: RecordAccess, _ path: FieldPath) -> String {
        var found: [String] = []
        _ = record.eachValue(at: path) { kind, bytes in
            guard kind != .null else { return false }
            var text = String(decoding: bytes, as: UTF8.self)
            if text.unicodeScalars.count > maxValueCharacters { text = prefix(text, maxValueCharacters - 1) + "…" }
            found.append(DisplaySafe.text(text))
            return found.count >= 5
        }
        return found.isEmpty ? "?" : found.joined(separator: ", ")
    }
}
