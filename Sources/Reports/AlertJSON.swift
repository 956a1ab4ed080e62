import Activity
import Events

extension Alert {
    /// One line of the `--alerts FILE` stream:
    /// `{"ts","identity","kind","level","previous_level","risk","reasons":[{"signal","points","reason","last_seen","count"}]}`.
    public func jsonLine() -> [UInt8] {
        JSONWriter.line { w in
            w.field("ts", time.iso8601Micros)
            w.field("identity", identity)
            w.field("kind", kind.label)
            w.field("level", level.word)
            w.field("previous_level", previous.word)
            w.field("risk", risk)
            w.key("reasons")
            w.beginArray()
            for r in reasons { r.write(into: &w) }
            w.endArray()
        }
    }
}

extension RiskReason {
    /// `{"signal","points","reason","last_seen","count"}`: what, how much, why, and when; a
    /// reason from a rule adds `"rule":{"id","title","source","author","tactic"}` (the Sigma
    /// licence asks that a message from a match name the rule's author).
    func write(into w: inout JSONWriter) {
        w.beginObject()
        w.field("signal", signal)
        w.field("points", points)
        w.field("reason", text)
        w.field("last_seen", lastSeen.iso8601Micros)
        w.field("count", count)
        if let rule {
            w.object("rule") { w in
                w.field("id", rule.id)
                w.field("title", rule.title)
                w.field("source", rule.source.label)
                w.field("author", rule.author)
                w.field("tactic", rule.tactic)
            }
        }
        w.endObject()
    }
}
