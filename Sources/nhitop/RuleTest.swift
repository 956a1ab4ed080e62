import Events
import Ingest
import Rules

/// `nhitop rules --test FILE…`: the files read once with the rules on (as `report` reads
/// them), and every match printed with the file and line of its record, so a rule author
/// sees what a rule catches before it runs in the dashboard.
struct RuleTest {
    let set: RuleSet
    var options: IngestOptions
    let json: Bool

    init(set: RuleSet, options: IngestOptions, json: Bool) {
        self.set = set
        self.options = options
        self.options.rules = set.forIngest
        self.json = json
    }

    func run(paths: [String]) throws {
        var out: [UInt8] = []
        var matches = 0
        var writeError: Error?
        // Output goes out in chunks as records are read: a big log can match often.
        func flush() {
            guard writeError == nil, !out.isEmpty else { out.removeAll(keepingCapacity: true); return }
            do { try StandardOutput.write(out) } catch { writeError = error }
            out.removeAll(keepingCapacity: true)
        }
        let statuses = InputSet.readAll(paths: paths, options: options) { event in
            for hit in event.ruleHits {
                matches += 1
                out += json ? Self.jsonLine(hit, event) : Array(Self.textLine(hit, event).utf8)
            }
            if out.count >= 64 << 10 { flush() }
        }
        if !json {
            let records = statuses.total(\.events)
            let p = RuleListing.plural
            out += Array("\(p(matches, "match", "matches")) in \(p(records, "record", nil)) of \(p(statuses.count, "file", nil))\n".utf8)
        }
        flush()
        if let writeError { throw writeError }
        reportProblems(statuses)
    }

    /// `FILE:LINE  LEVEL  RULE-ID  TITLE: REASON`, every piece from a file made safe to show.
    /// A Sigma reason already starts with the title: it is not said twice.
    static func textLine(_ hit: RuleHit, _ e: NormalizedEvent) -> String {
        let safe = DisplaySafe.text
        let words = hit.reason.hasPrefix(hit.rule.title) ? hit.reason : "\(hit.rule.title): \(hit.reason)"
        return "\(safe(e.origin.source)):\(e.origin.line)  \(hit.rule.level.label)  \(safe(hit.rule.id))  \(safe(words))\n"
    }

    /// `{"path", "line", "rule": {"id", "title", "source", "level", "tactic"}, "identity", "action", "reason"}`.
    static func jsonLine(_ hit: RuleHit, _ e: NormalizedEvent) -> [UInt8] {
        JSONWriter.line { w in
            w.field("path", e.origin.source)
            w.field("line", e.origin.line)
            w.object("rule") { r in
                r.field("id", hit.rule.id)
                r.field("title", hit.rule.title)
                r.field("source", hit.rule.source.label)
                r.field("level", hit.rule.level.label)
                r.field("tactic", hit.rule.tactic)
            }
            w.field("identity", e.identity)
            w.field("action", e.action)
            w.field("reason", hit.reason)
        }
    }
}
