import Activity
import Events

extension Report {
    /// The report for a person at a terminal: sources, then identities riskiest first with
    /// their reasons in words. Every data string is made safe to print (no escapes reach
    /// the terminal) and cut to its column.
    public func text() -> String {
        var out = "nhitop report: \(events) events, \(malformed) malformed, \(ignored) ignored"
        if skipped > 0 { out += ", \(skipped) before --since" }
        // What the sources flagged: shown in the report, not only counted in its JSON.
        if clockSkewed > 0 { out += ", \(clockSkewed) future-dated" }
        if auditIDReused > 0 { out += ", \(auditIDReused) reused auditID\(auditIDReused == 1 ? "" : "s")" }
        if let span { out += ", \(span.first.iso8601) to \(span.last.iso8601)" }
        out += "\n\n"
        out += pad("SOURCE", 44) + " " + pad("FORMAT", 10) + " " + lpad("EVENTS", 8) + " " + lpad("MALFORMED", 9)
            + " " + lpad("IGNORED", 8) + "\n"
        for s in sources {
            out += pad(DisplaySafe.text(s.name), 44) + " " + pad(s.format?.label ?? "-", 10) + " "
                + lpad(String(s.events), 8) + " " + lpad(String(s.malformed), 9) + " " + lpad(String(s.ignored), 8)
            if !s.message.isEmpty { out += "  " + DisplaySafe.text(s.message) }
            out += "\n"
        }
        out += "\n" + lpad("RISK", 4) + " L " + pad("IDENTITY", 44) + " " + pad("KIND", 11) + " " + lpad("EVENTS", 7)
            + " " + lpad("DENIED", 6) + " " + lpad("ERRORS", 6) + "  LAST SEEN\n"
        for i in identities {
            let r = i.row
            out += lpad(String(r.risk), 4) + " " + RiskLevel(score: r.risk).letter + " "
                + pad(DisplaySafe.text(r.identity), 44) + " " + pad(r.kind.label, 11) + " "
                + lpad(String(r.events), 7) + " " + lpad(String(r.denied), 6) + " " + lpad(String(r.errors), 6)
                + "  " + r.lastSeen.iso8601 + "\n"
            for reason in r.reasons {
                out += "       " + lpad("+\(reason.points)", 4) + " " + DisplaySafe.text(reason.text) + "\n"
            }
            // Only past a bound: the evidence kept is then the most frequent and the newest.
            if !r.distinctSaturated.isEmpty {
                out += "            distinct " + r.saturationText() + " (most frequent and newest kept)\n"
            }
        }
        return out
    }
}

private func pad(_ s: String, _ width: Int) -> String {
    let cut = TextSafety.truncate(s, to: width)
    return cut + String(repeating: " ", count: max(0, width - cut.count))
}

private func lpad(_ s: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - s.count)) + s
}

/// Log fields are attacker-controlled: text meant for a terminal never carries control or
/// format characters (an ESC could rewrite the operator's screen, a bidi override could
/// disguise a name). The one sanitizer is `DisplaySafe`; this is its name in Reports.
public enum TextSafety {
    /// Cuts to `width` characters, marking the cut with `…`.
    public static func truncate(_ s: String, to width: Int) -> String {
        guard s.count > width else { return s }
        guard width > 1 else { return String(s.prefix(width)) }
        return String(s.prefix(width - 1)) + "…"
    }
}
