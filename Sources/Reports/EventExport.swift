import Events

/// `nhitop export`: one identity's normalized events, the evidence of what it did.
public enum ExportFormat: String, CaseIterable, Sendable {
    case jsonl, csv
}

public enum EventExport {
    /// Time order; events at the same instant keep the order they were read in.
    public static func sorted(_ events: [NormalizedEvent]) -> [NormalizedEvent] {
        events.enumerated().sorted { a, b in
            a.element.time != b.element.time ? a.element.time < b.element.time : a.offset < b.offset
        }.map(\.element)
    }

    public static let csvHeader = "ts,identity,kind,action,resource,decision,source_ip,credential,actor,format,source,line"

    /// nhitop's own JSON-lines event, so an export can be read back by nhitop, plus where it came from.
    public static func jsonLine(_ e: NormalizedEvent) -> [UInt8] {
        JSONWriter.line { w in
            w.field("ts", e.time.iso8601Micros)
            w.field("identity", e.identity)
            w.field("kind", e.identityKind.label)
            w.field("action", e.action)
            w.field("resource", e.resource)
            w.field("decision", e.decision.label)
            w.field("source_ip", e.sourceIP)
            w.field("credential", e.credentialID)
            if !e.actor.isEmpty { w.field("actor", e.actor) }
            w.field("format", e.format.label)
            w.field("source", e.origin.source)
            w.field("line", Int(e.origin.line))
        }
    }

    /// One RFC 4180 row, ending in CRLF: always one physical line, whatever the fields hold.
    public static func csvLine(_ e: NormalizedEvent) -> String {
        [e.time.iso8601Micros, e.identity, e.identityKind.label, e.action, e.resource, e.decision.label,
         e.sourceIP, e.credentialID, e.actor, e.format.label, e.origin.source, String(e.origin.line)]
            .map(csvField).joined(separator: ",") + "\r\n"
    }

    /// Sanitizes, quotes when needed, and defuses spreadsheet formulas. Log fields are
    /// attacker-chosen: an ESC sequence must not reach the terminal of whoever `cat`s the
    /// file, a newline must not split the row, a bidi override must not disguise a value
    /// (each becomes its visible `\u{HEX}` escape, see `DisplaySafe`), and `=HYPERLINK(…)`
    /// or `+cmd|…` must not run when an analyst opens the export.
    static func csvField(_ value: String) -> String {
        var v = DisplaySafe.text(value)
        if let first = v.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { v = "'" + v }
        guard v.contains(where: { $0 == "," || $0 == "\"" }) else { return v }
        return "\"" + v.replacing("\"", with: "\"\"") + "\""
    }
}
