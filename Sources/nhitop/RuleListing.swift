import Activity
import Events
import Rules

/// What `nhitop rules` prints without --test: the rules that load and the ones skipped.
enum RuleListing {
    /// `{"rules": [{"id", "title", "source", "level", "tactic", "path"}], "skipped": [{"path", "reason"}]}`,
    /// one line, in the rule set's order (stable for the same files).
    static func json(_ set: RuleSet) -> [UInt8] {
        JSONWriter.line { w in
            w.key("rules")
            w.beginArray()
            for r in set.rules {
                w.beginObject()
                w.field("id", r.id)
                w.field("title", r.title)
                w.field("source", r.source.label)
                w.field("level", r.level.label)
                w.field("tactic", r.tactic)
                w.field("path", r.path)
                w.endObject()
            }
            w.endArray()
            w.key("skipped")
            w.beginArray()
            for s in set.skipped {
                w.beginObject()
                w.field("path", s.path)
                w.field("reason", s.reason)
                w.endObject()
            }
            w.endArray()
        }
    }

    /// A table of the rules, then one `skipped` line per rule that did not load (other log
    /// sources first, the failures last, next to the count), one `muted` line per `suppress:`
    /// entry of the risk config, then the count.
    static func text(_ set: RuleSet, suppressions: [Suppression] = []) -> String {
        let safe = DisplaySafe.text
        let rows = set.rules.map { r in
            [safe(r.id), r.level.label, r.tactic.isEmpty ? "-" : safe(r.tactic), r.source.label, safe(r.title)]
        }
        let header = ["ID", "LEVEL", "TACTIC", "SOURCE", "TITLE"]
        // Column widths from the data; a very long id or tactic shifts its own row only.
        let caps = [40, 13, 22, 7]
        let widths = caps.indices.map { c in min(caps[c], ([header] + rows).map { $0[c].count }.max() ?? 0) }
        func line(_ cells: [String]) -> String {
            var out = ""
            for (c, cell) in cells.enumerated() {
                if c < widths.count {
                    out += cell + String(repeating: " ", count: max(0, widths[c] - cell.count)) + "  "
                } else {
                    out += cell
                }
            }
            return out + "\n"
        }
        var out = rows.isEmpty ? "" : line(header)
        for row in rows { out += line(row) }
        let order: [SkippedRule.Kind] = [.otherLogsource, .unsupported, .invalid]
        for kind in order {
            for s in set.skipped where s.kind == kind {
                out += "skipped  \(safe(s.path)): \(safe(s.reason))\n"
            }
        }
        for m in suppressions { out += mutedLine(m) }
        return out + countLine(set) + "\n"
    }

    /// `muted  rule aws.ec2.snapshot-shared  identity backup-*  until 2026-12-31T00:00:00Z: DR copies`.
    static func mutedLine(_ m: Suppression) -> String {
        let safe = DisplaySafe.text
        var out = "muted  "
        switch m.target {
        case .rule(let id): out += "rule \(safe(id))"
        case .signal(let s): out += "signal \(s.name)"
        }
        out += "  identity \(safe(m.identity))"
        if let until = m.until { out += "  until \(until.iso8601)" }
        if !m.reason.isEmpty { out += ": \(safe(m.reason))" }
        return out + "\n"
    }

    /// `162 rules (104 built-in, 58 Sigma); 30 skipped: 27 other log sources, 3 unsupported`.
    static func countLine(_ set: RuleSet) -> String {
        let builtin = set.rules.filter { $0.source == .builtin }.count
        let sigma = set.rules.count - builtin
        var out = "\(plural(set.rules.count, "rule")) (\(builtin) built-in, \(sigma) Sigma); \(set.skipped.count) skipped"
        let kinds: [(SkippedRule.Kind, String, String)] = [
            (.otherLogsource, "other log source", "other log sources"),
            (.unsupported, "unsupported", "unsupported"),
            (.invalid, "invalid", "invalid"),
        ]
        let parts = kinds.compactMap { kind, one, many -> String? in
            let n = set.skipped.filter { $0.kind == kind }.count
            return n == 0 ? nil : "\(n) \(n == 1 ? one : many)"
        }
        if !parts.isEmpty { out += ": " + parts.joined(separator: ", ") }
        return out
    }

    static func plural(_ n: Int, _ one: String, _ many: String? = nil) -> String {
        "\(n) \(n == 1 ? one : many ?? one + "s")"
    }
}
